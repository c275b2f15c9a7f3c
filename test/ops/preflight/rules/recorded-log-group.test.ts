import { checkRecordedLogGroup } from '../../../../src/ops/preflight/rules/recorded-log-group';
import { read } from '../../../support/reads';

const base = { region: 'us-east-1', managementAccountId: '111111111111', callerAccount: '111111111111', recordFile: 'root-guard.ous.yaml' };
const delivering = read({ trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/t', logGroupName: 'aws-controltower/CloudTrailLogs-tfw-qeb', landingZoneVersion: 'x' });

describe('checkRecordedLogGroup', () => {
  test('passes when the package\'s group is the trail\'s', () => {
    expect(checkRecordedLogGroup({ ...base, trail: delivering, planned: { logGroupName: 'aws-controltower/CloudTrailLogs-tfw-qeb', source: 'resolution' } })[0].status).toBe('pass');
  });

  test('a stale record: re-run resolve and commit the record', () => {
    const [finding] = checkRecordedLogGroup({ ...base, trail: delivering, planned: { logGroupName: 'aws-controltower/CloudTrailLogs-old', source: 'resolution' } });
    expect(finding).toMatchObject({ status: 'fail', message: expect.stringMatching(/built for aws-controltower\/CloudTrailLogs-old \(recorded by root-guard resolve\) but the trail delivers to aws-controltower\/CloudTrailLogs-tfw-qeb.*run `root-guard resolve` again, then build, commit root-guard\.ous\.yaml/) });
  });

  test('a config key naming another group: change the key', () => {
    const [finding] = checkRecordedLogGroup({ ...base, trail: delivering, planned: { logGroupName: 'org/x', source: 'config' } });
    expect(finding.message).toContain('set organizationTrail.logGroupName to aws-controltower/CloudTrailLogs-tfw-qeb');
  });

  test('says nothing without a delivering trail (organization-trail reports that)', () => {
    expect(checkRecordedLogGroup({ ...base, trail: read({ landingZoneVersion: 'x' }), planned: { logGroupName: 'g', source: 'default' } })).toEqual([]);
  });
});
