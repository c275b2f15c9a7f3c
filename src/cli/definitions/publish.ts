import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { addAwsOptions } from '../aws-options';
import { addExitCodes, EXIT_USAGE_LINE } from '../options';
import type { PublishCommandOptions } from '../publish';

/** `root-guard publish`: options, help and exit codes; the action loads the run (../publish.ts). */
export function define(command: Command): void {
  command
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--package-dir <dir>', 'package root (default: the directory of the config file)')
    .option('-o, --out <file.zip>', 'write the zip to this file instead of uploading it')
    .option('--force', 'upload even if the bucket already holds this exact zip (starts the pipeline again)')
    .option('--json', 'print the result as JSON (for CI)')
    .addHelpText('after', [
      '',
      'Uploads to s3://custom-control-tower-configuration-<managementAccountId>-<homeRegion>/custom-control-tower-configuration.zip',
      'with the management account\'s credentials (standard chain: AWS_PROFILE, SSO, environment, or --profile). The upload',
      'starts CfCT\'s pipeline. CfCT with a git source (CodeCommit, GitHub) reads the committed files: push them instead.',
    ].join('\n'));
  addAwsOptions(command);
  addExitCodes(command, ['0 published (or written with --out, or already there)', '1 the package is out of date, the bucket is not there, or an AWS call failed or timed out (nothing published)', EXIT_USAGE_LINE])
    .action(async (options: PublishCommandOptions) => (await import('../publish')).publishAction(options));
}
