import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { CONTROL_TOWER_AGGREGATOR } from '../../ops/defaults';
import type { AuditCommandOptions } from '../audit';
import { addAwsOptions } from '../aws-options';
import { addAggregatorOptions, addExitCodes, EXIT_USAGE_LINE, integerOption } from '../options';

/** `root-guard audit`: options, help and exit codes; the action loads the run (../audit.ts). */
export function define(command: Command): void {
  command
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--json', 'print the full result as JSON (for CI)')
    .option('--all', 'list every account, not only those with gaps')
    .option('--topic-profile <name>', 'AWS profile of the security topic\'s account, to check its email subscriptions were confirmed with authentication')
    .option('--concurrency <n>', 'Organizations parents listed at once per API', integerOption({ max: 20 }), 3);
  addAggregatorOptions(command, 'with the root checks\' results', CONTROL_TOWER_AGGREGATOR)
    .addHelpText('after', [
      '',
      'Run with the management account\'s credentials (--profile): the audit first checks that the caller is the',
      'config\'s managementAccountId and stops with "wrong account" otherwise (docs/operating.md says what a',
      'delegated administrator can and cannot read).',
    ].join('\n'));
  addAwsOptions(command);
  addExitCodes(command, [
    '0 every account covered',
    '1 gaps (an account uncovered or non-compliant, or an org-level check missing or failing), or the wrong account, or an AWS call failed or timed out',
    EXIT_USAGE_LINE,
    '3 no gap found but something could not be read (partial)',
  ])
    .action(async (options: AuditCommandOptions) => (await import('../audit')).auditAction(options));
}
