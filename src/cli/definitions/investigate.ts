import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { addAwsOptions } from '../aws-options';
import type { InvestigateCommandOptions } from '../investigate';
import { addExitCodes, EXIT_USAGE_LINE, integerOption } from '../options';

/** Exit code of `--fail-on-root-credentials` when the root user's own credentials were used. */
export const INVESTIGATE_ROOT_CREDENTIALS_USED = 4;

/** `root-guard investigate`: options, help and exit codes; the action loads the run (../investigate.ts). */
export function define(command: Command): void {
  command
    .option('-c, --config <file>', 'config file (for the home region)', DEFAULT_CONFIG_FILE)
    .option('--since <duration>', 'window ending now: 30m, 1h, 2d (default 1h)', parseDuration)
    .option('--start <time>', 'window start, ISO 8601 (e.g. 2026-05-01T10:00:00Z)', parseTime)
    .option('--end <time>', 'window end, ISO 8601 (default: now)', parseTime)
    .option('--limit <n>', 'most events to return (up to 10000)', integerOption({ max: 10000 }), 1000)
    .option('--timeout <seconds>', 'how long to wait for the query to finish', integerOption({ unit: 'seconds' }), 300)
    .option('--log-group <name>', 'log group of the organization trail (default: organizationTrail.logGroupName, else the one `root-guard resolve` recorded, else aws-controltower/CloudTrailLogs)')
    .option('--json', 'print the result as JSON')
    .option('--fail-on-root-credentials', `exit ${INVESTIGATE_ROOT_CREDENTIALS_USED} when an event used the root user's own credentials (not an AssumeRoot session): for a scheduled check`);
  addAwsOptions(command);
  addExitCodes(command, ['0 the query ran (root events found or not)', '1 the query failed or an AWS call failed or timed out', EXIT_USAGE_LINE, `${INVESTIGATE_ROOT_CREDENTIALS_USED} with --fail-on-root-credentials: the root user's own credentials were used`])
    .action(async (options: InvestigateCommandOptions) => (await import('../investigate')).investigateAction(options));
}

/** `30m`, `1h`, `2d`, `45s` → milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (!match || Number(match[1]) === 0) throw new InvalidArgumentError('must be a duration such as 30m, 1h or 2d');
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** ISO 8601 with a time zone (`Z` or `+02:00`), so the window does not depend on the machine's zone. */
export function parseTime(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim())) {
    throw new InvalidArgumentError('must be an ISO 8601 time with a zone, e.g. 2026-05-01T10:00:00Z');
  }
  const date = new Date(value.trim());
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('is not a valid time');
  return date;
}
