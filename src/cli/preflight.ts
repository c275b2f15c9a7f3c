import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/load';
import { DEFAULT_CONCURRENCY } from '../ops/organization';
import { DEFAULT_SCP_LIMIT, type PreflightClients, type PreflightResult, runPreflight } from '../ops/preflight';
import { addAwsOptions, type AwsOptions, type ClientFactory, loadCommandContext } from './context';
import { addAggregatorOptions, addExitCodes, type AggregatorOptions, EXIT_USAGE_LINE, parsePositiveInteger } from './options';
import { noteRun, renderEnvelope } from './json-output';
import { createProgress, outputWidth, renderFittedTable, renderTable, wrapText } from './output';

/** Options of `root-guard preflight`. */
export interface PreflightCommandOptions extends AwsOptions, AggregatorOptions {
  readonly config: string;
  readonly json?: boolean;
  readonly scpLimit: number;
  readonly concurrency: number;
  readonly enrolmentStackSet?: string;
}

/** `root-guard preflight`: checks the organization is ready for the package, before committing it. */
export function registerPreflight(program: Command): void {
  const command = program
    .command('preflight')
    .description('Check the organization is ready for the package (home region, log group, execution role, OU paths, enrolment, SCP slots, security topic); run with the management account\'s credentials')
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
    .action(async (options: PreflightCommandOptions) => {
      process.exitCode = await runPreflightCommand(options, (text) => process.stdout.write(text));
    });
}

/** Creates the preflight's SDK clients from the command's client factory. */
export function createPreflightClients(clients: ClientFactory, options: AggregatorOptions = {}): PreflightClients {
  const readAggregator = options.aggregator !== undefined || options.aggregatorProfile !== undefined;
  return {
    sts: clients.create(STSClient),
    organizations: clients.create(OrganizationsClient),
    cloudformation: clients.create(CloudFormationClient),
    logs: clients.create(CloudWatchLogsClient),
    iam: clients.create(IAMClient),
    sns: clients.create(SNSClient),
    cloudtrail: clients.create(CloudTrailClient),
    ...(readAggregator ? { aggregatorConfig: clients.create(ConfigServiceClient, { profile: options.aggregatorProfile }) } : {}),
  };
}

/** Runs the command; returns the exit code. */
export async function runPreflightCommand(options: PreflightCommandOptions, print: (text: string) => void): Promise<number> {
  const { file, config, clients } = loadCommandContext(options);
  const progress = createProgress('preflight: reading the organization');
  let result: PreflightResult;
  try {
    result = await runPreflight({
      config,
      configFile: file,
      clients: createPreflightClients(clients, options),
      ...(options.aggregator ? { aggregatorName: options.aggregator } : {}),
      scpLimit: options.scpLimit,
      concurrency: options.concurrency,
      ...(options.enrolmentStackSet ? { enrolmentStackSet: options.enrolmentStackSet } : {}),
      onProgress: (done, total, label) => progress.update(done, total, label),
    });
  } finally {
    progress.done();
    clients.destroy();
  }
  const exitCode = result.ok ? 0 : 1;
  if (result.caller.account) noteRun({ callerAccount: result.caller.account, callerArn: result.caller.arn });
  if (result.organizationId) noteRun({ organizationId: result.organizationId });
  print(options.json ? renderEnvelope('preflight', result, exitCode) : renderPreflight(result));
  return exitCode;
}

/** A stack set name (a letter, then letters, digits and hyphens, at most 128: CreateStackSet's StackSetName). */
function parseStackSetName(value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value)) throw new InvalidArgumentError(`"${value.slice(0, 60)}" is not a stack set name (a letter, then letters, digits and hyphens)`);
  return value;
}

/** The readable report: one row per finding with its message below, then the totals and what to do. */
export function renderPreflight(result: PreflightResult, width: number = outputWidth()): string {
  // Fitted to the terminal: messages wrap under their finding (src/render/fit-width.ts).
  const lines = [
    ...wrapText(`Preflight of ${result.configFile}: management account ${result.managementAccountId}, home region ${result.homeRegion}, as ${result.caller.arn}`, width, '', '  '),
    '',
  ];
  // One table row per finding (status, check, target, API call), its message on the line below it:
  // messages are sentences with the fix, too long to share a row with the other columns.
  const table = renderTable(['STATUS', 'CHECK', 'TARGET', 'API'], result.findings.map((f) => [f.status.toUpperCase(), f.check, f.target, f.api])).trimEnd().split('\n');
  if (table[0].length > width) {
    // Too wide for the terminal: the API call moves to the start of its finding's message.
    const rows = result.findings.map((f) => [f.status.toUpperCase(), f.check, f.target]);
    const findings = renderFittedTable(['STATUS', 'CHECK', 'TARGET'], rows, width, (i) => wrapText(`${result.findings[i].api}: ${result.findings[i].message}`, width, '        '));
    lines.push(...findings.trimEnd().split('\n'));
  } else {
    lines.push(...table.slice(0, 2));
    result.findings.forEach((f, i) => lines.push(table[i + 2], ...wrapText(f.message, width, '        ')));
  }
  lines.push('');
  const { pass, warn, fail } = result.summary;
  lines.push(`${result.findings.length} findings: ${pass} pass, ${warn} warn, ${fail} fail.`);
  if (result.unread.length > 0) {
    lines.push(`Partial result: ${result.unread.length} item(s) could not be read:`);
    for (const u of result.unread) lines.push(...wrapText(`${u.target} (${u.api}): ${u.reason}`, width, '  ', '      '));
  }
  lines.push(fail > 0 ? 'Fix the failures above before committing the package.' : 'Ready: commit the package, then `root-guard publish`.');
  return `${lines.join('\n')}\n`;
}
