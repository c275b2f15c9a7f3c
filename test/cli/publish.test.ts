import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadBucketCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { unzipSync } from 'fflate';
import { runCli } from '../support/cli';
import { FIXTURE_CONFIG } from '../support/config';
import { validJsonOutput } from '../support/json-schema';

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

let built: string;
/** One package built from the fixture config, shared by the tests (building synthesizes with CDK). */
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rg-cli-publish-'));
  copyFileSync(FIXTURE_CONFIG, join(dir, 'root-guard.config.yaml'));
  const result = await runCli(['build', '--config', join(dir, 'root-guard.config.yaml')]);
  if (result.code !== 0) throw new Error(result.stderr);
  built = join(dir, 'root-guard.config.yaml');
});

describe('root-guard publish', () => {
  test('uploads the package to CfCT\'s bucket and says what CfCT does next', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '111111111111' });
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).rejects(new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }));
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'example-version-7' });
    const result = await runCli(['publish', '--config', built]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Published s3:\/\/custom-control-tower-configuration-111111111111-us-east-1\/custom-control-tower-configuration\.zip as account 111111111111 \(\d+ files, \d+ bytes, sha256 [0-9a-f]{64}\), version example-version-7\.$/m);
    expect(result.stdout).toMatch(/^FILE\s+BYTES\n-+\s+-+\nmanifest\.yaml\s+\d+$/m);
    expect(result.stdout).toContain('starts the pipeline Custom-Control-Tower-CodePipeline in us-east-1');
    const zip = s3Mock.commandCalls(PutObjectCommand)[0].args[0].input.Body as Uint8Array;
    expect(Object.keys(unzipSync(zip))[0]).toBe('manifest.yaml');
  });

  test('writes the zip with --out, byte-identical to what it would upload', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '111111111111' });
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).rejects(new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }));
    s3Mock.on(PutObjectCommand).resolves({});
    await runCli(['publish', '--config', built]);
    const uploaded = Buffer.from(s3Mock.commandCalls(PutObjectCommand)[0].args[0].input.Body as Uint8Array);

    const out = join(mkdtempSync(join(tmpdir(), 'rg-cli-out-')), 'custom-control-tower-configuration.zip');
    const result = await runCli(['publish', '--config', built, '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(validJsonOutput('publish', result.stdout).result).toMatchObject({ destination: 'file', path: out, changed: true });
    expect(readFileSync(out).equals(uploaded)).toBe(true);
  });

  test('refuses a stale package, exit 1, uploading nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-cli-stale-'));
    const config = join(dir, 'root-guard.config.yaml');
    writeFileSync(config, readFileSync(built, 'utf8').replace('threshold: 1', 'threshold: 2'));
    const packageDir = join(built, '..');
    const result = await runCli(['publish', '--config', config, '--package-dir', packageDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(packageDir, 'templates/root-activity-alarm.json')}: differs from what ${config} generates`);
    expect(result.stderr).toContain('run `root-guard build`, review and commit the result, then publish');
    expect(s3Mock.calls()).toHaveLength(0);
  });

  test('generates with root-guard.ous.yaml as build does: without it, a nested-OU config is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-cli-nested-'));
    const config = join(dir, 'root-guard.config.yaml');
    writeFileSync(config, readFileSync(built, 'utf8').replace(/^ {2}organizationalUnits: \[Root\]$/m, '  organizationalUnits: [Workloads]\n  includeNestedOUs: true'));
    const result = await runCli(['publish', '--config', config, '--package-dir', join(built, '..')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('run `root-guard resolve` (needs AWS credentials for the management account) and commit root-guard.ous.yaml');
    expect(s3Mock.calls()).toHaveLength(0);
  });

  test('documents its options in --help', async () => {
    const result = await runCli(['publish', '--help']);
    for (const option of ['--config <file>', '--package-dir <dir>', '--out <file.zip>', '--force', '--json']) expect(result.stdout).toContain(option);
  });
});
