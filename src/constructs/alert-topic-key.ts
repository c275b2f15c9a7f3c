import { Duration, Stack } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/** What {@link createAlertTopicKey} needs. */
export interface AlertTopicKeyProps {
  readonly alias: string;
  readonly description: string;
  /** The account whose CloudWatch alarms publish to the topic (the management account). */
  readonly alarmAccountId: string;
  /** Sid of the statement that lets those alarms use the key (kept per topic: templates are byte-stable). */
  readonly alarmStatementSid: string;
}

/**
 * The customer managed key of an alert topic: rotating yearly (CIS, cfn_nag F19, AwsSolutions-KMS5),
 * usable by CloudWatch alarms of one account (they cannot use the AWS managed `alias/aws/sns` key,
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services), and
 * denying grants to principals that are not AWS services (Control Tower proactive control CT.KMS.PR.3).
 */
export function createAlertTopicKey(scope: Construct, id: string, props: AlertTopicKeyProps): kms.Key {
  const key = new kms.Key(scope, id, {
    alias: props.alias,
    description: props.description,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: props.alarmStatementSid,
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': props.alarmAccountId } },
  }));
  key.addToResourcePolicy(denyGrantsToNonAwsServicePrincipals());
  return key;
}

/** Control Tower proactive control CT.KMS.PR.3: deny `kms:CreateGrant` to principals that are not AWS services (every root-guard key). */
export function denyGrantsToNonAwsServicePrincipals(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyGrantsToNonAwsServicePrincipals',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

/**
 * Lets named alarms of the topic's own account publish to an alert topic and use its key: the same
 * grants as the management account's alarms get, by alarm ARN. The sentinel's silence alarm lives in the
 * security account, beside the security topic and the tamper topic there (docs/tamper-alerts.md, "The sentinel").
 */
export function allowLocalAlarms(key: kms.Key, topic: sns.Topic, alarmNames: readonly string[]): void {
  const stack = Stack.of(topic);
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowLocalAlarmsToUseTheKey',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
  }));
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowLocalAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnEquals: { 'aws:SourceArn': alarmNames.map((name) => `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:${name}`) },
    },
  }));
}
