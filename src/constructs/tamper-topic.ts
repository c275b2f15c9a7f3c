import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { allowLocalAlarms, createAlertTopicKey } from './alert-topic-key';

/** Properties of {@link TamperTopic}. */
export interface TamperTopicProps {
  readonly topicName: string;
  readonly keyAlias: string;
  /** The account whose CloudWatch alarms may publish (the management account). */
  readonly alarmAccountId: string;
  /** ARN pattern of those alarms (`arn:…:alarm:<prefix>-*`). */
  readonly alarmArnPattern: string;
  /** ARNs (patterns allowed) of the EventBridge rules that may publish. @default - none */
  readonly ruleArnPatterns?: readonly string[];
  /** Subscribed by email. @default - none: subscribe the topic by hand */
  readonly emails?: readonly string[];
  /** Alarms of this topic's own account that may publish too (the sentinel's silence alarm). @default - none */
  readonly localAlarmNames?: readonly string[];
}

/**
 * A tamper topic: SNS encrypted with its own rotating customer managed key, which CloudWatch alarms of
 * one account and the named EventBridge rules may publish to. root-guard deploys one in the
 * management account and one in the security account, so that neither account's admins can silence
 * tamper alerts alone (docs/tamper-alerts.md).
 *
 * The key: CloudWatch alarms cannot use the AWS managed `alias/aws/sns` key, so the customer managed key
 * grants `cloudwatch.amazonaws.com` (the alarms' account only) and `events.amazonaws.com`
 * Decrypt/GenerateDataKey* (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 * The EventBridge grant has no condition, as AWS's knowledge-center article gives it
 * (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification): EventBridge's requests
 * to KMS are not documented to carry aws:SourceAccount. The topic policy decides who may publish:
 * `events.amazonaws.com` with `aws:SourceArn` of the rules, and no RoleArn on the rule targets, the form
 * AWS documents for SNS targets (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions).
 */
export class TamperTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: TamperTopicProps) {
    super(scope, id);
    this.key = createAlertTopicKey(this, 'Key', {
      alias: props.keyAlias,
      description: `Encrypts the SNS topic ${props.topicName} (root-guard tamper alerts)`,
      alarmAccountId: props.alarmAccountId,
      alarmStatementSid: 'AllowTheTamperAlarmToUseTheKey',
    });
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventBridgeToUseTheKey',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
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
      conditions: { StringEquals: { 'aws:SourceAccount': props.alarmAccountId }, ArnLike: { 'aws:SourceArn': props.alarmArnPattern } },
    }));
    if (props.ruleArnPatterns && props.ruleArnPatterns.length > 0) {
      this.topic.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowTheTamperRulesToPublish',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnLike: { 'aws:SourceArn': [...props.ruleArnPatterns] } },
      }));
    }
    if (props.localAlarmNames && props.localAlarmNames.length > 0) allowLocalAlarms(this.key, this.topic, props.localAlarmNames);
    for (const email of props.emails ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }
}
