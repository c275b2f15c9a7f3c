import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { DEFAULT_CONCURRENCY } from '../../ops/defaults';
import { addAwsOptions } from '../aws-options';
import { addExitCodes, EXIT_USAGE_LINE, parsePositiveInteger } from '../options';
import type { ResolveOusCommandOptions } from '../resolve-ous';

/** `root-guard resolve`: options, help and exit codes; the action loads the run (../resolve-ous.ts). */
export function define(command: Command): void {
  command
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--json', 'print the result as JSON (for CI)')
    .option('--concurrency <n>', 'Organizations parents listed at once per API', parsePositiveInteger, DEFAULT_CONCURRENCY)
    .addHelpText('after', [
      '',
      `CfCT reaches only the accounts directly in a named OU, so "Workloads and everything below it" is written out`,
      `OU by OU. From landing zone 4.0 on the organization trail's log group has a suffix, so the trail is read`,
      `(cloudtrail:DescribeTrails, GetTrailStatus) and its log group recorded for the build (docs/organization-trail.md).`,
      `The landing zone's version, status and AWS Config / centralized-logging integrations are recorded too`,
      `(controltower:ListLandingZones, GetLandingZone); if they cannot be read, the record says why and resolve goes on.`,
      `The file only changes when the resolution does; commit it, then run \`root-guard build\`.`,
    ].join('\n'));
  addAwsOptions(command);
  addExitCodes(command, ['0 resolved (file written or already up to date)', '1 an OU could not be resolved, or an AWS call failed or timed out (nothing written)', EXIT_USAGE_LINE])
    .action(async (options: ResolveOusCommandOptions) => (await import('../resolve-ous')).resolveOusAction(options));
}
