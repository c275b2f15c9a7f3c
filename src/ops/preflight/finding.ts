import type { AwsErrorInfo, UnreadItem } from '../aws/describe-aws-error';
import { ORGANIZATIONS_API } from '../organization';

/**
 * What every preflight rule returns, and how the facts it takes say "could not be read": the
 * runner reads AWS, each rule in rules/ turns the facts it needs into findings.
 */

/** The checks, in the order they run and print. */
export type PreflightCheck =
  | 'credentials'
  | 'organization'
  | 'home-region'
  | 'baseline-stack-set'
  | 'log-group'
  | 'log-group-properties'
  | 'organization-trail'
  | 'trail-settings'
  | 'trail-delivery'
  | 'recorded-log-group'
  | 'execution-role'
  | 'execution-role-policy'
  | 'ou-path'
  | 'ou-resolution'
  | 'enrolment'
  | 'config-recording'
  | 'scp-slots'
  | 'security-topic'
  | 'cloudwatch1-topic'
  | 'centralized-root-access'
  | 'scp-reach';

/** The order findings print in. */
export const CHECK_ORDER: readonly PreflightCheck[] = [
  'credentials', 'organization', 'home-region', 'baseline-stack-set', 'log-group', 'log-group-properties', 'organization-trail', 'trail-settings', 'trail-delivery', 'recorded-log-group', 'execution-role', 'execution-role-policy',
  'ou-path', 'ou-resolution', 'enrolment', 'config-recording', 'scp-slots', 'security-topic', 'cloudwatch1-topic', 'centralized-root-access',
  'scp-reach',
];

export type FindingStatus = 'pass' | 'fail' | 'warn';

/** One result of one check. */
export interface PreflightFinding {
  readonly check: PreflightCheck;
  readonly status: FindingStatus;
  /** The account, OU or resource checked: `account 111111111111`, `OU Workloads:Prod` … */
  readonly target: string;
  /** The API call the finding rests on, as `service:Action` (or the local file read). */
  readonly api: string;
  /** What was found; for a failure, the fix. */
  readonly message: string;
  /** The reason the config gives for accepting this gap (`acknowledgedGaps`): the finding is a `warn` instead of a `fail`. */
  readonly acknowledged?: string;
}

/** A call that failed: what it was about, the call, why (as the unread list prints it), and the error's kind. */
export interface ReadFailure extends UnreadItem {
  readonly error: AwsErrorInfo;
}

/** A fact read from AWS, or why it could not be. */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: ReadFailure };

/** Makes a call for the readers; a failure becomes a failed Read (and an unread item). */
export type Attempt = <T>(target: string, api: string, call: () => Promise<T>) => Promise<Read<T>>;

/** A fact that is only read with the management account's credentials. */
export const NOT_IN_MANAGEMENT = 'not-in-management';
export type ManagementRead<T> = Read<T> | typeof NOT_IN_MANAGEMENT;

/** The API calls preflight makes, as findings print them. */
export const PREFLIGHT_API = {
  getCallerIdentity: 'sts:GetCallerIdentity',
  listStackSets: 'cloudformation:ListStackSets',
  listStackInstances: 'cloudformation:ListStackInstances',
  describeLogGroups: 'logs:DescribeLogGroups',
  describeTrails: 'cloudtrail:DescribeTrails',
  getTrailStatus: 'cloudtrail:GetTrailStatus',
  getRole: 'iam:GetRole',
  listRolePolicies: 'iam:ListRolePolicies',
  getRolePolicy: 'iam:GetRolePolicy',
  getTopicAttributes: 'sns:GetTopicAttributes',
  ...ORGANIZATIONS_API,
} as const;

/** A `warn` finding for a fact that could not be read: "not checked: could not <what>: <reason>". */
export function notChecked(check: PreflightCheck, failure: ReadFailure, what: string): PreflightFinding {
  return { check, status: 'warn', target: failure.target, api: failure.api, message: `not checked: could not ${what}: ${failure.reason}` };
}

/** A `warn` finding for a check that needs the management account's credentials. */
export function needsManagement(check: PreflightCheck, target: string, api: string, callerAccount: string): PreflightFinding {
  return { check, status: 'warn', target, api, message: `not checked: needs the management account's credentials (running in ${callerAccount})` };
}
