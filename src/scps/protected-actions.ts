/** The actions each statement of the SCP baseline denies, one list per protected resource type. */

/**
 * CloudFormation actions that change or remove an existing stack (the service authorization
 * reference's Write actions on the `stack` resource type, less those that cannot alter a deployed
 * stack: CreateStack, SignalResource, RecordHandlerProgress, DeleteChangeSet, and stack tagging,
 * which this baseline does not rely on).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html
 */
export const STACK_CHANGE_ACTIONS: readonly string[] = [
  'cloudformation:CancelUpdateStack',
  'cloudformation:ContinueUpdateRollback',
  'cloudformation:CreateChangeSet',
  'cloudformation:CreateStackRefactor',
  'cloudformation:DeleteStack',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:ExecuteStackRefactor',
  'cloudformation:RollbackStack',
  'cloudformation:SetStackPolicy',
  'cloudformation:UpdateStack',
  'cloudformation:UpdateTerminationProtection',
];

/**
 * AWS Config actions that change, remove or blank a Config rule: PutConfigRule (which also
 * rewrites an existing rule: same name, other source or frequency), DeleteConfigRule, and
 * DeleteEvaluationResults (which wipes its NON_COMPLIANT results).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsconfig.html
 */
export const CONFIG_RULE_CHANGE_ACTIONS: readonly string[] = [
  'config:DeleteConfigRule',
  'config:DeleteEvaluationResults',
  'config:PutConfigRule',
];

/**
 * SNS actions that would stop alerts reaching the security team: delete the topic, rewrite its
 * policy/attributes/KMS key, drop or filter a subscription, or add a data-protection policy that
 * blocks messages. Subscribe stays allowed: adding a subscriber does not weaken alerting.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html
 */
export const TOPIC_CHANGE_ACTIONS: readonly string[] = [
  'sns:AddPermission',
  'sns:DeleteTopic',
  'sns:PutDataProtectionPolicy',
  'sns:RemovePermission',
  'sns:SetSubscriptionAttributes',
  'sns:SetTopicAttributes',
  'sns:Unsubscribe',
];

/** KMS actions that would make the topic's key unusable for CloudWatch (alarms could no longer publish). */
export const TOPIC_KEY_CHANGE_ACTIONS: readonly string[] = [
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
];

/** KMS alias actions: without its alias the key would fall out of the `kms:ResourceAliases` condition. */
export const TOPIC_KEY_ALIAS_CHANGE_ACTIONS: readonly string[] = ['kms:DeleteAlias', 'kms:UpdateAlias'];

/**
 * EventBridge actions that would stop the forwarding rule from forwarding: delete or disable it,
 * rewrite it (PutRule: pattern or state, e.g. `ENABLED`, which drops read-only management events),
 * or drop or repoint its target. EnableRule is included because AWS does not document whether it
 * keeps `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` or resets the state to `ENABLED`. Tagging is
 * left out: nothing relies on the rule's tags.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html
 */
export const FORWARDER_RULE_CHANGE_ACTIONS: readonly string[] = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:EnableRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
];

/**
 * IAM actions that would stop the forwarder role from putting events on the central bus: delete it,
 * break its trust policy, rewrite or delete its inline policy, or add a deny (a managed policy with a
 * Deny, or a permissions boundary without events:PutEvents). Left out because they cannot weaken a
 * role that has one inline policy, no managed policy and no boundary: DetachRolePolicy,
 * DeleteRolePermissionsBoundary, UpdateRole(Description) and tagging.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
export const FORWARDER_ROLE_CHANGE_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
];

/**
 * IAM actions that would let a member admin act as an exempt principal: create a role of an exempt name
 * (where none exists yet, e.g. an OU that is not registered with Control Tower, where Control Tower's
 * role-protection control does not apply), re-create one after deleting it, make it trust themselves, or
 * grant it more. Whoever holds an exempt role's name is exempt from every Protect statement.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
export const EXEMPT_ROLE_CHANGE_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
];

/**
 * EventBridge actions that would stop the tamper bus from receiving or decrypting what the management
 * account forwards: delete it, or re-key it (UpdateEventBus sets a customer managed key,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_UpdateEventBus.html). Its policy cannot
 * be protected here: `events:PutPermission` and `RemovePermission` have no resource type (Resource "*"
 * only, https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html),
 * so a Deny naming the bus would never apply; the tamper filters report them instead.
 */
export const EVENT_BUS_CHANGE_ACTIONS: readonly string[] = [
  'events:DeleteEventBus',
  'events:UpdateEventBus',
];
