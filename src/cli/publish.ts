import { dirname, relative } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/load';
import { cfctNextSteps, publishToFile, publishToS3, type PublishResult, readCurrentPackage } from '../ops/publish';
import { generatePackage } from '../package/generate';
import { CFCT_ZIP_KEY } from '../package-zip';
import { addAwsOptions, type AwsOptions, loadCommandContext } from './context';
import { addExitCodes, EXIT_USAGE_LINE } from './options';
import { noteRun, renderEnvelope } from './json-output';
import { renderTable } from './output';

/** Options of `root-guard publish`. */
export interface PublishCommandOptions extends AwsOptions {
  readonly config: string;
  /** Package root; default: the config file's directory (where `root-guard build` writes). */
  readonly packageDir?: string;
  /** Write the zip here instead of uploading it. */
  readonly out?: string;
  /** Upload even when CfCT's bucket already holds the same zip (runs the pipeline again). */
  readonly force?: boolean;
  readonly json?: boolean;
}

/** `root-guard publish`: the committed package → CfCT's S3 source (or a zip file). */
export function registerPublish(program: Command): void {
  const command = program
    .command('publish')
    .description(`Zip the package as CfCT's S3 source expects (${CFCT_ZIP_KEY}) and upload it to CfCT's bucket in the home region, or write it with --out; refuses a package that is out of date with the config`)
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
    .action(async (options: PublishCommandOptions) => {
      process.exitCode = await runPublishCommand(options, (text) => process.stdout.write(text));
    });
}

/** Runs the command; returns the exit code. Throws UserError (nothing published) on a stale package or an AWS error. */
export async function runPublishCommand(options: PublishCommandOptions, print: (text: string) => void): Promise<number> {
  const context = loadCommandContext(options);
  const { file, config, clients } = context;
  const packageDir = options.packageDir ?? dirname(file);
  // The same generation `root-guard build` does, so "stale" means "build would change something".
  const pkg = readCurrentPackage(packageDir, generatePackage(config, { ouResolution: context.ouResolution() }), file);
  let result: PublishResult;
  try {
    result = options.out
      ? publishToFile(pkg, options.out)
      : await publishToS3({
        pkg,
        s3: clients.create(S3Client),
        sts: clients.create(STSClient),
        managementAccountId: config.managementAccountId,
        homeRegion: config.homeRegion,
        force: options.force,
      });
  } finally {
    clients.destroy();
  }
  if (result.callerAccount) noteRun({ callerAccount: result.callerAccount });
  print(options.json ? renderEnvelope('publish', { ...result, nextSteps: nextSteps(result, config.homeRegion) }, 0) : renderPublish(result, config.homeRegion));
  return 0;
}

function nextSteps(result: PublishResult, homeRegion: string): string[] {
  if (result.destination === 'file') {
    return [
      `Upload it as s3://custom-control-tower-configuration-<management-account-id>-${homeRegion}/${CFCT_ZIP_KEY} to start CfCT's pipeline,`,
      'or keep it as a release artifact. (A git source reads the committed files, not a zip.)',
    ];
  }
  if (!result.changed) return ['Nothing uploaded, so CfCT\'s pipeline was not started. Use --force to run it again with the same package.'];
  return cfctNextSteps(homeRegion);
}

/** The readable report. */
export function renderPublish(result: PublishResult, homeRegion: string): string {
  const size = `${result.files.length} files, ${result.bytes} bytes, sha256 ${result.sha256}`;
  const lines: string[] = [];
  if (result.destination === 'file') {
    const shown = relative(process.cwd(), result.path ?? '') || result.path;
    lines.push(result.changed ? `Wrote ${shown} (${size}).` : `${shown} already holds this package (${size}); not rewritten.`);
  } else {
    const where = `s3://${result.bucket}/${result.key}`;
    lines.push(result.changed
      ? `Published ${where} as account ${result.callerAccount} (${size}), version ${result.versionId ?? '(bucket not versioned)'}.`
      : `${where} already holds this package (${size}, version ${result.versionId ?? 'unknown'}); nothing uploaded.`);
  }
  lines.push('', renderTable(['FILE', 'BYTES'], result.files.map((f) => [f.path, String(f.bytes)])));
  lines.push(...nextSteps(result, homeRegion));
  return `${lines.join('\n')}\n`;
}
