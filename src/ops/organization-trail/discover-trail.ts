import { type CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand, type Trail } from '@aws-sdk/client-cloudtrail';
import { logGroupNameOfArn, type RecordedOrganizationTrail } from '../../config/organization-trail-record';
import { UserError } from '../../errors';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';

/** The CloudTrail calls, as IAM and messages name them. */
export const CLOUDTRAIL_API = {
  describeTrails: 'cloudtrail:DescribeTrails',
  getTrailStatus: 'cloudtrail:GetTrailStatus',
} as const;

/** Control Tower's organization trail (landing zones 2.x to 4.0; https://docs.aws.amazon.com/controltower/latest/userguide/cloudtrail.html). */
export const CONTROL_TOWER_TRAIL_NAME = 'aws-controltower-BaselineCloudTrail';

/** Inputs of {@link discoverOrganizationTrail}. */
export interface DiscoverTrailOptions {
  /** The Control Tower home region: the metric filters go on a log group there. */
  readonly region: string;
  readonly managementAccountId: string;
}

/**
 * Finds the trail whose events the metric filters would read: of the trails DescribeTrails lists
 * in the home region (with shadow trails, so an organization trail created in another Region is
 * seen too), those delivering to CloudWatch Logs in the home region, preferring an organization
 * trail, then a multi-Region one, then Control Tower's own. GetTrailStatus then says whether it logs.
 *
 * DescribeTrails: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html
 * GetTrailStatus: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
 *
 * The landing zone (version, integrations) is read by ../control-tower/read-landing-zone.ts; `resolve`
 * puts both in one record.
 *
 * Throws a {@link UserError} naming the account, the region and the API call when a call fails.
 */
export async function discoverOrganizationTrail(cloudtrail: CloudTrailClient, options: DiscoverTrailOptions): Promise<RecordedOrganizationTrail> {
  const where = `account ${options.managementAccountId} ${options.region}`;
  let trail: Trail | undefined;
  try {
    trail = await findDeliveringTrail(cloudtrail, options.region);
  } catch (err) {
    throw new UserError(`${where}: ${CLOUDTRAIL_API.describeTrails} failed: ${unreadReason(describeAwsError(err))}`);
  }
  if (!trail?.TrailARN || !trail.CloudWatchLogsLogGroupArn) return {};
  let isLogging: boolean | undefined;
  try {
    isLogging = await readIsLogging(cloudtrail, trail.TrailARN);
  } catch (err) {
    throw new UserError(`${where}: ${CLOUDTRAIL_API.getTrailStatus} on ${trail.TrailARN} failed: ${unreadReason(describeAwsError(err))}`);
  }
  const record = recordOf(trail, isLogging);
  if (!record.logGroupName) {
    throw new UserError(`${where}: ${CLOUDTRAIL_API.describeTrails}: trail ${trail.TrailARN} has CloudWatchLogsLogGroupArn ${JSON.stringify(trail.CloudWatchLogsLogGroupArn)}, which is not a log group ARN (check the trail's CloudWatch Logs settings)`);
  }
  return record;
}

/** The trail delivering to CloudWatch Logs in `region` ({@link pickTrail}); AWS errors are thrown as they are. */
export async function findDeliveringTrail(cloudtrail: CloudTrailClient, region: string): Promise<Trail | undefined> {
  return pickTrail((await cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [], region);
}

/** GetTrailStatus's IsLogging; AWS errors are thrown as they are. */
export async function readIsLogging(cloudtrail: CloudTrailClient, trailArn: string): Promise<boolean> {
  return (await readTrailStatus(cloudtrail, trailArn)).isLogging;
}

/** What GetTrailStatus says of logging and of the last delivery to CloudWatch Logs. */
export interface TrailStatus {
  readonly isLogging: boolean;
  readonly latestDeliveryTime?: Date;
  readonly latestDeliveryError?: string;
}

/** GetTrailStatus (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html); AWS errors are thrown as they are. */
export async function readTrailStatus(cloudtrail: CloudTrailClient, trailArn: string): Promise<TrailStatus> {
  const status = await cloudtrail.send(new GetTrailStatusCommand({ Name: trailArn }));
  return {
    isLogging: status.IsLogging ?? false,
    ...(status.LatestCloudWatchLogsDeliveryTime ? { latestDeliveryTime: status.LatestCloudWatchLogsDeliveryTime } : {}),
    ...(status.LatestCloudWatchLogsDeliveryError ? { latestDeliveryError: status.LatestCloudWatchLogsDeliveryError } : {}),
  };
}

/** The record of a trail that delivers to CloudWatch Logs. */
export function recordOf(trail: Trail, isLogging: boolean | undefined): RecordedOrganizationTrail {
  const logGroupName = trail.CloudWatchLogsLogGroupArn ? logGroupNameOfArn(trail.CloudWatchLogsLogGroupArn) : undefined;
  return {
    ...(trail.TrailARN ? { trailArn: trail.TrailARN } : {}),
    isOrganizationTrail: trail.IsOrganizationTrail ?? false,
    isMultiRegionTrail: trail.IsMultiRegionTrail ?? false,
    isLogging: isLogging ?? false,
    ...(trail.CloudWatchLogsLogGroupArn ? { logGroupArn: trail.CloudWatchLogsLogGroupArn } : {}),
    ...(logGroupName ? { logGroupName } : {}),
  };
}

/** The best trail delivering to CloudWatch Logs in `region`, or undefined when none does. */
export function pickTrail(trails: readonly Trail[], region: string): Trail | undefined {
  const delivering = trails.filter((t) => t.CloudWatchLogsLogGroupArn && logGroupRegion(t.CloudWatchLogsLogGroupArn) === region);
  const score = (t: Trail) => (t.IsOrganizationTrail ? 4 : 0) + (t.IsMultiRegionTrail ? 2 : 0) + (t.Name === CONTROL_TOWER_TRAIL_NAME ? 1 : 0);
  // Stable: equal scores keep DescribeTrails' order, so the record does not flap between runs.
  return [...delivering].sort((a, b) => score(b) - score(a))[0];
}

/** The Region field of a log group ARN (`arn:<partition>:logs:<region>:…`). */
function logGroupRegion(arn: string): string | undefined {
  return arn.split(':')[3];
}
