import { checkTrailSettings } from '../../../../src/ops/preflight/rules/trail-settings';
import { failed, read } from '../../../support/reads';

const base = { region: 'us-east-1', managementAccountId: '111111111111', callerAccount: '111111111111' };
const trail = (flags: { isOrganizationTrail: boolean; isMultiRegionTrail: boolean; isLogging: boolean }) => ({
  ...base,
  trail: read({ trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/t', logGroupName: 'g', landingZoneVersion: 'x', ...flags }),
});

describe('checkTrailSettings', () => {
  test('passes an organization, multi-Region, logging trail: three lines', () => {
    expect(checkTrailSettings(trail({ isOrganizationTrail: true, isMultiRegionTrail: true, isLogging: true })).map((f) => f.status)).toEqual(['pass', 'pass', 'pass']);
  });

  test('fails each missing property on its own line, with the fix', () => {
    const findings = checkTrailSettings(trail({ isOrganizationTrail: false, isMultiRegionTrail: false, isLogging: false }));
    expect(findings.map((f) => [f.status, f.target, f.message.split(':')[0]])).toEqual([
      ['fail', 'trail arn:aws:cloudtrail:us-east-1:111111111111:trail/t', 'not an organization trail'],
      ['fail', 'trail arn:aws:cloudtrail:us-east-1:111111111111:trail/t', 'not multi-Region'],
      ['fail', 'trail arn:aws:cloudtrail:us-east-1:111111111111:trail/t', 'not logging'],
    ]);
    expect(findings[2].message).toContain('aws cloudtrail start-logging');
  });

  test('says nothing when there is no trail or it could not be read (organization-trail reports that)', () => {
    expect(checkTrailSettings({ ...base, trail: read({ landingZoneVersion: 'x' }) })).toEqual([]);
    expect(checkTrailSettings({ ...base, trail: failed('account 111111111111 us-east-1', 'cloudtrail:DescribeTrails') })).toEqual([]);
  });
});
