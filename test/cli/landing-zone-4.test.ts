import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, ListStackSetsCommand } from '@aws-sdk/client-cloudformation';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { parse } from 'yaml';
import { formatProblem, validateManifestFile } from '../../src/cfct-manifest';
import { runCli } from '../support/cli';
import { cfctSchemaCheck } from '../support/cfct';
import { FIXTURE_CONFIG } from '../support/config';
import { CFCT_MANIFEST_CHECK, judgeTest } from '../support/external-judges';
import { enabledBaseline, LANDING_ZONE_DETAIL_4_0_CONFIG_ON, withFakeControlTower } from '../support/fake-control-tower-api';
import { mockOrganization, sampleOrganization } from '../support/fake-organization';
import { LANDING_ZONE_4_0, mockTrails } from '../support/fake-trails';

// Whole commands at AWS's published rates, on a virtual clock (test/support/virtual-clock.ts).
jest.mock('../../src/ops/api-pacer', () => require('../support/virtual-clock').pacerOnVirtualClock(jest.requireActual('../../src/ops/api-pacer')));

/**
 * Issue 24 §1: a landing zone 4.0 without AWSControlTowerBP-BASELINE-CONFIG, its AWS Config baseline
 * on some OUs only. CfCT v2.8.4 resolves a `Root` target from that stack set's instances
 * (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set), so resolve records that the
 * stack set is absent and spells Root out as every OU, and build writes no Root target.
 */
const cloudformation = mockClient(CloudFormationClient);
let org: AwsStub<any, any, any> | undefined;
let trails: AwsStub<any, any, any> | undefined;
beforeEach(() => {
  // What ListStackSets (ACTIVE) answers in the management account: Control Tower 4.0's own, without BASELINE-CONFIG.
  cloudformation.on(ListStackSetsCommand).resolves({ Summaries: [
    { StackSetName: 'AWSControlTowerBP-CONFIG-CENTRAL-S3-BUCKET', StackSetId: 'AWSControlTowerBP-CONFIG-CENTRAL-S3-BUCKET:EXAMPLE', Status: 'ACTIVE' },
  ] });
  org = mockOrganization(sampleOrganization()).stub;
  trails = mockTrails(LANDING_ZONE_4_0);
});
afterEach(() => {
  cloudformation.reset();
  org?.restore();
  trails?.restore();
});
afterAll(() => cloudformation.restore());

/** The fixture config (rootChecks on Root) in a scratch directory. */
function scratchConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-lz4-'));
  writeFileSync(join(dir, 'root-guard.config.yaml'), readFileSync(FIXTURE_CONFIG, 'utf8'));
  return join(dir, 'root-guard.config.yaml');
}

/** Config baseline on Workloads and Sandbox only (not Security, as key-changes-lz-v4 says of 4.0), AWSControlTowerBaseline on all three. */
const ENABLED = [
  enabledBaseline(0, 'ou-abcd-security'), enabledBaseline(0, 'ou-abcd-workload'), enabledBaseline(0, 'ou-abcd-sandbox0'),
  enabledBaseline(1, 'ou-abcd-workload'), enabledBaseline(1, 'ou-abcd-sandbox0', 'FAILED'),
];

describe('landing zone 4.0 without AWSControlTowerBP-BASELINE-CONFIG (issue 24 §1)', () => {
  let config: string;
  let manifest: string;
  test('resolve records the absent stack set and the enabled baselines, and spells Root out as every OU', async () => {
    config = scratchConfig();
    const resolved = await withFakeControlTower({ kind: 'landing-zone', detail: LANDING_ZONE_DETAIL_4_0_CONFIG_ON, enabledBaselines: ENABLED }, () => runCli(['resolve', '--config', config]));
    expect(resolved.stderr).toBe('');
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain('CfCT enrolment stack set: AWSControlTowerBP-BASELINE-CONFIG is absent: a Root target is written out as every OU');
    expect(resolved.stdout).toContain('Enabled baselines: AWSControlTowerBaseline on Sandbox, Security, Workloads; ConfigBaseline on Sandbox (FAILED), Workloads');
    const record = parse(readFileSync(join(config, '..', 'root-guard.ous.yaml'), 'utf8')) as Record<string, any>;
    expect(record.targets['rootChecks.organizationalUnits']).toEqual({
      from: ['Root'],
      paths: ['Sandbox', 'Security', 'Workloads', 'Workloads:Prod', 'Workloads:Prod:Web', 'Workloads:Test'],
    });
    expect(record.organizationTrail.landingZone.baselineConfigStackSet).toBe('absent');
    expect(record.organizationTrail.landingZone.enabledBaselines).toEqual([
      { baseline: 'AWSControlTowerBaseline', ou: 'Sandbox', status: 'SUCCEEDED' },
      { baseline: 'ConfigBaseline', ou: 'Sandbox', status: 'FAILED' },
      { baseline: 'AWSControlTowerBaseline', ou: 'Security', status: 'SUCCEEDED' },
      { baseline: 'AWSControlTowerBaseline', ou: 'Workloads', status: 'SUCCEEDED' },
      { baseline: 'ConfigBaseline', ou: 'Workloads', status: 'SUCCEEDED' },
    ]);

    const built = await runCli(['build', '--config', config]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    manifest = join(config, '..', 'manifest.yaml');
    const resources = (parse(readFileSync(manifest, 'utf8')) as { resources: { deployment_targets?: { organizational_units?: string[] } }[] }).resources;
    const ouTargets = resources.flatMap((r) => r.deployment_targets?.organizational_units ?? []);
    expect(ouTargets).not.toContain('Root');
    expect(ouTargets).toEqual(expect.arrayContaining(['Security', 'Workloads:Prod:Web', 'Sandbox']));
  });

  test("the package built that way passes the project's own check of CfCT's schema, rules and referenced files", () => {
    expect(validateManifestFile(manifest, readFileSync(manifest, 'utf8')).map((p) => formatProblem(manifest, p))).toEqual([]);
  });

  judgeTest(CFCT_MANIFEST_CHECK)("the package built that way passes CfCT's schema, semantic rules and referenced-file checks", () => {
    const result = cfctSchemaCheck(manifest);
    expect(result.output).toContain('manifest.yaml: OK');
    expect(result.status).toBe(0);
  });

  test('with the stack set present (a landing zone upgraded to 4.0 that kept it), Root stays Root', async () => {
    const other = scratchConfig();
    cloudformation.on(ListStackSetsCommand).resolves({ Summaries: [{ StackSetName: 'AWSControlTowerBP-BASELINE-CONFIG', StackSetId: 'AWSControlTowerBP-BASELINE-CONFIG:EXAMPLE', Status: 'ACTIVE' }] });
    await withFakeControlTower({ kind: 'landing-zone', detail: LANDING_ZONE_DETAIL_4_0_CONFIG_ON, enabledBaselines: ENABLED }, () => runCli(['resolve', '--config', other]));
    expect((await runCli(['build', '--config', other])).code).toBe(0);
    expect(readFileSync(join(other, '..', 'manifest.yaml'), 'utf8')).toMatch(/organizational_units:\n\s+- Root\n/);
  });
});
