import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HeadBucketCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { strFromU8, unzipSync } from 'fflate';
import { mockClient } from 'aws-sdk-client-mock';
import { UserError } from '../../src/errors';
import { cfctBucketName, cfctNextSteps, publishToFile, publishToS3, readCurrentPackage, SHA256_METADATA_KEY } from '../../src/ops/publish';

const s3Mock = mockClient(S3Client);
const stsMock = mockClient(STSClient);
afterEach(() => {
  s3Mock.reset();
  stsMock.reset();
});
afterAll(() => {
  s3Mock.restore();
  stsMock.restore();
});

const MGMT = '111111111111';
const BUCKET = 'custom-control-tower-configuration-111111111111-us-east-1';

const expected = () => new Map<string, string>([
  ['manifest.yaml', 'region: us-east-1\nversion: 2021-03-15\nresources: []\n'],
  ['templates/root-activity-alarm.json', '{"Resources":{}}\n'],
]);

/** A package directory holding `files`. */
function packageDir(files: ReadonlyMap<string, string> = expected()): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-publish-'));
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const s3 = () => new S3Client({ region: 'us-east-1' });
const sts = () => new STSClient({ region: 'us-east-1' });
const forbidden = () => new S3ServiceException({ name: 'Forbidden', $fault: 'client', message: 'Forbidden', $metadata: { httpStatusCode: 403 } });

function problems(err: unknown): readonly string[] {
  if (err instanceof UserError) return err.problems;
  throw err;
}

describe('readCurrentPackage', () => {
  test('zips the files on disk when they are exactly what the config generates', () => {
    const pkg = readCurrentPackage(packageDir(), expected(), 'root-guard.config.yaml');
    expect([...pkg.files.keys()]).toEqual(['manifest.yaml', 'templates/root-activity-alarm.json']);
    expect(strFromU8(unzipSync(pkg.zip)['manifest.yaml'])).toBe(expected().get('manifest.yaml'));
    expect(pkg.sha256).toBe(createHash('sha256').update(pkg.zip).digest('hex'));
  });

  test('leaves prerequisites/ out of the zip (deployed by hand, not by CfCT) but refuses it stale', () => {
    const withRole = expected();
    withRole.set('prerequisites/management-account-execution-role.json', '{"Resources":{"Role":{}}}\n');
    const pkg = readCurrentPackage(packageDir(withRole), withRole, 'root-guard.config.yaml');
    expect(Object.keys(unzipSync(pkg.zip))).toEqual(['manifest.yaml', 'templates/root-activity-alarm.json']);
    const stale = new Map(withRole);
    stale.set('prerequisites/management-account-execution-role.json', '{"Resources":{}}\n');
    expect(() => readCurrentPackage(packageDir(withRole), stale, 'root-guard.config.yaml')).toThrow(/prerequisites\/management-account-execution-role\.json: differs/);
  });

  test('refuses a stale build, naming every file that differs or is missing and how to fix it', () => {
    const onDisk = expected();
    onDisk.set('manifest.yaml', 'region: us-east-2\n');
    onDisk.delete('templates/root-activity-alarm.json');
    const dir = packageDir(onDisk);
    let error: unknown;
    try {
      readCurrentPackage(dir, expected(), 'root-guard.config.yaml');
    } catch (err) {
      error = err;
    }
    expect(problems(error)).toEqual([
      `${join(dir, 'manifest.yaml')}: differs from what root-guard.config.yaml generates`,
      `${join(dir, 'templates/root-activity-alarm.json')}: missing (the config generates it)`,
      'nothing published: the package is out of date with root-guard.config.yaml (run `root-guard build`, review and commit the result, then publish)',
    ]);
  });

  test('zips only the generated files, not other files lying in the package directory', () => {
    const dir = packageDir();
    writeFileSync(join(dir, 'notes.txt'), 'scratch');
    const pkg = readCurrentPackage(dir, expected(), 'root-guard.config.yaml');
    expect(Object.keys(unzipSync(pkg.zip))).toEqual(['manifest.yaml', 'templates/root-activity-alarm.json']);
  });
});

