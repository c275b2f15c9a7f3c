import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import type { BacktestCommandOptions } from '../backtest';
import { addExitCodes, EXIT_USAGE_LINE, integerOption } from '../options';

/** `root-guard backtest`: options, help and exit codes; the action loads the run (../backtest.ts). */
export function define(command: Command): void {
  command
    .argument('<paths...>', 'CloudTrail files or directories (read recursively): {"Records":[…]} files as delivered to S3, gzipped or not, or JSON lines')
    .option('-c, --config <file>', `evaluate every metric filter the package deploys for this config: root activity, CIS (cisMonitoring), tamper (tamperAlerts) (default: ${DEFAULT_CONFIG_FILE} when it exists)`)
    .option('-p, --pattern <pattern>', 'evaluate this CloudWatch Logs JSON filter pattern instead, e.g. \'{ $.eventName = "ConsoleLogin" }\'')
    .option('--json', 'print one JSON object (events, matched, per-filter details) instead of the report')
    .option('--examples <n>', 'matches to print in full per filter', integerOption({ min: 0 }), 5);
  addExitCodes(command, ['0 every input was read', '1 something was skipped (a path, a file, records, or a filter whose pattern is invalid), or bad input', `${EXIT_USAGE_LINE}, or the paths hold no CloudTrail event`])
    .action(async (paths: string[], options: BacktestCommandOptions) => (await import('../backtest')).backtestAction(paths, options));
}
