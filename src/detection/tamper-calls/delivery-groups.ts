/**
 * Tamper groups on how alerts are delivered: the topics (one group of each kind per topic, so a long
 * topic name cannot push a filter past 1,024 characters), their keys, the EventBridge rules and buses of
 * path B and fast alerts, and the AWS Config rules and recorders the root checks need.
 */
import type { TamperCallGroup, TamperNames } from './types';

/** The SNS groups of one topic: the topic itself, its data protection, its subscriptions. */
function topicGroups(topic: { readonly label: string; readonly arn: string }): TamperCallGroup[] {
  return [
    {
      id: `topic-${topic.label}`,
      title: `SNS topic ${topic.label} deleted, or its policy or attributes changed`,
      eventSource: 'sns.amazonaws.com',
      // SetTopicAttributes covers the policy and the KMS key; Add/RemovePermission edit the policy.
      eventNames: ['DeleteTopic', 'SetTopicAttributes', 'AddPermission', 'RemovePermission'],
      scope: 'management or security',
      resource: { field: 'topicArn', values: [topic.arn] },
      exempt: 'execution-role',
      disables: ['security topic', 'tamper topic'],
      fastRule: false,
    },
    {
      id: `topic-${topic.label}-protection`,
      title: `data protection policy put on SNS topic ${topic.label} (it can deny or mask alert messages)`,
      eventSource: 'sns.amazonaws.com',
      eventNames: ['PutDataProtectionPolicy'],
      scope: 'management or security',
      resource: { field: 'resourceArn', values: [topic.arn] },
      exempt: 'execution-role',
      disables: ['security topic', 'tamper topic'],
      fastRule: false,
    },
    {
      id: `topic-${topic.label}-subscriptions`,
      title: `subscription of SNS topic ${topic.label} removed or given a filter policy`,
      eventSource: 'sns.amazonaws.com',
      // A subscription ARN is the topic ARN, a colon and a generated id.
      eventNames: ['Unsubscribe', 'SetSubscriptionAttributes'],
      scope: 'management or security',
      resource: { field: 'subscriptionArn', values: [`${topic.arn}:*`] },
      exempt: 'execution-role',
      disables: ['subscription'],
      fastRule: false,
    },
  ];
}

export function deliveryGroups(names: TamperNames): TamperCallGroup[] {
  const prefix = `${names.namePrefix}-`;
  return [
    ...names.topics.flatMap(topicGroups),
    {
      id: 'keys',
      title: 'KMS key policy changed, key disabled or scheduled for deletion',
      eventSource: 'kms.amazonaws.com',
      // Keys are named by generated ids: every such call in the two accounts alerts.
      eventNames: ['PutKeyPolicy', 'DisableKey', 'ScheduleKeyDeletion'],
      scope: 'management or security',
      exempt: 'execution-role',
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
      resource: { field: 'name', values: [`${prefix}*`] },
      exempt: 'execution-role',
      disables: ['event rule'],
      fastRule: true,
    },
    {
      id: 'event-targets',
      title: 'targets of a root-guard EventBridge rule removed or replaced',
      eventSource: 'events.amazonaws.com',
      eventNames: ['RemoveTargets', 'PutTargets'],
      scope: 'any',
      resource: { field: 'rule', values: [`${prefix}*`] },
      exempt: 'execution-role',
      disables: ['event rule'],
      fastRule: true,
    },
    {
      id: 'event-bus',
      title: 'event bus deleted, re-keyed or its policy changed in the management or security account',
      eventSource: 'events.amazonaws.com',
      // In the management account too: a key on its default bus that EventBridge may not use would stop
      // CloudTrail's events from reaching the tamper rules (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_UpdateEventBus.html).
      eventNames: ['DeleteEventBus', 'UpdateEventBus', 'PutPermission', 'RemovePermission'],
      scope: 'management or security',
      exempt: 'execution-role',
      disables: ['event bus'],
      fastRule: false,
    },
    {
      id: 'config-rules',
      title: 'root-guard AWS Config rule deleted, or its findings deleted',
      eventSource: 'config.amazonaws.com',
      eventNames: ['DeleteConfigRule', 'DeleteEvaluationResults'],
      scope: 'any',
      resource: { field: 'configRuleName', values: [`${prefix}*`] },
      exempt: 'execution-role',
      disables: ['Config rule'],
      fastRule: false,
    },
    {
      id: 'config-rule-edits',
      title: 'root-guard AWS Config rule changed (its source, scope or frequency)',
      eventSource: 'config.amazonaws.com',
      // PutConfigRule names the rule inside its `configRule` parameter.
      eventNames: ['PutConfigRule'],
      scope: 'any',
      resource: { field: 'configRule.configRuleName', values: [`${prefix}*`] },
      exempt: 'execution-role',
      disables: ['Config rule'],
      fastRule: false,
    },
    {
      id: 'config-recorder',
      title: 'AWS Config recorder stopped, changed or deleted, or delivery channel deleted',
      eventSource: 'config.amazonaws.com',
      // PutConfigurationRecorder can stop recording IAM resources, which the root rules evaluate.
      // DisassociateResourceTypes can take IAM resources out of a recorder.
      eventNames: ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'PutConfigurationRecorder', 'DeleteDeliveryChannel', 'DisassociateResourceTypes'],
      scope: 'any',
      exempt: 'execution-role',
      disables: ['Config recorder'],
      fastRule: false,
    },
  ];
}
