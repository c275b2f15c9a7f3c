import { type ManagementRead, needsManagement, NOT_IN_MANAGEMENT, notChecked, PREFLIGHT_API, type PreflightFinding } from '../finding';

/** What {@link checkLogGroup} needs. */
export interface LogGroupFacts {
  readonly region: string;
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /** The plan's log group: organizationTrail.logGroupName, else the recorded one, else aws-controltower/CloudTrailLogs. */
  readonly logGroupName: string;
  /** Whether the org trail's log group exists in the management account in `region` (logs:DescribeLogGroups). */
  readonly logGroupExists: ManagementRead<boolean>;
}

/**
 * The org trail's log group, which the root-activity alarm's metric filter reads: Control Tower
 * 3.0+ delivers the organization trail to `aws-controltower/CloudTrailLogs` in the management
 * account's home region, with a random suffix from landing zone 4.0 on, so the name checked is the
 * plan's (docs/organization-trail.md; https://docs.aws.amazon.com/controltower/latest/userguide/cloudtrail.html).
 */
export function checkLogGroup(facts: LogGroupFacts): PreflightFinding[] {
  const { region, logGroupExists: read } = facts;
  const target = `account ${facts.managementAccountId} ${region}`;
  const api = PREFLIGHT_API.describeLogGroups;
  if (read === NOT_IN_MANAGEMENT) return [needsManagement('log-group', target, api, facts.callerAccount)];
  if (!read.ok) return [notChecked('log-group', read.failure, `look up ${facts.logGroupName}`)];
  return [{
    check: 'log-group',
    status: read.value ? 'pass' : 'fail',
    target,
    api,
    message: read.value
      ? `${facts.logGroupName} exists: the metric filter has its org trail events`
      : `no log group ${facts.logGroupName} in the management account in ${region}: the alarm stack set would fail to create its metric filter (the landing zone must be 3.0 or later with the AWS CloudTrail integration on, and homeRegion its home region; from landing zone 4.0 on the name has a suffix: run \`root-guard resolve\`, or set organizationTrail.logGroupName)`,
  }];
}
