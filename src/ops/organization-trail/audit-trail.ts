import type { CloudTrailClient, Trail } from '@aws-sdk/client-cloudtrail';
import { LOG_GROUP_SOURCE_WORDS, logGroupMismatchFix, type OperatingLogGroup } from '../../plan/organization-trail';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import type { OrgCheck } from '../readers/detection-checks';
import { logGroupNameOfArn } from '../../config/organization-trail-record';
import { CLOUDTRAIL_API, findDeliveringTrail, readIsLogging } from './discover-trail';

/**
 * The audit's view of the organization trail, read live (issue 11 §5): does the trail deliver to the
 * log group the package was built for? Landing zone 4.0 gives Control Tower's log group a random
 * suffix, and an organization may switch to its own trail, so a package built from an old record (or
 * the pre-4.0 default) has its filters on a group no event reaches. The audit then checks the filter
 * and the alarm on the group the trail really delivers to (docs/organization-trail.md).
 */

/** Inputs of {@link auditOrganizationTrail}. */
export interface TrailAuditInputs {
  /** The Control Tower home region: where the metric filters are. */
  readonly region: string;
  readonly managementAccountId: string;
  /** The log group the package was built for, and where that name came from (`operatingLogGroup`). */
  readonly planned: OperatingLogGroup;
  /** root-guard.ous.yaml beside the config, for the fix. */
  readonly recordFile: string;
}

/** The trail checks, and the log group the trail delivers to when that is known. */
export interface TrailAudit {
  readonly checks: readonly OrgCheck[];
  /** The log group the trail delivers to now; undefined when no trail does or the trail could not be read. */
  readonly deliveredLogGroup?: string;
  /** The ARN of the trail that delivers there (what GetTrailStatus is asked about). */
  readonly trailArn?: string;
}

/** Org check ids, as `audit --json` prints them. */
export const TRAIL_CHECK = {
  logGroup: 'trail-log-group',
  settings: 'trail-settings',
} as const;

/**
 * Reads the trail delivering to CloudWatch Logs in the home region (cloudtrail:DescribeTrails with
 * shadow trails, then GetTrailStatus; the same choice `root-guard resolve` makes) and says:
 * - `trail-log-group`: ok when it delivers to the package's log group (naming the trail); failing
 *   with both names and the fix when it delivers to another; missing when no trail delivers to
 *   CloudWatch Logs in the home region; unknown (with the API) when DescribeTrails fails;
 * - `trail-settings`: failing when the trail is not an organization trail, not multi-Region or not
 *   logging (member accounts' or other Regions' root activity, or all of it, would raise no alarm).
 * Nothing here throws. Calls are paced at CloudTrail's published rate (api-pacer.ts).
 */
export async function auditOrganizationTrail(cloudtrail: CloudTrailClient, inputs: TrailAuditInputs, pacer: Pacer): Promise<TrailAudit> {
  const { planned, region } = inputs;
  const label = `trail delivers to ${planned.logGroupName}`;
  const base = { id: TRAIL_CHECK.logGroup, label };
  let trail: Trail | undefined;
  try {
    trail = await paced(pacer, CLOUDTRAIL_API.describeTrails, () => findDeliveringTrail(cloudtrail, region));
  } catch (err) {
    return { checks: [{ ...base, status: 'unknown', api: CLOUDTRAIL_API.describeTrails, detail: `account ${inputs.managementAccountId} ${region}: ${unreadReason(describeAwsError(err))}` }] };
  }
  const delivered = trail?.CloudWatchLogsLogGroupArn ? logGroupNameOfArn(trail.CloudWatchLogsLogGroupArn) : undefined;
  if (!trail?.TrailARN || !delivered) {
    return {
      checks: [{
        ...base,
        status: 'missing',
        detail: `no trail delivers to CloudWatch Logs in ${region}: the metric filters on ${planned.logGroupName} see no event `
          + '(turn on the AWS CloudTrail integration of the landing zone, or send an organization trail to a CloudWatch Logs log group in the home region; then run `root-guard resolve`, build, commit and publish)',
      }],
    };
  }
  const arn = trail.TrailARN;
  const logGroupCheck: OrgCheck = delivered === planned.logGroupName
    ? { ...base, status: 'ok', detail: `${arn} delivers to ${delivered}, the log group the package was built for (${LOG_GROUP_SOURCE_WORDS[planned.source]})` }
    : {
      ...base,
      status: 'failing',
      detail: `the package was built for ${planned.logGroupName} (${LOG_GROUP_SOURCE_WORDS[planned.source]}) but ${arn} delivers to ${delivered}: `
        + `its metric filters see no event; the filter and alarm below are checked on ${delivered} (${logGroupMismatchFix(planned.source, delivered, inputs.recordFile)}; the pipeline then redeploys the filters)`,
    };
  return { checks: [logGroupCheck, await settingsCheck(cloudtrail, trail, arn, pacer)], deliveredLogGroup: delivered, trailArn: arn };
}

/** Organization-wide, multi-Region, logging: the conditions for every account's root activity to reach the log group. */
async function settingsCheck(cloudtrail: CloudTrailClient, trail: Trail, arn: string, pacer: Pacer): Promise<OrgCheck> {
  const base = { id: TRAIL_CHECK.settings, label: 'trail is organization-wide, multi-Region and logging' };
  let isLogging: boolean;
  try {
    isLogging = await paced(pacer, CLOUDTRAIL_API.getTrailStatus, () => readIsLogging(cloudtrail, arn));
  } catch (err) {
    return { ...base, status: 'unknown', api: CLOUDTRAIL_API.getTrailStatus, detail: `${arn}: ${unreadReason(describeAwsError(err))}` };
  }
  // Organization trails: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
  // IsLogging: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
  const problems = [
    ...(trail.IsOrganizationTrail ? [] : [`not an organization trail: member accounts' root activity never reaches the log group (aws cloudtrail update-trail --name ${arn} --is-organization-trail)`]),
    ...(trail.IsMultiRegionTrail ? [] : [`not multi-Region: other Regions' events (root sign-ins are logged in us-east-1) never reach it (aws cloudtrail update-trail --name ${arn} --is-multi-region-trail)`]),
    ...(isLogging ? [] : [`not logging: no event reaches it (aws cloudtrail start-logging --name ${arn}; find who stopped it: eventName StopLogging)`]),
  ];
  if (problems.length > 0) return { ...base, status: 'failing', detail: `${arn}: ${problems.join('; ')}` };
  return { ...base, status: 'ok', detail: `${arn}: organization trail, multi-Region, logging` };
}
