import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { addAwsOptions } from '../aws-options';
import type { HuntCommandOptions } from '../hunt';
import { integerOption } from '../options';

/** `root-guard hunt`: options, help and exit codes; the action loads the run (../hunt.ts). */
export function define(command: Command): void {
  command
    .option('-c, --config <file>', `the filters the package deploys for this config, its alarm and logArchive (default: ${DEFAULT_CONFIG_FILE} when it exists)`)
    .option('-p, --pattern <pattern>', 'run this CloudWatch Logs JSON filter pattern instead of the package\'s filters')
    .option('--since <duration>', 'window back from now: 30m, 12h, 7d (default 1d)')
    .option('--start <date>', 'window start, e.g. 2024-03-01 or 2024-03-01T12:00:00Z (UTC)')
    .option('--end <date>', 'window end (exclusive; default now)')
    .option('--accounts <ids>', 'only these accounts (comma-separated 12-digit ids)', parseAccounts)
    .option('--regions <names>', 'only these Regions (comma-separated)', parseList)
    .option('--max-scanned-gb <gb>', 'stop a query that scans more than this (GB)', parsePositive)
    .option('--timeout <seconds>', 'longest wait for each query, queue to results', parsePositive, 600)
    .option('--workgroup <name>', 'Athena workgroup', 'primary')
    .option('--output-location <s3uri>', 'where Athena writes results (default: the workgroup\'s)')
    .option('--database <name>', 'Glue database of the table', 'default')
    .option('--table <name>', 'the CloudTrail table (see --print-ddl)', 'root_guard_cloudtrail')
    .option('--bucket <name>', 'log archive bucket (overrides logArchive.bucket)')
    .option('--prefix <prefix>', 'the trail\'s prefix before AWSLogs/ (overrides logArchive.prefix)')
    .option('--organization-id <id>', 'o-… (overrides logArchive.organizationId)')
    .option('--print-sql', 'print the SQL and run nothing (no AWS credentials needed)')
    .option('--print-ddl', 'print CREATE EXTERNAL TABLE for the archive and run nothing')
    .option('--create-table', 'create the table in Athena, then stop')
    .option('--discover', 'with --print-ddl or --create-table: read the bucket, organization id, accounts and Regions not given from the organization and the landing zone (management-account credentials)')
    .option('--json', 'print one JSON object (the backtest --json shape, with meta and hunt)')
    .option('--examples <n>', 'first matches kept per filter', integerOption({ min: 0 }), 5)
    .addHelpText('after', [
      '',
      'Exit codes:',
      '  0 the hunt ran (matches or not) or --print-* printed',
      '  1 an error (Athena, bad input, a call that timed out), or some filter was refused because SQL cannot express it exactly',
      '  2 wrong usage (an unknown option, a bad value, options that do not go together)',
    ].join('\n'));
  addAwsOptions(command, 'the config\'s homeRegion; the Athena workgroup\'s Region')
    .action(async (options: HuntCommandOptions) => (await import('../hunt')).huntAction(options));
}

function parseList(value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('list at least one, comma-separated');
  return [...new Set(items)];
}

function parseAccounts(value: string): string[] {
  const ids = parseList(value);
  const bad = ids.find((id) => !/^\d{12}$/.test(id));
  if (bad) throw new InvalidArgumentError(`${JSON.stringify(bad)} is not a 12-digit account id (e.g. 111111111111)`);
  return ids;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0) throw new InvalidArgumentError('must be a positive number, e.g. 10');
  return n;
}
