/**
 * The EventBridge event pattern for root activity: the fast-path twin of the CIS root filter
 * (`{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`,
 * src/detection/root-activity-pattern.ts). The test suite evaluates both over the labelled
 * CloudTrail samples and requires them to match exactly the same records.
 *
 * EventBridge receives CloudTrail management events on the default bus of the account and Region
 * where they happen, as detail-types `AWS API Call via CloudTrail`, `AWS Console Signin via CloudTrail`,
 * `AWS Console Action via CloudTrail` and `AWS Service Event via CloudTrail`, with the CloudTrail
 * record as `detail` (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html).
 */

/** One field of an EventBridge pattern: a list of alternatives (values or content filters). */
export type EventPatternLeaf = readonly (string | number | boolean | null | Readonly<Record<string, unknown>>)[];

/** An EventBridge event pattern (a JSON object of nested objects and leaf lists). */
export interface EventPattern {
  readonly [field: string]: EventPatternLeaf | EventPattern;
}

/** CloudTrail detail-types that can carry a root user's own action. */
export const CLOUDTRAIL_DETAIL_TYPES = {
  apiCall: 'AWS API Call via CloudTrail',
  consoleSignIn: 'AWS Console Signin via CloudTrail',
  consoleAction: 'AWS Console Action via CloudTrail',
} as const;

/**
 * The three clauses of the CIS filter, as EventBridge content filters on `detail`:
 * - `userIdentity.type = "Root"` → exact match `["Root"]`;
 * - `userIdentity.invokedBy NOT EXISTS` → `[{"exists": false}]`;
 * - `eventType != "AwsServiceEvent"` → `[{"anything-but": "AwsServiceEvent"}]`, which (like the
 *   filter, see the engine's CHOICE on `!=`) does not match a record without `eventType`.
 * Content filters: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
const ROOT_DETAIL: EventPattern = {
  userIdentity: {
    type: ['Root'],
    invokedBy: [{ exists: false }],
  },
  eventType: [{ 'anything-but': 'AwsServiceEvent' }],
};

/**
 * The pattern every member-account forwarding rule uses. `detail-type` names the CloudTrail
 * detail-types explicitly (service events are excluded twice: by detail-type and by eventType,
 * as the filter excludes them), so the rule never evaluates unrelated AWS events.
 *
 * The rule must be created with state `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`: with plain
 * `ENABLED`, read-only management events (Get*, List*, Describe*) are not delivered, yet the metric
 * filter counts them (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html).
 */
export const ROOT_ACTIVITY_EVENT_PATTERN: EventPattern = {
  'detail-type': [CLOUDTRAIL_DETAIL_TYPES.apiCall, CLOUDTRAIL_DETAIL_TYPES.consoleSignIn, CLOUDTRAIL_DETAIL_TYPES.consoleAction],
  detail: ROOT_DETAIL,
};

/** Root sign-in family only (ConsoleLogin, PasswordUpdated, PasswordRecovery*): formatted as a sign-in message. */
export const ROOT_SIGN_IN_EVENT_PATTERN: EventPattern = {
  'detail-type': [CLOUDTRAIL_DETAIL_TYPES.consoleSignIn],
  detail: ROOT_DETAIL,
};

/** Root API calls and console actions: formatted with the access key, to tell AssumeRoot sessions apart. */
export const ROOT_API_EVENT_PATTERN: EventPattern = {
  'detail-type': [CLOUDTRAIL_DETAIL_TYPES.apiCall, CLOUDTRAIL_DETAIL_TYPES.consoleAction],
  detail: ROOT_DETAIL,
};

/**
 * A pattern restricted to some source accounts (`account` is the account the event happened in; it is
 * kept when the event is forwarded to another account's bus), or to every account except some.
 */
export function withAccounts(pattern: EventPattern, accounts: { readonly only?: readonly string[]; readonly except?: readonly string[] }): EventPattern {
  if (accounts.only && accounts.except) throw new Error('withAccounts: give only or except, not both');
  if (accounts.only) {
    if (accounts.only.length === 0) throw new Error('withAccounts: "only" must list at least one account');
    return { ...pattern, account: [...accounts.only] };
  }
  if (accounts.except && accounts.except.length > 0) return { ...pattern, account: [{ 'anything-but': [...accounts.except] }] };
  return pattern;
}
