import { PREFLIGHT_API, type PreflightFinding } from '../finding';
import type { OrganizationTrailFacts } from './organization-trail';

/**
 * The delivering trail must be an organization trail (member accounts' root activity reaches the
 * management account's log group only through one), multi-Region (root sign-ins and IAM calls are
 * logged in us-east-1, other calls where they happen) and logging. One line each, with the fix.
 * Organization trails: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
 * GetTrailStatus IsLogging: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
 */
export function checkTrailSettings(facts: OrganizationTrailFacts): PreflightFinding[] {
  const read = facts.trail;
  if (typeof read === 'string' || !read.ok || !read.value.trailArn) return []; // organization-trail says why
  const trail = read.value;
  const target = `trail ${trail.trailArn}`;
  const line = (ok: boolean | undefined, api: string, pass: string, fail: string): PreflightFinding =>
    ({ check: 'trail-settings', status: ok ? 'pass' : 'fail', target, api, message: ok ? pass : fail });
  return [
    line(trail.isOrganizationTrail, PREFLIGHT_API.describeTrails, 'organization trail: every member account\'s events reach the log group',
      'not an organization trail: only the management account\'s own events reach the log group, so member accounts\' root activity raises no alarm (make it an organization trail: aws cloudtrail update-trail --name <trail> --is-organization-trail, or turn on the landing zone\'s AWS CloudTrail integration)'),
    line(trail.isMultiRegionTrail, PREFLIGHT_API.describeTrails, 'multi-Region: events of every Region reach the log group',
      'not multi-Region: events of other Regions (root sign-ins are logged in us-east-1) never reach the log group (aws cloudtrail update-trail --name <trail> --is-multi-region-trail)'),
    line(trail.isLogging, PREFLIGHT_API.getTrailStatus, 'logging',
      'not logging: no event reaches the log group until it is started again (aws cloudtrail start-logging --name <trail>; find who stopped it: eventName StopLogging)'),
  ];
}
