import { trailDeliveryProblem } from '../../../health/rules/trail';
import { PREFLIGHT_API, type PreflightFinding } from '../finding';
import type { OrganizationTrailFacts } from './organization-trail';

/**
 * A delivery older than this fails: the delivery alarm's period (src/plan/tamper-alerts.ts), so
 * preflight and the alarm agree on what a stopped delivery is.
 */
export const DELIVERY_MAX_AGE_MINUTES = 60;

/**
 * `trail-delivery`: CloudTrail's own account of its last delivery to CloudWatch Logs
 * (GetTrailStatus `LatestCloudWatchLogsDeliveryTime`, `LatestCloudWatchLogsDeliveryError`,
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html). A trail can
 * be logging (to S3) while nothing reaches the log group, for example after its CloudWatch Logs role
 * lost its policy; no filter, and no tamper filter, sees anything then. The same judgement as the
 * sentinel's rule (src/health/rules/trail.ts).
 */
export function checkTrailDelivery(facts: OrganizationTrailFacts): PreflightFinding[] {
  const read = facts.trail;
  if (typeof read === 'string' || !read.ok || !read.value.trailArn) return []; // organization-trail says why
  const trail = read.value;
  const target = `trail ${trail.trailArn}`;
  const api = PREFLIGHT_API.getTrailStatus;
  const now = (facts.now ?? new Date()).getTime();
  const delivered = trail.delivery?.latestDeliveryTime;
  const problem = trailDeliveryProblem({
    ...(delivered ? { LatestCloudWatchLogsDeliveryTime: delivered } : {}),
    ...(trail.delivery?.latestDeliveryError ? { LatestCloudWatchLogsDeliveryError: trail.delivery.latestDeliveryError } : {}),
  }, now, DELIVERY_MAX_AGE_MINUTES);
  if (problem || !delivered) return [{ check: 'trail-delivery', status: 'fail', target, api, message: problem ?? 'no delivery to CloudWatch Logs yet' }];
  const minutes = Math.max(0, Math.floor((now - delivered.getTime()) / 60_000));
  return [{ check: 'trail-delivery', status: 'pass', target, api, message: `last delivery to ${trail.logGroupName ?? 'CloudWatch Logs'} ${minutes} minute(s) ago, no delivery error` }];
}
