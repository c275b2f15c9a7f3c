import { dirname, relative } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { cfctNextSteps, publishToFile, publishToS3, type PublishResult, readCurrentPackage } from '../ops/publish/publish';
import { generatePackage } from '../package/generate';
import { CFCT_ZIP_KEY } from '../package-zip';
import { type AwsOptions, loadCommandContext } from './context';
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

/** What `root-guard publish` does once its options are parsed (the action of definitions/publish.ts). */
export async function publishAction(options: PublishCommandOptions): Promise<void> {
  process.exitCode = await runPublishCommand(options, (text) => process.stdout.write(text));
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
