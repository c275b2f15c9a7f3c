import { createHash } from 'node:crypto';
import { existsSync, openSync, readSync, closeSync, readFileSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HeadBucketCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { UserError } from '../errors';
import type { PackageFiles } from '../plan';
import { CFCT_ZIP_KEY, zipPackage } from '../package-zip';
import { describeAwsError, unreadReason } from './describe-aws-error';
import { writeFileAtomically } from './write-file-atomically';

/**
 * `root-guard publish`: the committed package, zipped the way CfCT's Amazon S3 source expects, to
 * CfCT's bucket (or to a file). Refuses a package that is not what the config generates now.
 */

/** CfCT's pipeline, started by the EventBridge rule on the zip's key (docs/reference/cfct.md#pipeline; docs/reference/cfct.md#the-s3-source). */
export const CFCT_PIPELINE = 'Custom-Control-Tower-CodePipeline';

/** Object metadata holding the zip's SHA-256, so an unchanged package is not uploaded again. */
export const SHA256_METADATA_KEY = 'root-guard-sha256';

/** CfCT's configuration bucket: `custom-control-tower-configuration-<management-account-id>-<home-region>` (docs/reference/cfct.md#the-s3-source). */
export function cfctBucketName(managementAccountId: string, homeRegion: string): string {
  return `custom-control-tower-configuration-${managementAccountId}-${homeRegion}`;
}

/** The package, read from disk and checked against what the config generates. */
export interface CheckedPackage {
  /** Package files (path → content), exactly the generated set. */
  readonly files: ReadonlyMap<string, string>;
  readonly zip: Uint8Array;
  /** Hex SHA-256 of the zip. */
  readonly sha256: string;
}

/**
 * Whether a package file goes into CfCT's source zip: the manifest and what it references
 * (templates/, policies/). prerequisites/ is checked for staleness like every generated file but left
 * out: it is deployed by hand, once, outside the pipeline, and CfCT reads only manifest.yaml and the
 * files its resources name (https://docs.aws.amazon.com/controltower/latest/userguide/cfct-custom-configuration.html: "manifest.yaml, policies/, templates/").
 */
function inCfctSource(path: string): boolean {
  return path === 'manifest.yaml' || path.startsWith('templates/') || path.startsWith('policies/');
}

/**
 * Reads the generated files from `packageDir` and zips them. Throws a {@link UserError} listing every
 * file that is missing or differs from `expected` (a stale build): the zip would not be what the
 * config says.
 */
export function readCurrentPackage(packageDir: string, expected: PackageFiles, configFile: string): CheckedPackage {
  const stale: string[] = [];
  const files = new Map<string, string>();
  for (const [path, content] of expected) {
    const target = join(packageDir, path);
    const onDisk = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (onDisk === undefined) stale.push(`${target}: missing (the config generates it)`);
    else if (onDisk !== content) stale.push(`${target}: differs from what ${configFile} generates`);
    else if (inCfctSource(path)) files.set(path, onDisk);
  }
  if (stale.length > 0) {
    throw new UserError([...stale, `nothing published: the package is out of date with ${configFile} (run \`root-guard build\`, review and commit the result, then publish)`]);
  }
  const zip = zipPackage(files);
  return { files, zip, sha256: createHash('sha256').update(zip).digest('hex') };
}

/** What a publish did. */
export interface PublishResult {
  readonly destination: 's3' | 'file';
  /** Package files in the zip, sorted, with their sizes in bytes. */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly bytes: number;
  readonly sha256: string;
  /** False when the same zip was already there (nothing uploaded or written). */
  readonly changed: boolean;
  /** S3: bucket, key, the caller's account, and the object version (the bucket is versioned). */
  readonly bucket?: string;
  readonly key?: string;
  readonly callerAccount?: string;
  readonly versionId?: string;
  /** File: where the zip was written. */
  readonly path?: string;
}

/** Inputs of {@link publishToS3}. */
export interface PublishToS3Options {
  readonly pkg: CheckedPackage;
  readonly s3: S3Client;
  readonly sts: STSClient;
  readonly managementAccountId: string;
  readonly homeRegion: string;
  /** Upload even when the object already holds this exact zip (starts the pipeline again). */
  readonly force?: boolean;
}

/**
 * Uploads the zip to CfCT's bucket under the key that starts CfCT's pipeline. Checks first that the
 * bucket exists and belongs to the management account (`ExpectedBucketOwner`: a bucket of that name
 * in another account is never written to), and skips the upload when the object already holds the
 * same zip. Throws a {@link UserError} naming the account, bucket and API call on failure.
 */
export async function publishToS3(options: PublishToS3Options): Promise<PublishResult> {
  const { pkg, s3, sts, managementAccountId, homeRegion } = options;
  const bucket = cfctBucketName(managementAccountId, homeRegion);
  const base = { destination: 's3' as const, files: listFiles(pkg), bytes: pkg.zip.byteLength, sha256: pkg.sha256, bucket, key: CFCT_ZIP_KEY };

  let callerAccount: string | undefined;
  try {
    callerAccount = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (err) {
    throw new UserError(`sts:GetCallerIdentity: ${unreadReason(describeAwsError(err))}`);
  }
  // As audit does: the wrong account's credentials would at best fail on the bucket, at worst (a bucket
  // of the same name it can write) start nothing anyone expects. GetCallerIdentity needs no permission
  // (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
  if (callerAccount !== managementAccountId) {
    throw new UserError(`publish: wrong account: the credentials are account ${callerAccount ?? 'unknown'}, the config's managementAccountId is ${managementAccountId} (run with the management account's credentials, e.g. --profile <management-profile>); nothing was uploaded`);
  }
  const who = `account ${callerAccount}`;

  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: managementAccountId }));
  } catch (err) {
    const info = describeAwsError(err);
    if (info.kind === 'not-found') {
      throw new UserError(`s3://${bucket}: s3:HeadBucket from ${who}: no such bucket in ${homeRegion} (is CfCT installed in the management account ${managementAccountId} and home region ${homeRegion}, with the Amazon S3 source? For a git source, push the committed package instead, or use --out)`);
    }
    if (info.kind === 'access-denied') {
      throw new UserError(`s3://${bucket}: s3:HeadBucket from ${who}: access denied (the bucket is not owned by ${managementAccountId}, or the caller may not s3:ListBucket it)`);
    }
    throw new UserError(`s3://${bucket}: s3:HeadBucket from ${who}: ${unreadReason(info)}`);
  }

  if (!options.force) {
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: CFCT_ZIP_KEY, ExpectedBucketOwner: managementAccountId }));
      if (head.Metadata?.[SHA256_METADATA_KEY] === pkg.sha256) {
        return { ...base, changed: false, callerAccount, ...(head.VersionId ? { versionId: head.VersionId } : {}) };
      }
    } catch (err) {
      // No object yet: upload. Anything else (no s3:GetObject, a KMS or network error) means publish
      // cannot tell whether the object already holds this package, and an upload starts CfCT's
      // pipeline again: refuse rather than re-run it silently.
      if (err instanceof UserError) throw err; // a timeout, already one line naming the call
      const info = describeAwsError(err);
      if (info.kind !== 'not-found') {
        throw new UserError(`s3://${bucket}/${CFCT_ZIP_KEY}: s3:HeadObject from ${who}: ${unreadReason(info)}: cannot tell whether it already holds this package, and uploading would start CfCT's pipeline again (grant s3:GetObject on the object, or pass --force to upload and start the pipeline anyway); nothing was uploaded`);
      }
    }
  }

  try {
    const put = await s3.send(new PutObjectCommand({
      Bucket: bucket,
      Key: CFCT_ZIP_KEY,
      Body: pkg.zip,
      ContentType: 'application/zip',
      ExpectedBucketOwner: managementAccountId,
      Metadata: { [SHA256_METADATA_KEY]: pkg.sha256 },
    }));
    return { ...base, changed: true, callerAccount, ...(put.VersionId ? { versionId: put.VersionId } : {}) };
  } catch (err) {
    throw new UserError(`s3://${bucket}/${CFCT_ZIP_KEY}: s3:PutObject from ${who}: ${unreadReason(describeAwsError(err))}`);
  }
}

