/**
 * The calls that switch root-guard's detection off, weaken it, or borrow the identity that deploys it,
 * as data: what the tamper filters (src/detection/tamper-patterns.ts) and the tamper rules match, and
 * what docs/tamper-alerts.md lists (its threat model says which actor each group is about).
 *
 * Every call is one CloudTrail management event (`eventSource` + `eventName`); the organization trail
 * delivers those of every account to its log group in the management account. Field names in
 * `requestParameters` are those of each API's request (CloudTrail records the request parameters under
 * their API names, https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
 */
/** The detection paths a call can switch off (the columns of the matrix). */
export type DetectionPath =
  | 'metric filter' | 'alarm' | 'alarm actions' | 'log group' | 'trail' | 'trail delivery'
  | 'security topic' | 'security topic key' | 'subscription'
  | 'tamper topic' | 'tamper topic key'
  | 'event bus' | 'event rule' | 'SCP' | 'stack set' | 'Config rule' | 'Config recorder'
  | 'deployment identity' | 'organization';

/** Where a call must happen to matter. */
export type TamperScope = 'management' | 'security' | 'management or security' | 'any';

/**
 * Whose calls are not alerts:
 * - `execution-role`: sessions issued by `AWSControlTowerExecution` (its exact ARN), which CfCT and
 *   Control Tower deploy root-guard's resources with;
 * - `control-plane`: sessions of Control Tower's and CfCT's own roles in the management account
 *   (src/detection/deployment-roles.ts), and calls AWS services make (`AWSService`, `AWSAccount`);
 * - `none`: every caller.
 */
export type TamperExemption = 'execution-role' | 'control-plane' | 'none';

/** Which requests a group watches: `requestParameters.<field>` is one of `values`. */
export interface TamperResource {
  readonly field: string;
  /** Exact values; a value ending in `*` is a prefix; a value in `%…%` is a CloudWatch Logs regex (filter path only). */
  readonly values: readonly string[];
  /** The field is a list (`alarmNames`): any element naming a watched resource. */
  readonly list?: boolean;
}

/** One group of tamper calls: one metric filter, and (for `fastRule`) one EventBridge rule per Region. */
export interface TamperCallGroup {
  /** kebab-case id: part of the filter and rule names. */
  readonly id: string;
  /** What the group watches, for the alert text and the docs. */
  readonly title: string;
  /** `<service>.amazonaws.com`, e.g. `monitoring.amazonaws.com`. */
  readonly eventSource: string;
  readonly eventNames: readonly string[];
  readonly scope: TamperScope;
  /** Only requests naming root-guard's resources. Absent: every such call in the scope (the resource is named by a generated id). */
  readonly resource?: TamperResource;
  readonly exempt: TamperExemption;
  /** What a successful call switches off or takes over. */
  readonly disables: readonly DetectionPath[];
  /**
   * The management account's EventBridge rules watch this group too and forward it to the security
   * account (path B): true for the calls that can switch the metric-filter path off, so that a path the
   * call does not disable still alerts, outside the management account.
   */
  readonly fastRule: boolean;
}

/** Names and ARNs the groups need (from the plan). */
export interface TamperNames {
  readonly namePrefix: string;
  /** CfCT prefixes stack sets with `CustomControlTower-` (docs/reference/cfct.md#what-a-stack-set-resource-creates). */
  readonly stackSetPrefix: string;
  /** The org trail's log group. */
  readonly logGroupName: string;
  /** The log group's ARN without the trailing `:*` (`arn:<partition>:logs:<region>:<account>:log-group:<name>`). */
  readonly logGroupArn: string;
  /** The management account and its partition: root-guard's and Control Tower's managed policies live there. */
  readonly managementAccountId: string;
  readonly partition: string;
  /** The topics alerts go to (the security topic and both tamper topics), each with a short label for the group ids. */
  readonly topics: readonly { readonly label: string; readonly arn: string }[];
}

/**
 * Services whose management-account events CloudTrail records in us-east-1 only: IAM and the global STS
 * endpoint ("global service events", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events),
 * and Organizations (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_cloudtrail-integration.html),
 * both read 2026-12-08. A tamper rule for them must exist in us-east-1, whatever the home region.
 */
export const GLOBAL_EVENT_SOURCES: readonly string[] = ['iam.amazonaws.com', 'organizations.amazonaws.com', 'sts.amazonaws.com'];

/**
 * How many entries of a list field (`alarmNames`) a filter checks one by one: CloudWatch Logs patterns
 * select one array index at a time. A longer list alerts whatever it names (`[N] = *`), so padding the
 * list with other names cannot hide a root-guard alarm from path A; path B's rules match any element.
 */
export const LIST_POSITIONS_CHECKED = 5;

/** IAM calls that change what a role may do or who may use it. */
export const ROLE_CHANGES = [
  'DeleteRole', 'DeleteRolePolicy', 'PutRolePolicy', 'AttachRolePolicy', 'DetachRolePolicy',
  'UpdateAssumeRolePolicy', 'PutRolePermissionsBoundary',
] as const;
