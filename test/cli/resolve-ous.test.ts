import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, ListStackSetsCommand } from '@aws-sdk/client-cloudformation';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { runCli } from '../support/cli';
import { FIXTURE_CONFIG } from '../support/config';
import { mockOrganization, sampleOrganization } from '../support/fake-organization';
import { LANDING_ZONE_ARN, LANDING_ZONE_DETAIL_3_3, LANDING_ZONE_DETAIL_4_0_CONFIG_OFF, withFakeControlTower } from '../support/fake-control-tower-api';
import { LANDING_ZONE_3_3, LANDING_ZONE_4_0, mockTrails, NO_CLOUDWATCH_DELIVERY } from '../support/fake-trails';
import { validJsonOutput } from '../support/json-schema';

// Whole commands at AWS's published rates, on a virtual clock: no test waits out a rate (test/support/virtual-clock.ts).
jest.mock('../../src/ops/aws/api-pacer', () => require('../support/virtual-clock').pacerOnVirtualClock(jest.requireActual('../../src/ops/aws/api-pacer')));

let mock: AwsStub<any, any, any> | undefined;
let trails: AwsStub<any, any, any> | undefined;
/** The management account's stack sets (cloudformation:ListStackSets): CfCT's enrolment stack set, unless a test removes it. */
const cloudformation = mockClient(CloudFormationClient);
const stackSets = (names: readonly string[]) => cloudformation.on(ListStackSetsCommand).resolves({
  Summaries: names.map((StackSetName) => ({ StackSetName, Status: 'ACTIVE' as const, StackSetId: `${StackSetName}:EXAMPLE` })),
});
beforeEach(() => {
  trails = mockTrails(LANDING_ZONE_3_3);
  stackSets(['AWSControlTowerBP-BASELINE-CONFIG', 'AWSControlTowerBP-BASELINE-CLOUDWATCH']);
});
afterEach(() => {
  mock?.restore();
  mock = undefined;
  trails?.restore();
  cloudformation.reset();
});
afterAll(() => cloudformation.restore());

