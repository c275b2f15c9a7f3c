import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { AwsStub } from 'aws-sdk-client-mock';
import type { OperatingLogGroup } from '../../../src/plan/organization-trail';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { auditOrganizationTrail } from '../../../src/ops/organization-trail/audit-trail';
import { LANDING_ZONE_3_3, LANDING_ZONE_4_0, mockTrails, NO_CLOUDWATCH_DELIVERY, OWN_ORGANIZATION_TRAIL } from '../../support/fake-trails';
import { serviceError } from '../../support/simulated-aws';

let stub: AwsStub<any, any, any> | undefined;
afterEach(() => stub?.restore());

const CT_TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail';
const DEFAULT: OperatingLogGroup = { logGroupName: 'aws-controltower/CloudTrailLogs', source: 'default' };
const RECORDED_4_0: OperatingLogGroup = { logGroupName: 'aws-controltower/CloudTrailLogs-tfw-qeb', source: 'resolution' };

function run(planned: OperatingLogGroup) {
  const pacer = createPacer();
  const result = auditOrganizationTrail(new CloudTrailClient({ region: 'us-east-1' }), {
    region: 'us-east-1', managementAccountId: '111111111111', planned, recordFile: 'root-guard.ous.yaml',
  }, pacer);
  return result.then((r) => ({ ...r, calls: pacer.counts() }));
}

describe('auditOrganizationTrail', () => {
  test('a 3.3 landing zone and a package on its fixed name: ok, naming the trail; the filter is checked there', async () => {
    stub = mockTrails(LANDING_ZONE_3_3);
    const result = await run(DEFAULT);
    expect(result.checks).toEqual([
      { id: 'trail-log-group', label: 'trail delivers to aws-controltower/CloudTrailLogs', status: 'ok', detail: `${CT_TRAIL} delivers to aws-controltower/CloudTrailLogs, the log group the package was built for (the default name before landing zone 4.0)` },
      { id: 'trail-settings', label: 'trail is organization-wide, multi-Region and logging', status: 'ok', detail: `${CT_TRAIL}: organization trail, multi-Region, logging` },
    ]);
    expect(result.deliveredLogGroup).toBe('aws-controltower/CloudTrailLogs');
    expect(result.calls).toEqual({ 'cloudtrail:DescribeTrails': 1, 'cloudtrail:GetTrailStatus': 1 });
  });

  test('a 4.0 landing zone and a package built for the pre-4.0 name: failing with both names and the fix', async () => {
    stub = mockTrails(LANDING_ZONE_4_0);
    const result = await run(DEFAULT);
    const check = result.checks[0];
    expect(check.status).toBe('failing');
    expect(check.detail).toContain(`the package was built for aws-controltower/CloudTrailLogs (the default name before landing zone 4.0) but ${CT_TRAIL} delivers to aws-controltower/CloudTrailLogs-tfw-qeb`);
    expect(check.detail).toContain('run `root-guard resolve` (landing zones from 4.0 on add a suffix to the name), then build, commit and publish');
    expect(result.deliveredLogGroup).toBe('aws-controltower/CloudTrailLogs-tfw-qeb');
  });

  test('a stale record: the fix is to resolve again and commit the record', async () => {
    stub = mockTrails(OWN_ORGANIZATION_TRAIL);
    const result = await run(RECORDED_4_0);
    expect(result.checks[0].detail).toMatch(/built for aws-controltower\/CloudTrailLogs-tfw-qeb \(recorded by root-guard resolve\) but arn:aws:cloudtrail:us-east-1:111111111111:trail\/org-trail delivers to \/org\/cloudtrail.*run `root-guard resolve` again, then build, commit root-guard\.ous\.yaml and the package, and publish/);
    expect(result.deliveredLogGroup).toBe('/org/cloudtrail');
  });

  test('a config override on another group: the fix names the key and the right value', async () => {
    stub = mockTrails(LANDING_ZONE_4_0);
    const result = await run({ logGroupName: 'org/other', source: 'config' });
    expect(result.checks[0].detail).toContain('set organizationTrail.logGroupName to aws-controltower/CloudTrailLogs-tfw-qeb in the config');
  });

  test('no trail delivering to CloudWatch Logs: missing, no status call, no delivered group', async () => {
    stub = mockTrails(NO_CLOUDWATCH_DELIVERY);
    const result = await run(RECORDED_4_0);
    expect(result.checks).toEqual([expect.objectContaining({
      id: 'trail-log-group', status: 'missing',
      detail: expect.stringMatching(/^no trail delivers to CloudWatch Logs in us-east-1: the metric filters on aws-controltower\/CloudTrailLogs-tfw-qeb see no event \(turn on the AWS CloudTrail integration/),
    })]);
    expect(result.deliveredLogGroup).toBeUndefined();
    expect(stub.commandCalls(GetTrailStatusCommand)).toHaveLength(0);
  });

  test('a trail delivering only to another Region\'s log group counts as none in the home region', async () => {
    stub = mockTrails([{ ...LANDING_ZONE_3_3[0], CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111111111111:log-group:aws-controltower/CloudTrailLogs:*' }]);
    expect((await run(DEFAULT)).checks[0].status).toBe('missing');
  });

  test('DescribeTrails denied: unknown, naming the API and the account', async () => {
    stub = mockTrails(LANDING_ZONE_3_3);
    stub.on(DescribeTrailsCommand).rejects(serviceError('AccessDeniedException', 'User is not authorized to perform: cloudtrail:DescribeTrails'));
    const result = await run(DEFAULT);
    expect(result.checks).toEqual([expect.objectContaining({
      id: 'trail-log-group', status: 'unknown', api: 'cloudtrail:DescribeTrails', detail: expect.stringMatching(/^account 111111111111 us-east-1: access denied \(AccessDeniedException/),
    })]);
    expect(result.deliveredLogGroup).toBeUndefined();
  });

  test('GetTrailStatus denied: the log group is still compared, the settings are unknown', async () => {
    stub = mockTrails(LANDING_ZONE_4_0);
    stub.on(GetTrailStatusCommand).rejects(serviceError('AccessDeniedException', 'denied'));
    const result = await run(RECORDED_4_0);
    expect(result.checks.map((c) => [c.id, c.status, c.api])).toEqual([['trail-log-group', 'ok', undefined], ['trail-settings', 'unknown', 'cloudtrail:GetTrailStatus']]);
  });

  test('a trail that is not organization-wide, not multi-Region and not logging: one failing check with every fix', async () => {
    stub = mockTrails([{ ...LANDING_ZONE_3_3[0], IsOrganizationTrail: false, IsMultiRegionTrail: false }], false);
    const settings = (await run(DEFAULT)).checks[1];
    expect(settings.status).toBe('failing');
    expect(settings.detail).toContain(`aws cloudtrail update-trail --name ${CT_TRAIL} --is-organization-trail`);
    expect(settings.detail).toContain(`aws cloudtrail update-trail --name ${CT_TRAIL} --is-multi-region-trail`);
    expect(settings.detail).toContain(`aws cloudtrail start-logging --name ${CT_TRAIL}`);
  });
});
