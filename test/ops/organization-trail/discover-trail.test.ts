import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { AwsStub } from 'aws-sdk-client-mock';
import { discoverOrganizationTrail } from '../../../src/ops/organization-trail/discover-trail';
import { LANDING_ZONE_3_3, LANDING_ZONE_4_0, mockTrails, NO_CLOUDWATCH_DELIVERY, OWN_ORGANIZATION_TRAIL } from '../../support/fake-trails';

let stub: AwsStub<any, any, any> | undefined;
afterEach(() => stub?.restore());
const where = { region: 'us-east-1', managementAccountId: '111111111111' };
const discover = () => discoverOrganizationTrail(new CloudTrailClient({ region: 'us-east-1' }), where);

describe('discoverOrganizationTrail', () => {
  test('a 3.3 landing zone: Control Tower\'s trail on the fixed name, asking for shadow trails', async () => {
    stub = mockTrails(LANDING_ZONE_3_3);
    expect(await discover()).toEqual({
      trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail',
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      isLogging: true,
      logGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs:*',
      logGroupName: 'aws-controltower/CloudTrailLogs',
    });
    expect(stub.commandCalls(DescribeTrailsCommand)[0].args[0].input).toEqual({ includeShadowTrails: true });
    expect(stub.commandCalls(GetTrailStatusCommand)[0].args[0].input).toEqual({ Name: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail' });
  });

  test('a 4.0 landing zone: the suffixed log group name, parsed from CloudWatchLogsLogGroupArn', async () => {
    stub = mockTrails(LANDING_ZONE_4_0);
    expect((await discover()).logGroupName).toBe('aws-controltower/CloudTrailLogs-tfw-qeb');
  });

  test('an organization\'s own trail wins over a single-Region account trail', async () => {
    stub = mockTrails(OWN_ORGANIZATION_TRAIL);
    expect(await discover()).toMatchObject({ trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail', logGroupName: '/org/cloudtrail' });
  });

  test('no CloudWatch Logs delivery: records only that, and does not ask for a status', async () => {
    stub = mockTrails(NO_CLOUDWATCH_DELIVERY);
    expect(await discover()).toEqual({});
    expect(stub.commandCalls(GetTrailStatusCommand)).toHaveLength(0);
  });

  test('a trail delivering to a log group in another Region is not the home region\'s', async () => {
    stub = mockTrails([{ ...LANDING_ZONE_3_3[0], CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111111111111:log-group:aws-controltower/CloudTrailLogs:*' }]);
    expect((await discover()).trailArn).toBeUndefined();
  });

  test('a trail that stopped logging is recorded as not logging', async () => {
    stub = mockTrails(LANDING_ZONE_4_0, false);
    expect((await discover()).isLogging).toBe(false);
  });

  test('access denied names the account, the region and the API call', async () => {
    stub = mockTrails(LANDING_ZONE_3_3);
    stub.on(DescribeTrailsCommand).rejects(Object.assign(new Error('User is not authorized to perform: cloudtrail:DescribeTrails'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    await expect(discover()).rejects.toThrow(/^account 111111111111 us-east-1: cloudtrail:DescribeTrails failed: /);
  });
});