/**
 * Writes the zip to `path` atomically. Refuses to replace a file that is not a zip archive (a typo in
 * `--out` must not destroy someone's file); an existing zip with the same bytes is left untouched.
 */
export function publishToFile(pkg: CheckedPackage, path: string): PublishResult {
  const base = { destination: 'file' as const, files: listFiles(pkg), bytes: pkg.zip.byteLength, sha256: pkg.sha256, path };
  if (!path.toLowerCase().endsWith('.zip')) throw new UserError(`${path}: --out must name a .zip file (e.g. --out ${CFCT_ZIP_KEY})`);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UserError(`${path}: is a directory (--out takes a file name, e.g. ${join(path, CFCT_ZIP_KEY)})`);
    if (!startsLikeZip(path)) throw new UserError(`${path}: exists and is not a zip archive; not replaced (choose another --out path)`);
    if (createHash('sha256').update(readFileSync(path)).digest('hex') === pkg.sha256) return { ...base, changed: false };
  }
  // As `build --out` does: a missing folder is created (it holds nothing of the user's yet).
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomically(path, pkg.zip);
  return { ...base, changed: true };
}

function listFiles(pkg: CheckedPackage): { path: string; bytes: number }[] {
  return [...pkg.files].map(([path, content]) => ({ path, bytes: Buffer.byteLength(content, 'utf8') }));
}

function startsLikeZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const n = readSync(fd, head, 0, 4, 0);
    // Local file header, or the end-of-central-directory record of an empty zip.
    return n === 4 && head.readUInt32LE(0) === 0x04034b50 || n === 4 && head.readUInt32LE(0) === 0x06054b50;
  } finally {
    closeSync(fd);
  }
}

/** What CfCT does after an upload, in the order it happens (docs/reference/cfct.md#pipeline; docs/reference/cfct.md#the-s3-source). */
export function cfctNextSteps(homeRegion: string): string[] {
  return [
    `CfCT's EventBridge rule sees the new ${CFCT_ZIP_KEY} and starts the pipeline ${CFCT_PIPELINE} in ${homeRegion}:`,
    '  Source -> Build (manifest schema, validate-template and cfn_nag on every template) -> Approval (if enabled)',
    '  -> service control policies -> resource control policies -> stack sets, one at a time in manifest order.',
    `Follow it: aws codepipeline get-pipeline-state --name ${CFCT_PIPELINE} --region ${homeRegion}`,
  ];
}
