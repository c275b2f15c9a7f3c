/**
 * The tamper detection patterns, built from the call groups of src/detection/tamper-calls.ts:
 * - one CloudWatch Logs metric filter per group on the organization trail's log group (path A; every
 *   account's calls, because the organization trail delivers them all);
 * - one EventBridge event pattern per group marked `fastRule`, for a rule on the management account's
 *   default bus that forwards to the security account's tamper bus, and the same pattern restricted to
 *   the management account for the rule there that formats the alert (path B, which does not depend on
 *   the log group, the filters or the alarms, and whose last hop is outside the management account).
 * docs/tamper-alerts.md has the matrix; test/detection/tamper-patterns.test.ts evaluates every row.
 */
import { controlPlaneRoleArns, EXECUTION_ROLE_NAME, executionRoleArn, executionRoleArnRegex } from './deployment-roles';
import { CLOUDTRAIL_DETAIL_TYPES, type EventPattern } from './root-event-pattern';
import { LIST_POSITIONS_CHECKED, type TamperCallGroup, type TamperResource, type TamperScope } from './tamper-calls';

/** CloudWatch Logs: "Maximum length of a filter pattern: 1024 characters" (PutMetricFilter, filterPattern). */
export const FILTER_PATTERN_MAX_LENGTH = 1024;

/** A tamper group whose filter pattern would be longer than CloudWatch Logs allows. */
export class TamperPatternTooLong extends Error {
  constructor(public readonly group: TamperCallGroup, public readonly pattern: string) {
    super(`tamper filter ${group.id} is ${pattern.length} characters (CloudWatch Logs allows ${FILTER_PATTERN_MAX_LENGTH}): split the group`);
    this.name = 'TamperPatternTooLong';
  }
}

/** CloudWatch Logs: at most 2 regular expressions in one filter pattern (src/filter-pattern/regex.ts). */
const MAX_REGEXES = 2;

