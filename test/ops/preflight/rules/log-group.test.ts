import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight';
import { checkLogGroup } from '../../../../src/ops/preflight/rules/log-group';
import { failed, read } from '../../../support/reads';

const base = { region: 'us-east-1', managementAccountId: '111111111111', logGroupName: 'aws-controltower/CloudTrailLogs', callerAccount: '111111111111' };

describe('checkLogGroup', () => {
  test('passes when the org trail\'s log group exists', () => {
    expect(checkLogGroup({ ...base, logGroupExists: read(true) })).toEqual([{
      check: 'log-group', status: 'pass', target: 'account 111111111111 us-east-1', api: 'logs:DescribeLogGroups', message: 'aws-controltower/CloudTrailLogs exists: the metric filter has its org trail events',
    }]);
  });

  test('fails when it does not: the alarm\'s metric filter would fail to create', () => {
    expect(checkLogGroup({ ...base, logGroupExists: read(false) })[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/^no log group aws-controltower\/CloudTrailLogs in the management account in us-east-1: the alarm stack set would fail/) });
  });

  test('warns when it cannot be looked up or the credentials are another account\'s', () => {
    expect(checkLogGroup({ ...base, logGroupExists: failed('account 111111111111 us-east-1', 'logs:DescribeLogGroups') })[0].message).toMatch(/^not checked: could not look up aws-controltower\/CloudTrailLogs: access denied/);
    expect(checkLogGroup({ ...base, logGroupExists: NOT_IN_MANAGEMENT })[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: needs the management account's credentials/) });
  });
});