/** A copy of the fixture config with rootChecks set to `ous` and includeNestedOUs to `nested`. */
function configIn(ous: string, nested: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-cli-ous-'));
  const text = readFileSync(FIXTURE_CONFIG, 'utf8')
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
    expect(validJsonOutput('resolve', result.stdout).result).toMatchObject({ status: 'written', lists: [{ key: 'rootChecks.organizationalUnits', from: ['Workloads:Prod'], paths: ['Workloads:Prod', 'Workloads:Prod:Web'] }] });
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
    // No Control Tower is served here (test/setup-env.js aims it at a closed port): recorded as not read, not fatal.
    expect(resolved.stdout).toMatch(/^Landing zone version: not read: controltower:ListLandingZones failed: /m);
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

describe('root-guard resolve (the landing zone)', () => {
  const resolve = async (config: string) => runCli(['resolve', '--config', config]);
  const recordOf = (config: string) => readFileSync(join(config, '..', 'root-guard.ous.yaml'), 'utf8');

  test('a 3.3 landing zone: version, state and integrations are printed and recorded; the build reads the record unchanged', async () => {
    const config = configIn('[Root]', false);
    const resolved = await withFakeControlTower({ kind: 'landing-zone', detail: LANDING_ZONE_DETAIL_3_3 }, async (fake) => {
      const result = await resolve(config);
      expect(fake.received.map((r) => [r.method, r.path])).toEqual([['POST', '/list-landingzones'], ['POST', '/get-landingzone'], ['POST', '/list-baselines'], ['POST', '/list-enabled-baselines']]);
      expect(fake.received[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/controltower\/aws4_request, /);
      expect(fake.received[0].headers.host).toBe(new URL(fake.endpoint).host);
      expect(JSON.parse(fake.received[1].body)).toEqual({ landingZoneIdentifier: LANDING_ZONE_ARN });
      return result;
    });
    expect(resolved.stderr).toBe('');
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`Landing zone: ${LANDING_ZONE_ARN} version 3.3, 4.0 available (ACTIVE, IN_SYNC)`);
    expect(resolved.stdout).toContain('Landing zone integrations: AWS Config enabled (before 4.0 always), centralized logging enabled');
    expect(recordOf(config)).toContain([
      '  landingZoneVersion: "3.3"',
      '  landingZone:',
      `    arn: ${LANDING_ZONE_ARN}`,
      '    latestAvailableVersion: "4.0"',
      '    status: ACTIVE',
      '    driftStatus: IN_SYNC',
      '    integrations:',
      '      config: enabled (before 4.0 always)',
      '      centralizedLogging: enabled',
    ].join('\n'));
    const built = await runCli(['build', '--config', config]);
    expect(built.code).toBe(0);
    const again = await withFakeControlTower({ kind: 'landing-zone', detail: LANDING_ZONE_DETAIL_3_3 }, () => resolve(config));
    expect(again.stdout).toMatch(/is up to date \(content unchanged since/);
  });

  test('a 4.0 landing zone with the AWS Config integration off: says what that means for the root checks', async () => {
    const config = configIn('[Root]', false);
    const resolved = await withFakeControlTower({ kind: 'landing-zone', detail: LANDING_ZONE_DETAIL_4_0_CONFIG_OFF }, () => resolve(config));
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`Landing zone: ${LANDING_ZONE_ARN} version 4.0 (ACTIVE, DRIFTED)`);
    expect(resolved.stdout).toContain('Landing zone integrations: AWS Config disabled, centralized logging enabled');
    expect(resolved.stdout).toContain('AWS Config integration is off: every account the root checks target needs its own Config recorder in the home region');
    expect(recordOf(config)).toContain('      config: disabled\n');
  });

  test('no landing zone: recorded as none, resolve succeeds', async () => {
    const config = configIn('[Root]', false);
    const resolved = await withFakeControlTower({ kind: 'none' }, () => resolve(config));
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain('Landing zone version: none: controltower:ListLandingZones lists no landing zone in us-east-1');
    expect(recordOf(config)).toContain('  landingZoneVersion: "none: controltower:ListLandingZones lists no landing zone in us-east-1');
    expect(recordOf(config)).not.toContain('landingZone:');
  });

  test('access denied (403 AccessDeniedException): recorded as not read with the fix, resolve succeeds', async () => {
    const config = configIn('[Root]', false);
    const resolved = await withFakeControlTower({ kind: 'access-denied' }, () => resolve(config));
    expect(resolved.code).toBe(0);
    expect(resolved.stderr).toBe('');
    expect(resolved.stdout).toContain('Landing zone version: not read: controltower:ListLandingZones failed: access denied (AccessDeniedException: grant the caller read access');
    expect(resolved.stdout).toContain('Log group: aws-controltower/CloudTrailLogs');
  });

  test('a Control Tower endpoint that never answers: not read after the bounded wait, resolve still writes the trail', async () => {
    const config = configIn('[Root]', false);
    const started = Date.now();
    const resolved = await withFakeControlTower({ kind: 'silent' }, (fake) => runCli(['resolve', '--config', config, '--request-timeout', '1']).then((r) => ({ ...r, endpoint: fake.endpoint })));
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`Landing zone version: not read: controltower:ListLandingZones: no answer from ${resolved.endpoint}/: 2 attempts of 1 s each (the limit is per call`);
    // The endpoint came from AWS_ENDPOINT_URL_CONTROLTOWER: the hint names that variable (issue 28 §8).
    expect(resolved.stdout).toContain('(AWS_ENDPOINT_URL_CONTROLTOWER is set to');
    expect(Date.now() - started).toBeLessThan(8000);
    expect(recordOf(config)).toContain('  logGroupName: aws-controltower/CloudTrailLogs\n');
  });

  test('a hand-edited landing zone entry: build says file:line:col and key, exits 1, writes nothing', async () => {
    trails?.restore();
    trails = mockTrails(LANDING_ZONE_4_0);
    const config = configIn('[Root]', false);
    await withFakeControlTower({ kind: 'landing-zone', detail: LANDING_ZONE_DETAIL_4_0_CONFIG_OFF }, () => resolve(config));
    const recordFile = join(config, '..', 'root-guard.ous.yaml');
    const lines = recordOf(config).split('\n');
    const configLine = lines.findIndex((l) => l.startsWith('      config:')) + 1;
    const statusLine = lines.findIndex((l) => l.startsWith('    status:')) + 1;
    writeFileSync(recordFile, recordOf(config).replace('      config: disabled', '      config: off').replace('    status: ACTIVE', '    status: active!').replace('    driftStatus: DRIFTED', '    driftStatus: DRIFTED\n    colour: blue'));
    const built = await runCli(['build', '--config', config]);
    expect(built.code).toBe(1);
    // One line was added above it (colour).
    expect(built.stderr).toContain(`${recordFile}:${configLine + 1}:15: organizationTrail.landingZone.integrations.config: must be one of "enabled", "disabled"`);
    expect(built.stderr).toContain(`${recordFile}:${statusLine}:13: organizationTrail.landingZone.status: "active!" is not a status such as ACTIVE, PROCESSING or FAILED`);
    expect(built.stderr).toMatch(/organizationTrail\.landingZone\.colour: unknown key "colour" \(allowed keys: arn, latestAvailableVersion, status, driftStatus, integrations, baselineConfigStackSet, enabledBaselines\)/);
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(config, '..', 'manifest.yaml'))).toBe(false);
  });
});
