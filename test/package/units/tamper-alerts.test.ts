import { Match, Template } from 'aws-cdk-lib/assertions';
import { tamperAlertsUnit, tamperReceiverUnit } from '../../../src/package/units/tamper-alerts';
import { createPlan } from '../../../src/plan';
import { fixtureConfig, configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

const plan = createPlan(fixtureConfig());
const tamper = plan.tamperAlerts!;
const unit = tamperAlertsUnit(plan);
const template = Template.fromStack(createStack(unit?.template));
type Resource = { Properties: Record<string, any>; DeletionPolicy?: string; Condition?: string };
const resourcesOf = (t: Template, type: string) => Object.values(t.findResources(type)) as Resource[];
const resources = (type: string) => resourcesOf(template, type);
const SECURITY_TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const SECURITY_TAMPER_TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-tamper-alerts';

describe('tamperAlertsUnit (management account)', () => {
  test('is one stack set in the management account, home region', () => {
    expect(unit?.resources).toEqual([expect.objectContaining({ name: 'root-guard-tamper-alerts', accounts: ['111111111111'], regions: ['us-east-1'], resourceFile: 'templates/tamper-alerts.json' })]);
  });

  test('is left out with tamperAlerts: false, and so is the receiver', () => {
    const off = createPlan(configWith((c) => { c.tamperAlerts = false; }));
    expect(tamperAlertsUnit(off)).toBeUndefined();
    expect(tamperReceiverUnit(off)).toBeUndefined();
  });

  test('renders every planned filter, verbatim, on the org trail log group, into one metric', () => {
    const filters = resources('AWS::Logs::MetricFilter');
    expect(filters.map((f) => f.Properties.FilterName)).toEqual(tamper.filters.map((f) => f.filterName));
    expect(filters.map((f) => f.Properties.FilterPattern)).toEqual(tamper.filters.map((f) => f.pattern));
    for (const f of filters) {
      expect(f.Properties).toMatchObject({
        LogGroupName: 'aws-controltower/CloudTrailLogs',
        MetricTransformations: [{ MetricNamespace: 'LogMetrics', MetricName: 'root-guard-Tamper', MetricValue: '1' }],
      });
    }
  });

  test('the tamper alarm (Maximum, not Sum) notifies the security topic and both tamper topics', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'root-guard-tamper',
      MetricName: 'root-guard-Tamper',
      Namespace: 'LogMetrics',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [SECURITY_TOPIC, SECURITY_TAMPER_TOPIC, { Ref: Match.stringLikeRegexp('TamperAlertsTopic') }],
    });
  });

  test('the delivery alarm fires on an hour without a record in the log group, missing data breaching, to the same three topics', () => {
    const [delivery] = resources('AWS::CloudWatch::Alarm').filter((a) => a.Properties.AlarmName === 'root-guard-trail-delivery');
    expect(delivery.Properties).toMatchObject({
      Namespace: 'AWS/Logs',
      MetricName: 'IncomingLogEvents',
      Dimensions: [{ Name: 'LogGroupName', Value: 'aws-controltower/CloudTrailLogs' }],
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      ActionsEnabled: true,
    });
    expect(delivery.Properties.AlarmActions).toHaveLength(3);
  });

  test('renders every planned rule on the default bus, forwarding to the security account\'s tamper bus with the prerequisite\'s role', () => {
    const rules = resources('AWS::Events::Rule');
    expect(rules.map((r) => r.Properties.Name)).toEqual(tamper.rules.map((r) => r.ruleName));
    rules.forEach((rule, i) => {
      const planned = tamper.rules[i];
      expect(rule.Properties.EventBusName).toBeUndefined();
      expect(rule.Properties.State).toBe('ENABLED');
      expect(rule.Properties.EventPattern).toEqual(planned.eventPattern);
      const [bus, topic] = rule.Properties.Targets;
      expect(bus).toEqual({ Id: 'TamperBus', Arn: 'arn:aws:events:us-east-1:222222222222:event-bus/root-guard-tamper', RoleArn: 'arn:aws:iam::111111111111:role/root-guard-tamper-forwarder' });
      if (planned.kind === 'api-call') {
        // CloudTrail calls also go, formatted, straight to this account's tamper topic: no role, no other account.
        expect(topic.Arn).toEqual({ Ref: expect.stringMatching(/^TamperAlertsTopic/) });
        expect(topic.InputTransformer.InputTemplate).toContain('Who: <who>');
      } else {
        expect(topic).toBeUndefined();
      }
    });
  });

  test('the management tamper topic is encrypted with its own rotating key, open to root-guard alarms and the home-region rules, and subscribes the security emails', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'root-guard-tamper-alerts', KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([
        Match.objectLike({ Sid: 'AllowTheTamperAlarmToUseTheKey', Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
        Match.objectLike({ Sid: 'AllowEventBridgeToUseTheKey', Principal: { Service: 'events.amazonaws.com' }, Condition: Match.absent() }),
      ]) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com' });
    const policy = JSON.stringify(resources('AWS::SNS::TopicPolicy')[0].Properties.PolicyDocument);
    expect(policy).toContain('AllowTheTamperAlarmToPublish');
    expect(policy).toContain(':alarm:root-guard-*');
    expect(policy).toContain(':rule/root-guard-tamper-trail');
    expect(policy).not.toContain(':rule/root-guard-tamper-alarm-state');
  });

  test('retains every resource when the stack or stack set is deleted', () => {
    const all = Object.values(template.toJSON().Resources) as { DeletionPolicy?: string; UpdateReplacePolicy?: string }[];
    expect(all.length).toBeGreaterThan(40);
    for (const r of all) expect([r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  test('with an existing topic, the tamper topic has no subscription (docs: subscribe it by hand) and the alarms notify the existing topic', () => {
    const existing = createPlan(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; }));
    const t = Template.fromStack(createStack(tamperAlertsUnit(existing)?.template));
    t.resourceCountIs('AWS::SNS::Subscription', 0);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.arrayWith(['arn:aws:sns:us-east-1:333333333333:security-alerts']) });
  });

  test('outside us-east-1, deploys to us-east-1 too, where only the IAM and Organizations rules are created', () => {
    const eu = createPlan(configWith((c) => { c.homeRegion = 'eu-west-1'; }));
    const euUnit = tamperAlertsUnit(eu);
    expect(euUnit?.resources[0]).toMatchObject({ regions: ['eu-west-1', 'us-east-1'] });
    const t = Template.fromStack(createStack(euUnit?.template));
    const conditions = t.toJSON().Conditions as Record<string, unknown>;
    const home = Object.keys(conditions).find((k) => k.includes('InHomeRegion')) as string;
    const global = Object.keys(conditions).find((k) => k.includes('InGlobalEventsRegion')) as string;
    expect(conditions[home]).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] });
    expect(conditions[global]).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] });
    const rules = resourcesOf(t, 'AWS::Events::Rule');
    const conditionOf = (name: string) => rules.find((r) => r.Properties.Name === name)?.Condition;
    expect(conditionOf('root-guard-tamper-roles')).toBe(global);
    expect(conditionOf('root-guard-tamper-trusted-access')).toBe(global);
    expect(conditionOf('root-guard-tamper-alarms')).toBe(home);
    for (const type of ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm', 'AWS::SNS::Topic', 'AWS::KMS::Key']) {
      for (const r of resourcesOf(t, type)) expect(r.Condition).toBe(home);
    }
    // The us-east-1 rules forward to the bus only (an SNS target must be in the rule's Region).
    expect(rules.find((r) => r.Properties.Name === 'root-guard-tamper-roles')?.Properties.Targets).toHaveLength(1);
  });
});