describe('publishToS3', () => {
  const pkg = () => readCurrentPackage(packageDir(), expected(), 'root-guard.config.yaml');
  const publish = (force = false) => publishToS3({ pkg: pkg(), s3: s3(), sts: sts(), managementAccountId: MGMT, homeRegion: 'us-east-1', force });

  test('uploads to CfCT\'s bucket under the trigger key, only to a bucket the management account owns, and reports the version', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: MGMT, Arn: `arn:aws:sts::${MGMT}:assumed-role/Admin/jane` });
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).rejects(new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }));
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'example-version-2', ETag: '"abc"' });
    const result = await publish();
    expect(result).toMatchObject({ destination: 's3', bucket: BUCKET, key: 'custom-control-tower-configuration.zip', changed: true, versionId: 'example-version-2', callerAccount: MGMT });
    expect(s3Mock.commandCalls(HeadBucketCommand)[0].args[0].input).toEqual({ Bucket: BUCKET, ExpectedBucketOwner: MGMT });
    const put = s3Mock.commandCalls(PutObjectCommand)[0].args[0].input;
    expect(put).toMatchObject({ Bucket: BUCKET, Key: 'custom-control-tower-configuration.zip', ContentType: 'application/zip', ExpectedBucketOwner: MGMT, Metadata: { [SHA256_METADATA_KEY]: result.sha256 } });
    expect(Object.keys(unzipSync(put.Body as Uint8Array))).toEqual(['manifest.yaml', 'templates/root-activity-alarm.json']);
  });

  test('does not upload (so the pipeline does not run again) when the bucket already holds the same zip', async () => {
    const same = pkg().sha256;
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: MGMT });
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).resolves({ VersionId: 'example-version-1', Metadata: { [SHA256_METADATA_KEY]: same } });
    const result = await publish();
    expect(result).toMatchObject({ changed: false, versionId: 'example-version-1' });
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  test('uploads the same zip again with force', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: MGMT });
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).resolves({ Metadata: { [SHA256_METADATA_KEY]: pkg().sha256 } });
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'example-version-3' });
    expect(await publish(true)).toMatchObject({ changed: true, versionId: 'example-version-3' });
  });

  test('says CfCT is not installed there when the bucket does not exist', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: MGMT });
    s3Mock.on(HeadBucketCommand).rejects(new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }));
    const lines = problems(await publish().catch((e: unknown) => e));
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^s3://${BUCKET}: s3:HeadBucket from account ${MGMT}: no such bucket in us-east-1 \\(is CfCT installed in the management account ${MGMT} and home region us-east-1`))]);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  test('stops before touching S3 when the credentials are not the management account\'s, as audit does', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '222222222222' });
    const lines = problems(await publish().catch((e: unknown) => e));
    expect(lines).toEqual([`publish: wrong account: the credentials are account 222222222222, the config's managementAccountId is ${MGMT} (run with the management account's credentials, e.g. --profile <management-profile>); nothing was uploaded`]);
    expect(s3Mock.calls()).toHaveLength(0);
  });

  test('refuses to upload when it cannot read the object it would replace (an upload would start the pipeline again); --force uploads', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: MGMT });
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).rejects(forbidden());
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'example-version-4' });
    const lines = problems(await publish().catch((e: unknown) => e));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`s3://${BUCKET}/custom-control-tower-configuration.zip: s3:HeadObject from account ${MGMT}: access denied`);
    expect(lines[0]).toContain(': cannot tell whether it already holds this package, and uploading would start CfCT\'s pipeline again (grant s3:GetObject on the object, or pass --force to upload and start the pipeline anyway); nothing was uploaded');
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(await publish(true)).toMatchObject({ changed: true, versionId: 'example-version-4' });
  });

  test('reports a denied upload with the bucket, key, account and API call', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: MGMT });
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).rejects(new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }));
    s3Mock.on(PutObjectCommand).rejects(Object.assign(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: { httpStatusCode: 403 } })));
    const lines = problems(await publish().catch((e: unknown) => e));
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^s3://${BUCKET}/custom-control-tower-configuration.zip: s3:PutObject from account ${MGMT}: access denied`))]);
  });

  test('stops with a clear message when there are no credentials', async () => {
    stsMock.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const lines = problems(await publish().catch((e: unknown) => e));
    expect(lines).toEqual([expect.stringMatching(/^sts:GetCallerIdentity: no usable AWS credentials \(CredentialsProviderError: set AWS_PROFILE/)]);
  });
});

describe('publishToFile', () => {
  const pkg = () => readCurrentPackage(packageDir(), expected(), 'root-guard.config.yaml');

  test('writes the zip and leaves an identical one untouched', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rg-out-')), 'custom-control-tower-configuration.zip');
    expect(publishToFile(pkg(), out)).toMatchObject({ destination: 'file', changed: true, path: out });
    expect(Object.keys(unzipSync(readFileSync(out)))).toEqual(['manifest.yaml', 'templates/root-activity-alarm.json']);
    expect(publishToFile(pkg(), out)).toMatchObject({ changed: false });
  });

  test('writes into a folder that does not exist yet, creating it as build --out does', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rg-out-')), 'release', '2026-05', 'custom-control-tower-configuration.zip');
    expect(publishToFile(pkg(), out)).toMatchObject({ destination: 'file', changed: true, path: out });
    expect(Object.keys(unzipSync(readFileSync(out)))).toEqual(['manifest.yaml', 'templates/root-activity-alarm.json']);
  });

  test('refuses to replace a file that is not a zip archive', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rg-out-')), 'notes.zip');
    writeFileSync(out, 'my notes');
    expect(() => publishToFile(pkg(), out)).toThrow(`${out}: exists and is not a zip archive; not replaced (choose another --out path)`);
    expect(readFileSync(out, 'utf8')).toBe('my notes');
  });

  test('refuses a name that does not end in .zip', () => {
    expect(() => publishToFile(pkg(), 'package.tar')).toThrow('package.tar: --out must name a .zip file');
  });
});

describe('cfctBucketName and cfctNextSteps', () => {
  test('name CfCT\'s bucket and pipeline in the home region', () => {
    expect(cfctBucketName(MGMT, 'eu-west-1')).toBe('custom-control-tower-configuration-111111111111-eu-west-1');
    expect(cfctNextSteps('eu-west-1').join('\n')).toContain('aws codepipeline get-pipeline-state --name Custom-Control-Tower-CodePipeline --region eu-west-1');
  });
});
