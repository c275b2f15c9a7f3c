/**
 * The calls that switch root-guard's detection off or weaken it, as data: what the tamper filters
 * (src/detection/tamper-patterns.ts) and the tamper rules match, and what docs/tamper-alerts.md lists.
 *
 * Every call is one CloudTrail management event (`eventSource` + `eventName`); the organization trail
 * delivers those of every account to `aws-controltower/CloudTrailLogs` in the management account.
 * Field names in `requestParameters` are those of each API's request (CloudTrail records the request
 * parameters under their API names, https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
 */

/** The detection paths a call can switch off (the columns of the matrix). */
export type DetectionPath =
  | 'metric filter' | 'alarm' | 'alarm actions' | 'log group' | 'trail'
  | 'security topic' | 'security topic key' | 'subscription'
  | 'tamper topic' | 'tamper topic key'
  | 'event bus' | 'event rule' | 'SCP' | 'stack set' | 'Config rule' | 'Config recorder';

/** Where a call must happen to matter. */
export type TamperScope = 'management' | 'security' | 'management or security' | 'any';

/** One group of tamper calls: one metric filter, and (for `fastRule`) one EventBridge rule. */
export interface TamperCallGroup {
  /** kebab-case id: part of the filter and rule names. */
  readonly id: string;
  /** What the group watches, for the alert text and the docs. */
  readonly title: string;
  /** `aws.<service>` host, e.g. `cloudwatch.amazonaws.com`. */
  readonly eventSource: string;
  readonly eventNames: readonly string[];
  readonly scope: TamperScope;
  /**
   * Only requests naming root-guard's resources: `requestParameters.<field>` starts with `prefix`.
   * Absent: every such call in the scope (the resource is named by a generated id, or a list).
   */
  readonly resource?: { readonly field: string; readonly prefix: string };
  /** What a successful call switches off. */
  readonly disables: readonly DetectionPath[];
  /**
   * The management account's EventBridge rule (the second path) watches this group too: true for the
   * calls that can switch off the metric-filter path itself.
   */
  readonly fastRule: boolean;
}

/** Names the tamper groups need (from the plan). */
export interface TamperNames {
  readonly namePrefix: string;
  /** CfCT prefixes stack sets with `CustomControlTower-` (docs/reference/cfct.md#what-a-stack-set-resource-creates). */
  readonly stackSetPrefix: string;
  /** The org trail's log group. */
  readonly logGroupName: string;
}

/**
 * The tamper call groups, in the order of the filters. The groups are split so that each filter
 * stays below CloudWatch Logs' 1,024-character pattern limit (test/detection/tamper-patterns.test.ts).
 */