/** The accounts a scope names, and the partition their ARNs are in. */
export interface TamperAccounts {
  readonly management: string;
  readonly security: string;
  /** @default 'aws' */
  readonly partition?: string;
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
const isRegex = (value: string): boolean => value.length > 1 && value.startsWith('%') && value.endsWith('%');
const ISSUER = '$.userIdentity.sessionContext.sessionIssuer.arn';

/** One comparison of a filter: exact, prefix (`*` at the end, as CloudWatch Logs reads it) or regex. */
function compare(selector: string, value: string): string {
  return isRegex(value) ? `${selector} = ${value}` : `${selector} = "${value}"`;
}

/** The resource clause: the field names one of the values (for a list, one of its first entries, or the list is longer). */
function resourceClause(resource: TamperResource): string {
  const selector = `$.requestParameters.${resource.field}`;
  if (!resource.list) return anyOf(resource.values.map((value) => compare(selector, value)));
  const positions = Array.from({ length: LIST_POSITIONS_CHECKED }, (_, i) => resource.values.map((value) => compare(`${selector}[${i}]`, value))).flat();
  return anyOf([...positions, `${selector}[${LIST_POSITIONS_CHECKED}] = *`]);
}

/**
 * Who is alerted. `!=` never matches a record without the field (docs/backtest.md), so each form names
 * the identity types it covers:
 * - `execution-role`: anything but a session issued by `AWSControlTowerExecution`, pinned to its exact
 *   ARN in the scope's accounts (a regex over any account id when the scope is every account).
 * - `control-plane`: every caller but role sessions issued by Control Tower's or CfCT's roles in the
 *   management account; calls AWS services make (`AWSService`, `AWSAccount`) are not alerts.
 */
function callerClause(group: TamperCallGroup, accounts: TamperAccounts): string | undefined {
  const partition = accounts.partition ?? 'aws';
  switch (group.exempt) {
    case 'none': return undefined;
    case 'execution-role': {
      const inScope = scopeAccounts(group.scope, accounts);
      const notIssuer = inScope.length > 0
        ? inScope.map((account) => `${ISSUER} != "${executionRoleArn(partition, account)}"`)
        : [`${ISSUER} != %${executionRoleArnRegex(partition)}%`];
      return `($.userIdentity.type != "AssumedRole" || ${notIssuer.length === 1 ? notIssuer[0] : `(${notIssuer.join(' && ')})`})`;
    }
    case 'control-plane': {
      // By name and account rather than by full ARN, to fit CloudWatch Logs' 1,024 characters: role
      // names are unique within an account whatever their path, and these roles exist wherever CfCT runs.
      const issuer = '$.userIdentity.sessionContext.sessionIssuer';
      const notAllowed = controlPlaneRoleArns(partition, accounts.management).map((arn) => `${issuer}.userName != "${arn.slice(arn.lastIndexOf('/') + 1)}"`);
      return `($.userIdentity.type != "AWSService" && $.userIdentity.type != "AWSAccount" && ($.userIdentity.type != "AssumedRole" || ${issuer}.accountId != "${accounts.management}" || (${notAllowed.join(' && ')})))`;
    }
  }
}

/** The metric-filter pattern of one group. */
export function tamperFilterPattern(group: TamperCallGroup, accounts: TamperAccounts): string {
  const clauses = [
    `$.eventSource = "${group.eventSource}"`,
    anyOf(group.eventNames.map((name) => `$.eventName = "${name}"`)),
  ];
  const inScope = scopeAccounts(group.scope, accounts);
  if (inScope.length > 0) clauses.push(anyOf(inScope.map((account) => `$.recipientAccountId = "${account}"`)));
  if (group.resource) clauses.push(resourceClause(group.resource));
  const caller = callerClause(group, accounts);
  if (caller) clauses.push(caller);
  const pattern = `{ ${clauses.join(' && ')} }`;
  if (pattern.length > FILTER_PATTERN_MAX_LENGTH) throw new TamperPatternTooLong(group, pattern);
  const regexes = pattern.match(/ %/g)?.length ?? 0;
  if (regexes > MAX_REGEXES) throw new Error(`tamper filter ${group.id} has ${regexes} regular expressions (CloudWatch Logs allows ${MAX_REGEXES}): split the group`);
  return pattern;
}

/** The EventBridge form of a resource value: exact, or `{prefix}` for a value ending in `*`. */
function eventValue(value: string): unknown {
  if (isRegex(value)) throw new Error(`a regex (${value}) has no EventBridge form: the group cannot have a rule`);
  return value.endsWith('*') ? { prefix: value.slice(0, -1) } : value;
}

/**
 * The EventBridge pattern of one group, for the rules of path B. On the management account's default
 * bus (which receives that account's events only, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html)
 * it selects what to forward; on the security account's tamper bus, restricted to the management
 * account with `account`, what to format. A list field matches when any element matches
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-arrays.html).
 * `execution-role` excludes the role's sessions by the caller's ARN prefix (`anything-but` with
 * `prefix`, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html).
 */
export function tamperEventPattern(group: TamperCallGroup, partition: string, managementAccount: string): EventPattern {
  if (!group.fastRule) throw new Error(`tamper group ${group.id} has no rule (fastRule is false)`);
  if (group.exempt === 'control-plane') throw new Error(`tamper group ${group.id}: control-plane exemptions are filter-only`);
  const detail: Record<string, unknown> = {
    eventSource: [group.eventSource],
    eventName: [...group.eventNames],
  };
  if (group.exempt === 'execution-role') {
    detail.userIdentity = { arn: [{ 'anything-but': { prefix: `arn:${partition}:sts::${managementAccount}:assumed-role/${EXECUTION_ROLE_NAME}/` } }] };
  }
  if (group.resource) {
    if (group.resource.field.includes('.')) throw new Error(`tamper group ${group.id}: a nested field has no rule form here`);
    detail.requestParameters = { [group.resource.field]: group.resource.values.map(eventValue) };
  }
  return { 'detail-type': [CLOUDTRAIL_DETAIL_TYPES.apiCall], detail: detail as EventPattern };
}

/** The same pattern, for the tamper bus: only events the management account forwarded. */
export function forwardedTamperEventPattern(group: TamperCallGroup, partition: string, managementAccount: string): EventPattern {
  return { account: [managementAccount], ...tamperEventPattern(group, partition, managementAccount) };
}
