import { type ManagementRead, NOT_IN_MANAGEMENT, PREFLIGHT_API, type PreflightFinding } from '../finding';

/** The organization trail's log group as DescribeLogGroups returns it (LogGroup, CloudWatch Logs API Reference). */
export interface LogGroupProperties {
  /** STANDARD, INFREQUENT_ACCESS or DELIVERY; absent in older responses (= STANDARD, the default). */
  readonly logGroupClass?: string;
  readonly deletionProtectionEnabled?: boolean;
}

/** What {@link checkLogGroupProperties} needs. */
export interface LogGroupPropertiesFacts {
  readonly region: string;
  readonly managementAccountId: string;
  readonly logGroupName: string;
  /** The group's properties, `absent` when it does not exist (the log-group check reports that). */
  readonly properties: ManagementRead<LogGroupProperties | 'absent'>;
}

/** How to turn deletion protection on, as the CloudWatch Logs user guide gives it. */
export function deletionProtectionCommand(logGroupName: string, region: string): string {
  return `aws logs put-log-group-deletion-protection --region ${region} --log-group-identifier ${logGroupName} --deletion-protection-enabled`;
}

/**
 * Can the organization trail's log group carry the metric filters, and is it protected against
 * deletion (docs/reference/detection.md#log-group-class-and-deletion-protection)? Metric filters
 * need the Standard class, and a log group's class cannot change after it is created, so a group of
 * another class fails with the only fix there is: a Standard group for the trail. Deletion protection
 * is reported, with the command that turns it on; it is a warning, not a failure, because the
 * alarm works without it. Nothing is said when the group is absent or unread: checkLogGroup does.
 */
export function checkLogGroupProperties(facts: LogGroupPropertiesFacts): PreflightFinding[] {
  const { properties: read, logGroupName: name, region } = facts;
  if (read === NOT_IN_MANAGEMENT || !read.ok || read.value === 'absent') return [];
  const target = `log group ${name}`;
  const api = PREFLIGHT_API.describeLogGroups;
  const findings: PreflightFinding[] = [];
  const logClass = read.value.logGroupClass ?? 'STANDARD';
  if (logClass !== 'STANDARD') {
    findings.push({
      check: 'log-group-properties', status: 'fail', target, api,
      message: `its log class is ${logClass}: metric filters run only on Standard log groups, so the root-activity filter (Security Hub CloudWatch.1) and every tamper filter would count nothing, and a log group's class cannot be changed after creation; point the organization trail at a log group created in the Standard class and set organizationTrail.logGroupName to it (or run \`root-guard resolve\` after Control Tower does)`,
    });
  } else {
    findings.push({ check: 'log-group-properties', status: 'pass', target, api, message: 'Standard log class: it can carry the metric filters' });
  }
  findings.push(read.value.deletionProtectionEnabled === true
    ? { check: 'log-group-properties', status: 'pass', target, api, message: 'deletion protection is on: DeleteLogGroup fails until someone turns it off, and turning it off (logs:PutLogGroupDeletionProtection) raises the tamper alert log-group-policies' }
    : { check: 'log-group-properties', status: 'warn', target, api, message: `deletion protection is off: anyone allowed logs:DeleteLogGroup can delete the organization trail's log group and every filter on it; turn it on: ${deletionProtectionCommand(name, region)}` });
  return findings;
}
