import { CONTROL_TOWER_LOG_GROUP } from '../../../plan';
import { type ManagementRead, needsManagement, NOT_IN_MANAGEMENT, notChecked, PREFLIGHT_API, type PreflightFinding } from '../finding';

/** What {@link checkLogGroup} needs. */
export interface LogGroupFacts {
  readonly region: string;
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /** Whether the org trail's log group exists in the management account in `region` (logs:DescribeLogGroups). */
  readonly logGroupExists: ManagementRead<boolean>;
}

/**
 * The org trail's log group, which the root-activity alarm's metric filter reads: Control Tower
 * 3.0+ delivers the organization trail to `aws-controltower/CloudTrailLogs` in the management
 * account's home region (https://docs.aws.amazon.com/controltower/latest/userguide/cloudtrail.html).
 */
export function checkLogGroup(facts: LogGroupFacts): PreflightFinding[] {
  const { region, logGroupExists: read } = facts;
  const target = `account ${facts.managementAccountId} ${region}`;
  const api = PREFLIGHT_API.describeLogGroups;
  if (read === NOT_IN_MANAGEMENT) return [needsManagement('log-group', target, api, facts.callerAccount)];
  if (!read.ok) return [notChecked('log-group', read.failure, `look up ${CONTROL_TOWER_LOG_GROUP}`)];
  return [{
    check: 'log-group',
    status: read.value ? 'pass' : 'fail',
    target,
    api,
    message: read.value
      ? `${CONTROL_TOWER_LOG_GROUP} exists: the metric filter has its org trail events`
      : `no log group ${CONTROL_TOWER_LOG_GROUP} in the management account in ${region}: the alarm stack set would fail to create its metric filter (the landing zone must be 3.0 or later with the AWS CloudTrail integration on, and homeRegion its home region)`,
  }];
}
