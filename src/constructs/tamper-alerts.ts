import { Duration, RemovalPolicy, Stack, CfnResource } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EventPattern } from '../detection/root-event-pattern';

/** Properties of {@link TamperAlerts}. */
export interface TamperAlertsProps {
  /** The organization trail's log group (the plan's `organizationTrail.logGroupName`). */
  readonly logGroupName: string;
  /** One metric filter per tamper call group, all publishing 1 to one metric. */
  readonly filters: readonly { readonly filterName: string; readonly pattern: string }[];
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly alarmName: string;
  /** Rules on this account's default bus: the path that does not go through the log group. */
  readonly rules: readonly { readonly ruleName: string; readonly title: string; readonly eventPattern: EventPattern }[];
  /** The security team's topic (security account): the alarm's first action. */
  readonly securityTopicArn: string;
  /** This account's own topic: the alarm's second action and the rules' target. */
  readonly topicName: string;
  readonly topicKeyAlias: string;
  /** Subscribed to this account's topic. @default - none: subscribe the topic by hand */
  readonly emails?: readonly string[];
}

/**
 * Tamper alerts in the management account, home region (docs/tamper-alerts.md):
 * - metric filters on the organization trail's log group and one alarm, notifying the security topic
 *   and this account's own tamper topic (the alarm still notifies someone when either topic, its key
 *   or its subscription is gone);
 * - EventBridge rules on this account's default bus for the calls that can switch the filter path off
 *   (alarms, filters, log group, trail, stack sets), sending who/what/where to the tamper topic.
 *
 * Every resource is retained when its stack or stack instance is deleted (DeletionPolicy Retain): a
 * `DeleteStackInstances` or `DeleteStackSet` on this stack set then leaves the detection in place, and
 * that call itself is one of the alerts.
 *
 * The topic's key: CloudWatch alarms cannot use the AWS managed `alias/aws/sns` key, so a customer
 * managed key grants `cloudwatch.amazonaws.com` and `events.amazonaws.com` Decrypt/GenerateDataKey*
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 * The EventBridge grant has no condition, as AWS's knowledge-center article gives it
 * (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification: "a custom key policy
 * that grants EventBridge sufficient key usage permissions"): EventBridge's requests to KMS are not
 * documented to carry aws:SourceAccount.
 */
export class TamperAlerts extends Construct {
  public readonly metricFilters: logs.MetricFilter[] = [];
  public readonly alarm: cloudwatch.Alarm;
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;
  public readonly rules: events.CfnRule[] = [];

  constructor(scope: Construct, id: string, props: TamperAlertsProps) {
    super(scope, id);
    if (props.filters.length === 0) throw new Error('TamperAlerts: give at least one metric filter');
    const stack = Stack.of(this);
    const alarmArn = `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:${props.alarmName}`;

    this.key = new kms.Key(this, 'Key', {
      alias: props.topicKeyAlias,
      description: `Encrypts the SNS topic ${props.topicName} (root-guard tamper alerts)`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
    });
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowTheTamperAlarmToUseTheKey',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventBridgeToUseTheKey',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }));
    // Control Tower proactive control CT.KMS.PR.3: deny grants to principals that are not AWS services.
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyGrantsToNonAwsServicePrincipals',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }));

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'root-guard tamper alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowTheTamperAlarmToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnEquals: { 'aws:SourceArn': alarmArn } },
    }));
    if (props.rules.length > 0) {
      this.topic.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowTheTamperRulesToPublish',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        // The form AWS documents for an SNS target: events.amazonaws.com limited by aws:SourceArn to the
        // rules, and no RoleArn on the target ("event delivery may fail, particularly for ... Amazon SNS
        // targets with AWS KMS encryption", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions).
        conditions: { ArnEquals: { 'aws:SourceArn': props.rules.map((r) => `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/${r.ruleName}`) } },
      }));
    }
    for (const email of props.emails ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(email));

    const logGroup = logs.LogGroup.fromLogGroupName(this, 'LogGroup', props.logGroupName);
    props.filters.forEach((filter, index) => {
      this.metricFilters.push(new logs.MetricFilter(this, `MetricFilter${index + 1}`, {
        logGroup,
        filterName: filter.filterName,
        filterPattern: logs.FilterPattern.literal(filter.pattern),
        metricNamespace: props.metricNamespace,
        metricName: props.metricName,
        metricValue: '1',
      }));
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription: 'root-guard TAMPER: someone deleted, disabled or changed part of the root-activity detection (docs/tamper-alerts.md). '
        + `Who, what and where: CloudWatch Logs Insights on ${props.logGroupName}, filter eventName and eventSource as listed in docs/tamper-alerts.md, `
        + 'or the tamper topic\'s detailed message for management-account calls.',
      metric: new cloudwatch.Metric({ namespace: props.metricNamespace, metricName: props.metricName, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
    });
    this.alarm.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, 'SecurityTopic', props.securityTopicArn)), new actions.SnsAction(this.topic));

    for (const rule of props.rules) {
      const transformer = tamperAlertTransformer(rule.title);
      this.rules.push(new events.CfnRule(this, `Rule-${rule.ruleName}`, {
        name: rule.ruleName,
        description: `root-guard tamper alert: ${rule.title}`.slice(0, 512),
        eventPattern: rule.eventPattern,
        state: 'ENABLED',
        targets: [{ id: 'TamperTopic', arn: this.topic.topicArn, inputTransformer: transformer }],
      }));
    }

    // Retained on stack deletion: deleting the stack (set) must not remove the detection it triggers.
    for (const child of this.node.findAll()) {
      if (child instanceof CfnResource) child.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }
}

/** The message a tamper rule sends: what, who, where, when (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html). */
export function tamperAlertTransformer(title: string): { inputPathsMap: Record<string, string>; inputTemplate: string } {
  if (/[<>"\\\n]/.test(title)) throw new Error(`tamperAlertTransformer: title ${JSON.stringify(title)} must not contain < > " \\ or a newline`);
  const inputPathsMap = {
    account: '$.account',
    region: '$.detail.awsRegion',
    time: '$.detail.eventTime',
    eventName: '$.detail.eventName',
    eventSource: '$.detail.eventSource',
    errorCode: '$.detail.errorCode',
    who: '$.detail.userIdentity.arn',
    sourceIp: '$.detail.sourceIPAddress',
    eventId: '$.detail.eventID',
  };
  const lines = [
    `ROOT-GUARD TAMPER ALERT in AWS account <account>: ${title}`,
    'What: <eventName> on <eventSource>, error code: <errorCode> (empty = it succeeded)',
    'Who: <who>',
    'Where: account <account>, Region <region>, source IP <sourceIp>',
    'When: <time> (UTC)',
    'CloudTrail event ID: <eventId> (CloudTrail event history of account <account>, Region <region>)',
    'Tamper rule <aws.events.rule-name> (docs/tamper-alerts.md); the tamper alarm follows within minutes.',
  ];
  return { inputPathsMap, inputTemplate: lines.map((line) => JSON.stringify(line)).join('\n') };
}
