import { Match, Template } from 'aws-cdk-lib/assertions';
import { tamperAlertsUnit } from '../../../src/package/units/tamper-alerts';
import { createPlan } from '../../../src/plan';
import { committedConfig, configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

const plan = createPlan(committedConfig());
const unit = tamperAlertsUnit(plan);
const template = Template.fromStack(createStack(unit?.template));
const resources = (type: string) => Object.values(template.findResources(type)) as { Properties: Record<string, any>; DeletionPolicy?: string }[];

describe('tamperAlertsUnit', () => {
  test('is one stack set in the management account, home region', () => {
    expect(unit?.resources).toEqual([expect.objectContaining({ name: 'root-guard-tamper-alerts', accounts: ['111111111111'], regions: ['us-east-1'], resourceFile: 'templates/tamper-alerts.json' })]);
  });

  test('is left out with tamperAlerts: false', () => {
    expect(tamperAlertsUnit(createPlan(configWith((c) => { c.tamperAlerts = false; })))).toBeUndefined();
  });

  test('renders every planned filter, verbatim, on the org trail log group, into one metric', () => {
    const filters = resources('AWS::Logs::MetricFilter');
    expect(filters.map((f) => f.Properties.FilterName)).toEqual(plan.tamperAlerts!.filters.map((f) => f.filterName));
    expect(filters.map((f) => f.Properties.FilterPattern)).toEqual(plan.tamperAlerts!.filters.map((f) => f.pattern));
    for (const f of filters) {
      expect(f.Properties).toMatchObject({
        LogGroupName: 'aws-controltower/CloudTrailLogs',
        MetricTransformations: [{ MetricNamespace: 'LogMetrics', MetricName: 'root-guard-Tamper', MetricValue: '1' }],
      });
    }
  });

  test('the alarm notifies both the security topic and the tamper topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'root-guard-tamper',
      MetricName: 'root-guard-Tamper',
      Namespace: 'LogMetrics',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: ['arn:aws:sns:us-east-1:222222222222:root-guard-root-activity', { Ref: Match.stringLikeRegexp('TamperAlertsTopic') }],
    });
  });

  test('renders every planned rule on the default bus, targeting the tamper topic with a who/what/where message', () => {
    const rules = resources('AWS::Events::Rule');
    expect(rules.map((r) => r.Properties.Name)).toEqual(plan.tamperAlerts!.rules.map((r) => r.ruleName));
    rules.forEach((rule, i) => {
      expect(rule.Properties.EventBusName).toBeUndefined();
      expect(rule.Properties.State).toBe('ENABLED');
      expect(rule.Properties.EventPattern).toEqual(plan.tamperAlerts!.rules[i].eventPattern);
      const [target] = rule.Properties.Targets;
      expect(target.Arn).toEqual({ Ref: expect.stringMatching(/^TamperAlertsTopic/) });
      expect(target.InputTransformer.InputPathsMap).toMatchObject({ who: '$.detail.userIdentity.arn', eventName: '$.detail.eventName', account: '$.account', region: '$.detail.awsRegion' });
      expect(target.InputTransformer.InputTemplate).toContain('Who: <who>');
    });
  });

  test('the tamper topic is encrypted with its own rotating key, which the alarm and EventBridge may use, and subscribes the security emails', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'root-guard-tamper-alerts', KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([
        Match.objectLike({ Sid: 'AllowTheTamperAlarmToUseTheKey', Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
        Match.objectLike({ Sid: 'AllowEventBridgeToUseTheKey', Principal: { Service: 'events.amazonaws.com' }, Condition: Match.absent() }),
      ]) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com' });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', { PolicyDocument: { Statement: Match.arrayWith([
      Match.objectLike({ Sid: 'AllowTheTamperAlarmToPublish', Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) }),
      Match.objectLike({ Sid: 'AllowTheTamperRulesToPublish', Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': Match.arrayWith([Match.objectLike({ 'Fn::Join': Match.arrayWith(['', Match.arrayWith([':rule/root-guard-tamper-trail'])]) })]) } } }),
    ]) } });
  });

  test('retains every resource when the stack or stack set is deleted', () => {
    const all = Object.values(template.toJSON().Resources) as { DeletionPolicy?: string; UpdateReplacePolicy?: string }[];
    expect(all.length).toBeGreaterThan(20);
    for (const r of all) expect([r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  test('with an existing topic, the tamper topic has no subscription (docs: subscribe it by hand)', () => {
    const existing = createPlan(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; }));
    const t = Template.fromStack(createStack(tamperAlertsUnit(existing)?.template));
    t.resourceCountIs('AWS::SNS::Subscription', 0);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.arrayWith(['arn:aws:sns:us-east-1:333333333333:security-alerts']) });
  });
});
