import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight';
import { checkHomeRegion } from '../../../../src/ops/preflight/rules/home-region';
import { failed, read } from '../../../support/reads';

const base = { region: 'us-east-1', managementAccountId: '111111111111', callerAccount: '111111111111' };

describe('checkHomeRegion', () => {
  test('passes when Control Tower\'s baseline stack sets are in the home region', () => {
    const [finding] = checkHomeRegion({ ...base, stackSets: read(['AWSControlTowerBP-BASELINE-CONFIG', 'AWSControlTowerBP-BASELINE-CLOUDTRAIL', 'CustomControlTower-other']) });
    expect(finding).toMatchObject({ status: 'pass', target: 'account 111111111111 us-east-1', api: 'cloudformation:ListStackSets' });
    expect(finding.message).toBe('Control Tower\'s stack sets are in us-east-1 (AWSControlTowerBP-BASELINE-CLOUDTRAIL, AWSControlTowerBP-BASELINE-CONFIG): it is the home region');
  });

  test('fails when there is none: the Region is not the home region', () => {
    const [finding] = checkHomeRegion({ ...base, stackSets: read(['CustomControlTower-other']) });
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/^no Control Tower stack set \(AWSControlTowerBP-BASELINE-\*\) in us-east-1: us-east-1 is not the Control Tower home region/);
  });

  test('warns when the stack sets cannot be listed, or the credentials are not the management account\'s', () => {
    expect(checkHomeRegion({ ...base, stackSets: failed('account 111111111111 us-east-1', 'cloudformation:ListStackSets') })[0].message).toMatch(/^not checked: could not list the stack sets: access denied/);
    expect(checkHomeRegion({ ...base, callerAccount: '222222222222', stackSets: NOT_IN_MANAGEMENT })).toEqual([expect.objectContaining({
      status: 'warn', message: 'not checked: needs the management account\'s credentials (running in 222222222222)',
    })]);
  });
});

describe('checkHomeRegion on landing zone 4.0 (issue 24 §1)', () => {
  test('no BASELINE stack set, but the recorded landing zone is in the home region: pass, not "another Region"', () => {
    const facts = { region: 'us-east-1', managementAccountId: '111111111111', callerAccount: '111111111111', stackSets: read(['AWSControlTowerBP-CONFIG-CENTRAL-S3-BUCKET']) };
    expect(checkHomeRegion({ ...facts, landingZoneArn: 'arn:aws:controltower:us-east-1:111111111111:landingzone/1A2B3C4D5E6F7G8H' })[0]).toMatchObject({ status: 'pass' });
    expect(checkHomeRegion({ ...facts, landingZoneArn: 'arn:aws:controltower:eu-west-1:111111111111:landingzone/1A2B3C4D5E6F7G8H' })[0]).toMatchObject({ status: 'fail' });
  });
});