describe('tamperReceiverUnit (security account)', () => {
  const receiverUnit = tamperReceiverUnit(plan);
  const receiver = Template.fromStack(createStack(receiverUnit?.template));

  test('is one stack set in the security account, home region, before the management account\'s', () => {
    expect(receiverUnit?.resources).toEqual([expect.objectContaining({ name: 'root-guard-tamper-receiver', accounts: ['222222222222'], regions: ['us-east-1'], resourceFile: 'templates/tamper-receiver.json' })]);
    const order = plan.stackSets.map((s) => s.key);
    expect(order.indexOf('tamperReceiver')).toBeLessThan(order.indexOf('tamperAlerts'));
  });

  test('lets only the management account\'s forwarder role put events on the tamper bus', () => {
    receiver.hasResourceProperties('AWS::Events::EventBus', { Name: 'root-guard-tamper' });
    const policies = resourcesOf(receiver, 'AWS::Events::EventBusPolicy');
    expect(policies).toHaveLength(1);
    const statement = policies[0].Properties.Statement;
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: 'events:PutEvents',
      Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/root-guard-tamper-forwarder' } },
    });
    expect(JSON.stringify(statement.Principal)).toContain(':iam::111111111111:root');
  });

  test('formats every forwarded event for the security topic and the security account\'s tamper topic', () => {
    const rules = resourcesOf(receiver, 'AWS::Events::Rule');
    expect(rules.map((r) => r.Properties.Name)).toEqual(tamper.rules.map((r) => r.ruleName));
    rules.forEach((rule, i) => {
      expect(rule.Properties.EventBusName).toEqual({ Ref: expect.stringMatching(/EventBus/) });
      expect(rule.Properties.EventPattern).toEqual(tamper.rules[i].receiverPattern);
      expect(rule.Properties.EventPattern.account).toEqual(['111111111111']);
      const [security, own] = rule.Properties.Targets;
      expect(security.Arn).toBe(SECURITY_TOPIC);
      expect(own.Arn).toEqual({ Ref: expect.stringMatching(/Topic/) });
      expect(security.InputTransformer).toEqual(own.InputTransformer);
    });
  });

  test('its tamper topic takes the management account\'s root-guard alarms and this bus\'s rules', () => {
    const policy = JSON.stringify(resourcesOf(receiver, 'AWS::SNS::TopicPolicy')[0].Properties.PolicyDocument);
    expect(policy).toContain('"aws:SourceAccount":"111111111111"');
    expect(policy).toContain(':cloudwatch:us-east-1:111111111111:alarm:root-guard-*');
    expect(policy).toContain(':rule/root-guard-tamper/*');
    receiver.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com' });
  });
});
