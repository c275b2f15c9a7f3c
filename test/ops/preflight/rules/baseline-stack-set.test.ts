import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight';
import { baselineConfigStackSet, checkBaselineStackSet } from '../../../../src/ops/preflight/rules/baseline-stack-set';
import { failed, read } from '../../../support/reads';

const base = { region: 'us-east-1', managementAccountId: '111111111111' };

describe('checkBaselineStackSet', () => {
  test('passes when AWSControlTowerBP-BASELINE-CONFIG exists under its exact name', () => {
    expect(checkBaselineStackSet({ ...base, stackSets: read(['AWSControlTowerBP-BASELINE-CLOUDTRAIL', 'AWSControlTowerBP-BASELINE-CONFIG']) })).toEqual([expect.objectContaining({
      check: 'baseline-stack-set', status: 'pass', message: 'AWSControlTowerBP-BASELINE-CONFIG exists: CfCT reads enrolled accounts from its instances',
    })]);
  });

  test('warns on a StackSet-…-<uuid> variant, which CfCT may not find (#106)', () => {
    const names = ['StackSet-AWSControlTowerBP-BASELINE-CONFIG-0f1e2d3c', 'AWSControlTowerBP-BASELINE-ROLES'];
    expect(checkBaselineStackSet({ ...base, stackSets: read(names) })[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^found StackSet-AWSControlTowerBP-BASELINE-CONFIG-0f1e2d3c but not AWSControlTowerBP-BASELINE-CONFIG/) });
    expect(baselineConfigStackSet(names)).toEqual({ name: 'StackSet-AWSControlTowerBP-BASELINE-CONFIG-0f1e2d3c', exact: false });
  });

  test('fails when Control Tower\'s other stack sets are there but not the CONFIG one', () => {
    expect(checkBaselineStackSet({ ...base, stackSets: read(['AWSControlTowerBP-BASELINE-ROLES']) })[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/^no AWSControlTowerBP-BASELINE-CONFIG stack set in us-east-1/) });
  });

  test('says nothing where home-region already reports (no baseline, unreadable, other credentials)', () => {
    expect(checkBaselineStackSet({ ...base, stackSets: read(['CustomControlTower-other']) })).toEqual([]);
    expect(checkBaselineStackSet({ ...base, stackSets: failed('account 111111111111 us-east-1', 'cloudformation:ListStackSets') })).toEqual([]);
    expect(checkBaselineStackSet({ ...base, stackSets: NOT_IN_MANAGEMENT })).toEqual([]);
  });
});

describe('checkBaselineStackSet on landing zone 4.0 (issue 24 §1)', () => {
  const CT_4_0 = ['AWSControlTowerBP-CONFIG-CENTRAL-S3-BUCKET'];
  const lz = (config: string, enabledBaselines?: { baseline: string; ou: string; status?: string }[]) => ({
    version: '4.0', config, arn: 'arn:aws:controltower:us-east-1:111111111111:landingzone/1A2B3C4D5E6F7G8H', ...(enabledBaselines ? { enabledBaselines } : {}),
  });

  test('Config integration on, Config baseline on some OUs: names where to set CfCT\'s variable, the candidates, the OUs with and without it, and the Root step', () => {
    const [finding] = checkBaselineStackSet({
      ...base, stackSets: read(CT_4_0), rootTarget: true,
      landingZone: lz('enabled', [{ baseline: 'AWSControlTowerBaseline', ou: 'Security' }, { baseline: 'ConfigBaseline', ou: 'Workloads', status: 'SUCCEEDED' }, { baseline: 'ConfigBaseline', ou: 'Sandbox', status: 'FAILED' }]),
    });
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/^no AWSControlTowerBP-BASELINE-CONFIG stack set in us-east-1: CfCT lists the instances of the stack set named in its CONTROL_TOWER_BASELINE_CONFIG_STACKSET variable on every stack-set stage run, whatever the targets/);
    expect(finding.message).toContain('landing zone 4.0 with the AWS Config integration (AWS Config baseline on Workloads; not on Sandbox, Security) does not have it');
    expect(finding.message).toContain('the environment variable CONTROL_TOWER_BASELINE_CONFIG_STACKSET of the CodeBuild project Custom-Control-Tower-StackSet-CodeBuild, and the mapping ControlTowerBaselineConfigStackset.Info.Name of the CfCT template');
    expect(finding.message).toContain('Control Tower stack sets here: AWSControlTowerBP-CONFIG-CENTRAL-S3-BUCKET');
    expect(finding.message).toContain('run `root-guard resolve`, then `root-guard build`');
  });

  test('Config integration off: says to enable it (or give each account a recorder) as well', () => {
    const [finding] = checkBaselineStackSet({ ...base, stackSets: read([]), landingZone: lz('disabled') });
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('landing zone 4.0 without the AWS Config integration does not have it, and the root checks (AWS Config rules) need recorders: enable the integration (config.enabled in the landing zone manifest, UpdateLandingZone)');
  });

  test('Root already spelled out in the record: does not ask for resolve again', () => {
    const [finding] = checkBaselineStackSet({ ...base, stackSets: read(CT_4_0), rootTarget: true, landingZone: { ...lz('enabled', []), rootSpelledOut: true } });
    expect(finding.message).toContain('Root is already spelled out as OUs in root-guard.ous.yaml');
  });

  test('a 3.3 landing zone without it: repair the landing zone', () => {
    const [finding] = checkBaselineStackSet({ ...base, stackSets: read(['AWSControlTowerBP-BASELINE-ROLES']), landingZone: { ...lz('enabled (before 4.0 always)'), version: '3.3' } });
    expect(finding.message).toContain('landing zone 3.3 creates it with its AWS Config baseline: repair the landing zone');
  });
});
