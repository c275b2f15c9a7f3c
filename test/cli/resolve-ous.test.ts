import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsStub } from 'aws-sdk-client-mock';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/config';
import { mockOrganization, sampleOrganization } from '../support/fake-organization';
import { LANDING_ZONE_3_3, LANDING_ZONE_4_0, mockTrails, NO_CLOUDWATCH_DELIVERY } from '../support/fake-trails';

let mock: AwsStub<any, any, any> | undefined;
let trails: AwsStub<any, any, any> | undefined;
beforeEach(() => {
  trails = mockTrails(LANDING_ZONE_3_3);
});
afterEach(() => {
  mock?.restore();
  mock = undefined;
  trails?.restore();
});

/** A copy of the committed config with rootChecks set to `ous` and includeNestedOUs to `nested`. */
function configIn(ous: string, nested: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-cli-ous-'));
  const text = readFileSync(join(REPO_ROOT, 'root-guard.config.yaml'), 'utf8')
    .replace(/^ {2}organizationalUnits: \[Root\]$/m, `  organizationalUnits: ${ous}\n  includeNestedOUs: ${nested}`);
  writeFileSync(join(dir, 'root-guard.config.yaml'), text);
  return join(dir, 'root-guard.config.yaml');
}

describe('root-guard resolve-ous', () => {
  test('writes root-guard.ous.yaml beside the config and lists every path, then reports it up to date', async () => {
    mock = mockOrganization(sampleOrganization()).stub;
    const config = configIn('[Workloads]', true);
    const first = await runCli(['resolve-ous', '--config', config]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^CONFIG KEY\s+OU PATH\s+FROM\s+CHANGE$/m);
    expect(first.stdout).toMatch(/^rootChecks\.organizationalUnits\s+Workloads:Prod:Web\s+nested\s+added$/m);
    expect(first.stdout).toContain('rootChecks.organizationalUnits: 1 listed OU(s) -> 4 CfCT path(s).');
    expect(first.stdout).toMatch(/Wrote .*root-guard\.ous\.yaml \(resolved at \d{4}-\d\d-\d\dT[\d:.]+Z\)\. Run `root-guard build` and commit both\./);
    expect(readFileSync(join(config, '..', 'root-guard.ous.yaml'), 'utf8')).toContain('      - Workloads:Test\n');

    const second = await runCli(['resolve-ous', '--config', config]);
    expect(second.stdout).toMatch(/root-guard\.ous\.yaml is up to date \(content unchanged since .*; file not touched\)\./);
  });

  test('prints the result as JSON with --json', async () => {
    mock = mockOrganization(sampleOrganization()).stub;
    const result = await runCli(['resolve-ous', '--config', configIn('[Workloads:Prod]', true), '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'written', lists: [{ key: 'rootChecks.organizationalUnits', from: ['Workloads:Prod'], paths: ['Workloads:Prod', 'Workloads:Prod:Web'] }] });
  });

  test('with includeNestedOUs false records only the organization trail, without calling Organizations', async () => {
    mock = mockOrganization(sampleOrganization()).stub;
    const config = configIn('[Workloads]', false);
    const result = await runCli(['resolve-ous', '--config', config]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Log group: aws-controltower/CloudTrailLogs (every metric filter goes on it at the next build)');
    expect(mock.calls()).toHaveLength(0);
    expect(readFileSync(join(config, '..', 'root-guard.ous.yaml'), 'utf8')).toContain('targets: {}\norganizationTrail:\n');
  });

  test('exits 1 and writes nothing when a listed OU does not exist', async () => {
    mock = mockOrganization(sampleOrganization()).stub;
    const config = configIn('[Workloads, Sandbx]', true);
    const result = await runCli(['resolve-ous', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${config}: rootChecks.organizationalUnits: Sandbx: no OU named "Sandbx" at the top level of the organization (did you mean "Sandbox"?`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(config, '..', 'root-guard.ous.yaml'))).toBe(false);
  });
});

describe('root-guard resolve (the organization trail)', () => {
  test('a 4.0 landing zone: records the suffixed log group, and the build puts every metric filter on it without calling AWS', async () => {
    trails?.restore();
    trails = mockTrails(LANDING_ZONE_4_0);
    const config = configIn('[Root]', false);
    const resolved = await runCli(['resolve', '--config', config]);
    expect(resolved.stderr).toBe('');
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain('Organization trail: arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail (organization trail, multi-Region, logging)');
    expect(resolved.stdout).toContain('Log group: aws-controltower/CloudTrailLogs-tfw-qeb');
    expect(resolved.stdout).toContain('Landing zone version: not read: @aws-sdk/client-controltower 3.332.0');
    const record = readFileSync(join(config, '..', 'root-guard.ous.yaml'), 'utf8');
    expect(record).toContain('  logGroupName: aws-controltower/CloudTrailLogs-tfw-qeb\n');

    const calls = trails.calls().length;
    const built = await runCli(['build', '--config', config]);
    expect(built.code).toBe(0);
    expect(built.stdout).not.toContain('root-guard resolve');
    expect(trails.calls()).toHaveLength(calls);
    const template = readFileSync(join(config, '..', 'templates', 'root-activity-alarm.json'), 'utf8');
    expect(template).toContain('"LogGroupName": "aws-controltower/CloudTrailLogs-tfw-qeb"');
    expect(template).not.toContain('"LogGroupName": "aws-controltower/CloudTrailLogs"');

    const again = await runCli(['resolve', '--config', config]);
    expect(again.stdout).toMatch(/is up to date \(content unchanged since/);
  });

  test('no CloudWatch Logs delivery: resolve says so, and build stops at the record with the fix', async () => {
    trails?.restore();
    trails = mockTrails(NO_CLOUDWATCH_DELIVERY);
    const config = configIn('[Root]', false);
    const resolved = await runCli(['resolve', '--config', config]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain('Organization trail: no trail delivers to CloudWatch Logs in the home region');
    const built = await runCli(['build', '--config', config]);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/root-guard\.ous\.yaml:\d+:\d+: organizationTrail\.logGroupName: no trail delivers to CloudWatch Logs in us-east-1/);
    expect(existsSync(join(config, '..', 'manifest.yaml'))).toBe(false);
  });

  test('a hand-edited record with a malformed log group name or ARN: build says file:line:col, exits 1, writes nothing', async () => {
    trails?.restore();
    trails = mockTrails(LANDING_ZONE_4_0);
    const config = configIn('[Root]', false);
    await runCli(['resolve', '--config', config]);
    const recordFile = join(config, '..', 'root-guard.ous.yaml');
    const record = readFileSync(recordFile, 'utf8');
    const lines = record.split('\n');
    const nameLine = lines.findIndex((l) => l.startsWith('  logGroupName:')) + 1;
    const arnLine = lines.findIndex((l) => l.startsWith('  logGroupArn:')) + 1;
    writeFileSync(recordFile, record
      .replace('  logGroupName: aws-controltower/CloudTrailLogs-tfw-qeb', '  logGroupName: aws-controltower/CloudTrailLogs tfw')
      .replace('log-group:aws-controltower/CloudTrailLogs-tfw-qeb:*', 'loggroup/aws-controltower'));
    const built = await runCli(['build', '--config', config]);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(`${recordFile}:${arnLine}:16: organizationTrail.logGroupArn: "arn:aws:logs:us-east-1:111111111111:loggroup/aws-controltower" is not a log group ARN`);
    expect(built.stderr).toContain(`${recordFile}:${nameLine}:17: organizationTrail.logGroupName: "aws-controltower/CloudTrailLogs tfw" is not a log group name`);
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(config, '..', 'manifest.yaml'))).toBe(false);
  });
});
