/**
 * The tamper detection patterns, built from the call groups of src/detection/tamper-calls.ts:
 * - one CloudWatch Logs metric filter per group on the organization trail's log group (the
 *   metric-filter path; every account's calls, because the organization trail delivers them all);
 * - one EventBridge event pattern per group marked `fastRule`, for a rule on the management
 *   account's default bus (the second path, which does not depend on the log group, the filters,
 *   the alarms or the security topic).
 * docs/tamper-alerts.md has the matrix; test/detection/tamper-patterns.test.ts evaluates every row.
 */
import { CLOUDTRAIL_DETAIL_TYPES, type EventPattern } from './root-event-pattern';
import type { TamperCallGroup, TamperScope } from './tamper-calls';

/** CloudWatch Logs: "Maximum length of a filter pattern: 1024 characters" (PutMetricFilter, filterPattern). */
export const FILTER_PATTERN_MAX_LENGTH = 1024;

/**
 * The roles CfCT and Control Tower deploy with, whose calls are not alerts: `AWSControlTowerExecution`
 * (CfCT's stack sets and Control Tower, docs/reference/cfct.md#what-a-stack-set-resource-creates) and `stacksets-exec-<hash>` (the execution role
 * of service-managed stack sets, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html).
 * They are recognized by the role that issued the session (`sessionContext.sessionIssuer.userName`).
 */
export const DEPLOYMENT_ROLE_NAMES = ['AWSControlTowerExecution', 'stacksets-exec-*'] as const;

/** The accounts a scope names. */
export interface TamperAccounts {
  readonly management: string;
  readonly security: string;
}

function scopeAccounts(scope: TamperScope, accounts: TamperAccounts): string[] {
  switch (scope) {
    case 'management': return [accounts.management];
    case 'security': return [accounts.security];
    case 'management or security': return [...new Set([accounts.management, accounts.security])];
    case 'any': return [];
  }
}

const anyOf = (clauses: readonly string[]): string => (clauses.length === 1 ? clauses[0] : `(${clauses.join(' || ')})`);

/**
 * Not a deployment role: anything that is not an assumed role (IAM users, root, federated users), or
 * an assumed role issued by another role. Spelled with `!=` under an `||` because `!=` does not match
 * a record without the field (root and IAM users have no sessionIssuer).
 */
const NOT_DEPLOYMENT_ROLE = `($.userIdentity.type != "AssumedRole" || (${DEPLOYMENT_ROLE_NAMES
  .map((name) => `$.userIdentity.sessionContext.sessionIssuer.userName != "${name}"`).join(' && ')}))`;

/** The metric-filter pattern of one group. */
export function tamperFilterPattern(group: TamperCallGroup, accounts: TamperAccounts): string {
  const clauses = [
    `$.eventSource = "${group.eventSource}"`,
    anyOf(group.eventNames.map((name) => `$.eventName = "${name}"`)),
  ];
  const inScope = scopeAccounts(group.scope, accounts);
  if (inScope.length > 0) clauses.push(anyOf(inScope.map((account) => `$.recipientAccountId = "${account}"`)));
  if (group.resource) clauses.push(`$.requestParameters.${group.resource.field} = "${group.resource.prefix}*"`);
  clauses.push(NOT_DEPLOYMENT_ROLE);
  const pattern = `{ ${clauses.join(' && ')} }`;
  if (pattern.length > FILTER_PATTERN_MAX_LENGTH) {
    throw new Error(`tamper filter ${group.id} is ${pattern.length} characters (CloudWatch Logs allows ${FILTER_PATTERN_MAX_LENGTH}): split the group`);
  }
  return pattern;
}

/**
 * The EventBridge pattern of one group, for the rule on the management account's default bus (which
 * receives that account's events only, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html).
 * The deployment role is excluded by the caller's ARN prefix (`anything-but` with `prefix`,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html); only
 * `AWSControlTowerExecution` deploys in the management account (service-managed stack sets never
 * target it).
 */
export function tamperEventPattern(group: TamperCallGroup, partition: string, managementAccount: string): EventPattern {
  const detail: Record<string, unknown> = {
    eventSource: [group.eventSource],
    eventName: [...group.eventNames],
    userIdentity: { arn: [{ 'anything-but': { prefix: `arn:${partition}:sts::${managementAccount}:assumed-role/${DEPLOYMENT_ROLE_NAMES[0]}/` } }] },
  };
  if (group.resource) detail.requestParameters = { [group.resource.field]: [{ prefix: group.resource.prefix }] };
  return { 'detail-type': [CLOUDTRAIL_DETAIL_TYPES.apiCall], detail: detail as EventPattern };
}
