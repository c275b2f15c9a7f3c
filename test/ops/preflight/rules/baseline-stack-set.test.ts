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
