import { Duration } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
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
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyGrantsToNonAwsServicePrincipals',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return key;
}
