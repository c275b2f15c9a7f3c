import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { DEFAULT_CONCURRENCY, DEFAULT_SCP_LIMIT } from '../../ops/defaults';
import { addAwsOptions } from '../aws-options';
import { addAggregatorOptions, addExitCodes, EXIT_USAGE_LINE, parsePositiveInteger } from '../options';
import type { PreflightCommandOptions } from '../preflight';

/** `root-guard preflight`: options, help and exit codes; the action loads the run (../preflight.ts). */
export function define(command: Command): void {
  command
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--json', 'print the result as JSON (for CI)')
    .option('--scp-limit <n>', `SCPs allowed per OU (AWS documents ${DEFAULT_SCP_LIMIT}; the 2026-05 raise to 10 is reported but not documented yet)`, parsePositiveInteger, DEFAULT_SCP_LIMIT)
    .option('--concurrency <n>', 'Organizations parents listed at once per API', parsePositiveInteger, DEFAULT_CONCURRENCY)
    .option('--enrolment-stack-set <name>', 'the stack set CfCT reads enrolment from, when its CONTROL_TOWER_BASELINE_CONFIG_STACKSET is not AWSControlTowerBP-BASELINE-CONFIG (landing zone 4.0)', parseStackSetName);
  addAggregatorOptions(command, 'that tells which root-check accounts record with AWS Config (check config-recording)')
    .addHelpText('after', [
      '',
      'Credentials come from the standard chain (AWS_PROFILE, SSO, environment) or --profile; clients use the',
      'config\'s homeRegion unless --region. The config-recording check runs with --aggregator-profile (the Audit',
      'account\'s profile, for Control Tower\'s aggregator) or --aggregator (an aggregator these credentials can read).',
    ].join('\n'));
  addAwsOptions(command);
  addExitCodes(command, ['0 nothing failed (warnings allowed)', '1 a check failed, or an AWS call failed or timed out', EXIT_USAGE_LINE])
    .action(async (options: PreflightCommandOptions) => (await import('../preflight')).preflightAction(options));
}

/** A stack set name (a letter, then letters, digits and hyphens, at most 128: CreateStackSet's StackSetName). */
function parseStackSetName(value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value)) throw new InvalidArgumentError(`"${value.slice(0, 60)}" is not a stack set name (a letter, then letters, digits and hyphens)`);
  return value;
}
