import type { PreflightTrail } from '../read-trail';
import { type ManagementRead, needsManagement, NOT_IN_MANAGEMENT, notChecked, PREFLIGHT_API, type PreflightFinding } from '../finding';

/** What the organization-trail rules need: the trail that delivers to CloudWatch Logs in the home region, as read now. */
export interface OrganizationTrailFacts {
  readonly region: string;
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /**
   * The trail (cloudtrail:DescribeTrails with shadow trails, then GetTrailStatus), or a record
   * without `trailArn` when no trail delivers to CloudWatch Logs in `region`.
   */
  readonly trail: ManagementRead<PreflightTrail>;
  /** When the facts were read: the last delivery's age is measured from it. */
  readonly now?: Date;
}

/**
 * Is there a trail delivering to CloudWatch Logs in the home region at all? From landing zone 4.0
 * the AWS CloudTrail integration of Control Tower is optional, so an organization may have none,
 * and then no metric filter sees an event (docs/organization-trail.md;
 * https://docs.aws.amazon.com/controltower/latest/userguide/cloudtrail.html).
 */
export function checkOrganizationTrail(facts: OrganizationTrailFacts): PreflightFinding[] {
  const target = `account ${facts.managementAccountId} ${facts.region}`;
  const api = PREFLIGHT_API.describeTrails;
  const read = facts.trail;
  if (read === NOT_IN_MANAGEMENT) return [needsManagement('organization-trail', target, api, facts.callerAccount)];
  if (!read.ok) return [notChecked('organization-trail', read.failure, 'list the trails')];
  const trail = read.value;
  if (!trail.trailArn || !trail.logGroupName) {
    return [{
      check: 'organization-trail',
      status: 'fail',
      target,
      api,
      message: `no trail delivers to CloudWatch Logs in ${facts.region}: the root filter, the CIS filters and the tamper filters would see no event `
        + '(turn on the AWS CloudTrail integration of the landing zone, or send an organization trail to a CloudWatch Logs log group in the home region; then run `root-guard resolve`)',
    }];
  }
  return [{ check: 'organization-trail', status: 'pass', target, api, message: `${trail.trailArn} delivers to ${trail.logGroupName}` }];
}
