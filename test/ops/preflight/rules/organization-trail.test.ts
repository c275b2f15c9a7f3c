import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight';
import { checkOrganizationTrail } from '../../../../src/ops/preflight/rules/organization-trail';
import { failed, read } from '../../../support/reads';

const base = { region: 'us-east-1', managementAccountId: '111111111111', callerAccount: '111111111111' };
const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';

describe('checkOrganizationTrail', () => {
  test('passes a trail delivering to CloudWatch Logs, naming it and its log group', () => {
    expect(checkOrganizationTrail({ ...base, trail: read({ trailArn: TRAIL, logGroupName: '/org/cloudtrail', landingZoneVersion: 'x' }) })).toEqual([{
      check: 'organization-trail', status: 'pass', target: 'account 111111111111 us-east-1', api: 'cloudtrail:DescribeTrails', message: `${TRAIL} delivers to /org/cloudtrail`,
    }]);
  });

  test('fails when no trail delivers to CloudWatch Logs, with the fix', () => {
    const [finding] = checkOrganizationTrail({ ...base, trail: read({ landingZoneVersion: 'x' }) });
    expect(finding).toMatchObject({ status: 'fail', message: expect.stringMatching(/^no trail delivers to CloudWatch Logs in us-east-1: .*then run `root-guard resolve`\)$/) });
  });

  test('warns when the trails cannot be listed, or without the management account\'s credentials', () => {
    expect(checkOrganizationTrail({ ...base, trail: failed('account 111111111111 us-east-1', 'cloudtrail:DescribeTrails') })[0].message).toMatch(/^not checked: could not list the trails: /);
    expect(checkOrganizationTrail({ ...base, callerAccount: '222222222222', trail: NOT_IN_MANAGEMENT })[0]).toMatchObject({ status: 'warn', message: expect.stringContaining('needs the management account') });
  });
});
