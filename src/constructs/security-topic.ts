import { Stack } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { allowLocalAlarms, createAlertTopicKey } from './alert-topic-key';

/** Properties of {@link SecurityTopic}. */
export interface SecurityTopicProps {
  /** Topic name. Must not be `aws-controltower-SecurityNotifications` (Control Tower's SCP guards that name). */
  readonly topicName: string;
  /** Alias of the customer managed KMS key that encrypts the topic. */
  readonly keyAlias: string;
  /** Account whose CloudWatch alarms may publish (the management account). */
  readonly alarmAccountId: string;
  /** Region of those alarms (the home region). */
  readonly alarmRegion: string;
  /** Only alarms whose name starts with this may publish. */
  readonly alarmNamePrefix: string;
  /** Email addresses subscribed to the topic. */
  readonly emails: readonly string[];
  /**
   * Also let the rules of these EventBridge buses (same account) publish, and use the key: the fast-alert
   * formatting rules (src/constructs/security-event-bus.ts) and the tamper bus's (src/constructs/tamper-receiver.ts).
   * @default - only CloudWatch alarms publish
   */
  readonly allowEventBusRules?: readonly {
    readonly eventBusName: string;
    /** Region of the bus (the home region). */
    readonly region: string;
  }[];
  /**
   * Also let these alarms of this account (same Region as the topic) publish and use the key: the
   * sentinel's silence alarm, which lives beside the topic (docs/tamper-alerts.md, "The sentinel").
   * @default - only the management account's alarms
   */
  readonly allowLocalAlarms?: readonly string[];
}

/**
 * The security team's topic for root alerts: SNS encrypted with a customer managed KMS key, open
 * to CloudWatch alarms of one account and Region only.
 *
 * - Encryption: the AWS managed `alias/aws/sns` key cannot be used by CloudWatch, so a customer
 *   managed key grants `cloudwatch.amazonaws.com` Decrypt/GenerateDataKey*
 *   (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 * - Publishing: service principal plus `aws:SourceAccount`/`aws:SourceArn`, not `Principal: *`
 *   (cfn_nag F18 fails on `*` whatever the conditions; CfCT's build runs cfn_nag).
 * - Security Hub CloudWatch.1 reports WARNING unless the alarm's account can call
 *   `sns:ListSubscriptionsByTopic` (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1).
 */
export class SecurityTopic extends Construct {
  /** The topic. */
  public readonly topic: sns.Topic;
  /** The key that encrypts it. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: SecurityTopicProps) {
    super(scope, id);
    if (props.topicName === 'aws-controltower-SecurityNotifications') {
      throw new Error('SecurityTopic: topicName must not be aws-controltower-SecurityNotifications (Control Tower SCP GRSNSSUBSCRIPTIONPOLICY denies subscribing to it)');
    }
    if (props.emails.length === 0) {
      throw new Error('SecurityTopic: give at least one email address (CIS 4.3 requires a confirmed subscriber)');
    }
    const partition = Stack.of(this).partition;
    const alarmArns = `arn:${partition}:cloudwatch:${props.alarmRegion}:${props.alarmAccountId}:alarm:${props.alarmNamePrefix}*`;
    const fromAlarms = {
      StringEquals: { 'aws:SourceAccount': props.alarmAccountId },
      ArnLike: { 'aws:SourceArn': alarmArns },
    };

    this.key = createAlertTopicKey(this, 'Key', {
      alias: props.keyAlias,
      description: `Encrypts the SNS topic ${props.topicName} (root-activity alerts)`,
      alarmAccountId: props.alarmAccountId,
      alarmStatementSid: 'AllowCloudWatchAlarmsToUseTheKey',
    });

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'Root activity alerts',
      masterKey: this.key,
      // Adds a Deny for requests without TLS (AwsSolutions-SNS3).
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowAlarmsOfTheManagementAccountToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: fromAlarms,
    }));
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowTheManagementAccountToSeeSubscriptions',
      principals: [new iam.AccountPrincipal(props.alarmAccountId)],
      actions: ['sns:ListSubscriptionsByTopic', 'sns:GetTopicAttributes'],
      resources: [this.topic.topicArn],
    }));
    if (props.allowEventBusRules && props.allowEventBusRules.length > 0) this.allowEventBusRules(props.allowEventBusRules);
    if (props.allowLocalAlarms && props.allowLocalAlarms.length > 0) allowLocalAlarms(this.key, this.topic, props.allowLocalAlarms);
    for (const email of props.emails) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
  }

  /**
   * EventBridge publishes to an SSE-KMS topic as `events.amazonaws.com`, and only what AWS documents for
   * that path is granted:
   * - Key policy: `kms:Decrypt` and `kms:GenerateDataKey*` for `events.amazonaws.com` **without
   *   conditions**, as in EventBridge's troubleshooting page for encrypted SNS targets
   *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-troubleshooting.html#eb-no-messages-published-sns-topic,
   *   https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification) and SNS's
   *   (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
   *   AWS documents no `aws:SourceAccount`/`aws:SourceArn` on the KMS request EventBridge makes for an
   *   SNS target; a condition the request does not carry fails the grant and every fast alert would be
   *   dropped silently (the rule's `FailedInvocations` is the only trace). The key encrypts this topic
   *   only, and the topic policy below decides who may publish.
   * - Topic policy: `sns:Publish` for `events.amazonaws.com`, scoped with `aws:SourceArn` to the rules of
   *   the named buses (`rule/<bus>/<rule>` ARNs, which carry this account), as EventBridge documents for SNS
   *   targets (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions).
   */
  private allowEventBusRules(buses: NonNullable<SecurityTopicProps['allowEventBusRules']>): void {
    const stack = Stack.of(this);
    const ruleArns = buses.map((bus) => `arn:${stack.partition}:events:${bus.region}:${stack.account}:rule/${bus.eventBusName}/*`);
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventBridgeRulesToUseTheKey',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }));
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowSecurityEventBusRulesToPublish',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        ArnLike: { 'aws:SourceArn': ruleArns.length === 1 ? ruleArns[0] : ruleArns },
      },
    }));
  }
}
