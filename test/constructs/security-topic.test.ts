import { App, Stack } from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SecurityTopic, type SecurityTopicProps } from '../../src/constructs/security-topic';

const PROPS: SecurityTopicProps = {
  topicName: 'root-guard-root-activity',
  keyAlias: 'alias/root-guard-root-activity-topic',
  alarmAccountId: '111111111111',
  alarmRegion: 'us-east-1',
  alarmNamePrefix: 'root-guard',
  emails: ['security@example.com', 'oncall@example.com'],
};

function synth(props: SecurityTopicProps = PROPS): Template {
  const stack = new Stack(new App(), 'Test');
  new SecurityTopic(stack, 'SecurityTopic', props);
  return Template.fromStack(stack);
}

describe('SecurityTopic', () => {
  test('encrypts the topic with a rotating customer managed key (cfn_nag F19, AwsSolutions-SNS2)', () => {
    const template = synth();
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'root-guard-root-activity',
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] },
    });
  });

  test('lets CloudWatch use the key, but only for the alarm account', () => {
    synth().hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          }),
        ]),
      },
    });
  });

  test('denies key grants to non-AWS-service principals (Control Tower CT.KMS.PR.3)', () => {
    synth().hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'kms:CreateGrant',
            Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
          }),
        ]),
      },
    });
  });

  test('lets only alarms of the management account in the home region publish, by service principal (not "*", cfn_nag F18)', () => {
    const template = synth();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:us-east-1:111111111111:alarm:root-guard*']] } },
            },
          }),
        ]),
      },
    });
    const policies = template.findResources('AWS::SNS::TopicPolicy');
    const allows = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s) => s.Effect === 'Allow');
    for (const statement of allows) expect(JSON.stringify(statement.Principal)).not.toContain('"*"');
  });

  test('lets the management account list subscriptions (Security Hub CloudWatch.1 reports WARNING otherwise)', () => {
    synth().hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
            Action: ['sns:ListSubscriptionsByTopic', 'sns:GetTopicAttributes'],
          }),
        ]),
      },
    });
  });

  test('denies publishing without TLS', () => {
    synth().hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('subscribes every email address', () => {
    const template = synth();
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  test("refuses Control Tower's own SecurityNotifications topic name", () => {
    expect(() => synth({ ...PROPS, topicName: 'aws-controltower-SecurityNotifications' })).toThrow(/GRSNSSUBSCRIPTIONPOLICY/);
  });

  test('refuses a topic without subscribers (CIS 4.3 needs one)', () => {
    expect(() => synth({ ...PROPS, emails: [] })).toThrow(/at least one email/);
  });
});

describe('SecurityTopic with allowEventBusRules (fast alerts)', () => {
  const withBus = { ...PROPS, allowEventBusRules: [{ eventBusName: 'root-guard-root-activity', region: 'us-east-1' }] };

  test('lets EventBridge use the key with exactly the grant AWS documents: no condition EventBridge would not satisfy', () => {
    const template = synth(withBus);
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectEquals({
            Sid: 'AllowEventBridgeRulesToUseTheKey',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
          }),
        ]),
      },
    });
    // The CloudWatch grant keeps its aws:SourceAccount (documented for alarms); only EventBridge's is bare.
    const key = Object.values(template.findResources('AWS::KMS::Key'))[0] as { Properties: { KeyPolicy: { Statement: Array<{ Sid?: string; Condition?: unknown }> } } };
    const eventBridge = key.Properties.KeyPolicy.Statement.find((s) => s.Sid === 'AllowEventBridgeRulesToUseTheKey');
    expect(eventBridge?.Condition).toBeUndefined();
  });

  test('lets only the rules of the security bus publish, by service principal', () => {
    synth(withBus).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowSecurityEventBusRulesToPublish',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectEquals({
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:us-east-1:', { Ref: 'AWS::AccountId' }, ':rule/root-guard-root-activity/*']] } },
            }),
          }),
        ]),
      },
    });
  });

  test('grants EventBridge nothing when fast alerts are off', () => {
    expect(JSON.stringify(synth().toJSON())).not.toContain('events.amazonaws.com');
  });
});