export function tamperCallGroups(names: TamperNames): TamperCallGroup[] {
  const prefix = `${names.namePrefix}-`;
  return [
    {
      id: 'alarms',
      title: 'root-guard alarms deleted, disabled or changed',
      eventSource: 'monitoring.amazonaws.com',
      // DeleteAlarms / DisableAlarmActions take a list of names (`alarmNames`): every such call in the
      // management account alerts. PutMetricAlarm names one alarm.
      eventNames: ['DeleteAlarms', 'DisableAlarmActions'],
      scope: 'management',
      disables: ['alarm', 'alarm actions'],
      fastRule: true,
    },
    {
      id: 'alarm-edits',
      title: 'root-guard alarm changed',
      eventSource: 'monitoring.amazonaws.com',
      eventNames: ['PutMetricAlarm'],
      scope: 'management',
      resource: { field: 'alarmName', prefix },
      disables: ['alarm'],
      fastRule: true,
    },
    {
      id: 'log-filters',
      title: 'metric filter or log group of the organization trail deleted or changed',
      eventSource: 'logs.amazonaws.com',
      eventNames: ['DeleteMetricFilter', 'PutMetricFilter', 'DeleteLogGroup'],
      scope: 'management',
      resource: { field: 'logGroupName', prefix: names.logGroupName },
      disables: ['metric filter', 'log group'],
      fastRule: true,
    },
    {
      id: 'trail',
      title: 'CloudTrail trail stopped, deleted or changed',
      eventSource: 'cloudtrail.amazonaws.com',
      // `name` is the trail's name or ARN: any trail in the organization alerts (CIS 4.5 does the same).
      eventNames: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'],
      scope: 'any',
      disables: ['trail'],
      fastRule: true,
    },
    {
      id: 'stack-sets',
      title: 'root-guard stack set or stack instances deleted',
      eventSource: 'cloudformation.amazonaws.com',
      eventNames: ['DeleteStackSet', 'DeleteStackInstances'],
      scope: 'management',
      resource: { field: 'stackSetName', prefix: `${names.stackSetPrefix}${prefix}` },
      disables: ['stack set'],
      fastRule: true,
    },
    {
      id: 'scps',
      title: 'service control policy detached, changed or deleted',
      eventSource: 'organizations.amazonaws.com',
      // The policy is named by its generated id (p-…): every such call alerts. DisablePolicyType turns
      // SCPs off for the whole root; DisableAWSServiceAccess for CloudTrail ends the organization trail.
      eventNames: ['DetachPolicy', 'UpdatePolicy', 'DeletePolicy', 'DisablePolicyType', 'DisableAWSServiceAccess'],
      scope: 'management',
      disables: ['SCP'],
      fastRule: false,
    },
    {
      id: 'topics',
      title: 'SNS topic deleted, its policy or attributes changed, or a subscription removed',
      eventSource: 'sns.amazonaws.com',
      // SetSubscriptionAttributes can give a subscription a filter policy that drops every message.
      eventNames: ['DeleteTopic', 'SetTopicAttributes', 'Unsubscribe', 'SetSubscriptionAttributes'],
      scope: 'management or security',
      disables: ['security topic', 'subscription', 'tamper topic'],
      fastRule: false,
    },
    {
      id: 'keys',
      title: 'KMS key policy changed, key disabled or scheduled for deletion',
      eventSource: 'kms.amazonaws.com',
      eventNames: ['PutKeyPolicy', 'DisableKey', 'ScheduleKeyDeletion'],
      scope: 'management or security',
      disables: ['security topic key', 'tamper topic key'],
      fastRule: false,
    },
    {
      id: 'event-rules',
      title: 'root-guard EventBridge rule deleted, disabled or changed',
      eventSource: 'events.amazonaws.com',
      // PutRule on an existing rule can change its pattern or set it DISABLED.
      eventNames: ['DeleteRule', 'DisableRule', 'PutRule'],
      scope: 'any',
      resource: { field: 'name', prefix },
      disables: ['event rule'],
      fastRule: false,
    },
    {
      id: 'event-targets',
      title: 'targets of a root-guard EventBridge rule removed or replaced',
      eventSource: 'events.amazonaws.com',
      eventNames: ['RemoveTargets', 'PutTargets'],
      scope: 'any',
      resource: { field: 'rule', prefix },
      disables: ['event rule'],
      fastRule: false,
    },
    {
      id: 'event-bus',
      title: 'event bus deleted or its policy changed',
      eventSource: 'events.amazonaws.com',
      eventNames: ['DeleteEventBus', 'PutPermission', 'RemovePermission'],
      scope: 'security',
      disables: ['event bus'],
      fastRule: false,
    },
    {
      id: 'config-rules',
      title: 'root-guard AWS Config rule deleted',
      eventSource: 'config.amazonaws.com',
      eventNames: ['DeleteConfigRule'],
      scope: 'any',
      resource: { field: 'configRuleName', prefix },
      disables: ['Config rule'],
      fastRule: false,
    },
    {
      id: 'config-recorder',
      title: 'AWS Config recorder stopped, changed or deleted, or delivery channel deleted',
      eventSource: 'config.amazonaws.com',
      // PutConfigurationRecorder can stop recording IAM resources, which the root rules evaluate.
      eventNames: ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'PutConfigurationRecorder', 'DeleteDeliveryChannel'],
      scope: 'any',
      disables: ['Config recorder'],
      fastRule: false,
    },
    {
      id: 'forwarder-roles',
      title: 'root-guard IAM role deleted or its policies changed',
      eventSource: 'iam.amazonaws.com',
      // The fast-alert forwarders' roles (<prefix>-root-event-forwarder-<region>); IAM events are
      // global and recorded in us-east-1, which the organization trail includes.
      eventNames: ['DeleteRole', 'DeleteRolePolicy', 'PutRolePolicy', 'UpdateAssumeRolePolicy'],
      scope: 'any',
      resource: { field: 'roleName', prefix },
      disables: ['event rule'],
      fastRule: false,
    },
  ];
}
