import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand, type Trail } from '@aws-sdk/client-cloudtrail';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';

/**
 * DescribeTrails shapes of the organizations the tests run against, in the response's field names
 * (node_modules/@aws-sdk/client-cloudtrail/dist-types/models/models_0.d.ts, `Trail`). Values are
 * documentation values; the log group ARNs end in `:*` as CloudTrail returns them.
 */
const controlTowerTrail = (logGroup: string): Trail => ({
  Name: 'aws-controltower-BaselineCloudTrail',
  S3BucketName: 'aws-controltower-logs-222222222222-us-east-1',
  S3KeyPrefix: 'o-exampleorgid',
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: true,
  HomeRegion: 'us-east-1',
  TrailARN: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail',
  LogFileValidationEnabled: true,
  CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:111111111111:log-group:${logGroup}:*`,
  CloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/aws-controltower-CloudWatchLogsRole',
  HasCustomEventSelectors: false,
  HasInsightSelectors: false,
  IsOrganizationTrail: true,
});

/** A 3.3 landing zone: Control Tower's trail on the fixed log group name. */
export const LANDING_ZONE_3_3: readonly Trail[] = [controlTowerTrail('aws-controltower/CloudTrailLogs')];

/** A 4.0 landing zone: the same trail, its log group name with a random suffix. */
export const LANDING_ZONE_4_0: readonly Trail[] = [controlTowerTrail('aws-controltower/CloudTrailLogs-tfw-qeb')];

/**
 * An organization with its own organization trail (CloudTrail integration off in Control Tower),
 * beside a single-Region account trail that also delivers to CloudWatch Logs.
 */
export const OWN_ORGANIZATION_TRAIL: readonly Trail[] = [
  {
    Name: 'account-audit', S3BucketName: 'audit-111111111111', IncludeGlobalServiceEvents: false, IsMultiRegionTrail: false,
    HomeRegion: 'us-east-1', TrailARN: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/account-audit',
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:account-audit:*', IsOrganizationTrail: false,
  },
  {
    Name: 'org-trail', S3BucketName: 'org-trail-archive-example', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true,
    HomeRegion: 'us-east-1', TrailARN: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:/org/cloudtrail:*', IsOrganizationTrail: true,
  },
];

/** An organization trail that archives to S3 only: nothing delivers to CloudWatch Logs. */
export const NO_CLOUDWATCH_DELIVERY: readonly Trail[] = [
  {
    Name: 'org-trail', S3BucketName: 'org-trail-archive-example', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true,
    HomeRegion: 'us-east-1', TrailARN: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail', IsOrganizationTrail: true,
  },
];

/** Mocks CloudTrail with `trails` (DescribeTrails) and `logging` (GetTrailStatus.IsLogging for every trail). */
export function mockTrails(trails: readonly Trail[], logging = true): AwsStub<any, any, any> {
  const stub = mockClient(CloudTrailClient);
  stub.on(DescribeTrailsCommand).resolves({ trailList: [...trails] });
  // A delivery a minute ago: a healthy trail (preflight's trail-delivery measures its age from now).
  stub.on(GetTrailStatusCommand).callsFake(() => ({ IsLogging: logging, LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 60_000) }));
  return stub;
}

/**
 * The root-guard.ous.yaml `root-guard resolve` writes for a 4.0 landing zone whose Control Tower trail
 * delivers to the suffixed log group (landing zone not read), as file lines.
 */
export function landingZone40RecordLines(): string[] {
  return [
    'resolvedAt: 2026-12-01T10:00:00.000Z',
    'targets: {}',
    'organizationTrail:',
    '  trailArn: arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail',
    '  isOrganizationTrail: true',
    '  isMultiRegionTrail: true',
    '  isLogging: true',
    '  logGroupArn: arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs-tfw-qeb:*',
    '  logGroupName: aws-controltower/CloudTrailLogs-tfw-qeb',
    '  landingZoneVersion: "not read"',
  ];
}
