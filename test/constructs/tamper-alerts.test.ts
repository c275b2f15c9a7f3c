import { App, Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { TamperAlerts, type TamperAlertsProps } from '../../src/constructs/tamper-alerts';

const BASE: TamperAlertsProps = {
  logGroupName: 'aws-controltower/CloudTrailLogs',
  filters: [{ filterName: 'x-tamper-a', pattern: '{ $.eventName = "DeleteAlarms" }' }],
  metricNamespace: 'LogMetrics',
  metricName: 'x-Tamper',
  alarmName: 'x-tamper',
  alarmNamePrefix: 'x-',
  rules: [],
  alarmTopicArns: ['arn:aws:sns:us-east-1:222222222222:x-root-activity'],
  tamperBusArn: 'arn:aws:events:us-east-1:222222222222:event-bus/x-tamper',
  forwarderRoleArn: 'arn:aws:iam::111111111111:role/x-tamper-forwarder',
  deliveryAlarm: { alarmName: 'x-trail-delivery', periodSeconds: 3600 },
  homeRegion: 'us-east-1',
  topicName: 'x-tamper-alerts',
  topicKeyAlias: 'alias/x-tamper-alerts-topic',
};

const synth = (props: Partial<TamperAlertsProps>) => {
  const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
  new TamperAlerts(stack, 'Tamper', { ...BASE, ...props });
  return Template.fromStack(stack);
};

describe('TamperAlerts', () => {
  test('refuses to deploy without a metric filter', () => {
    expect(() => synth({ filters: [] })).toThrow('TamperAlerts: give at least one metric filter');
  });

  test('without rules, lets no EventBridge rule publish to the topic', () => {
    const t = synth({});
    t.resourceCountIs('AWS::Events::Rule', 0);
    expect(JSON.stringify(t.findResources('AWS::SNS::TopicPolicy'))).not.toContain('AllowTheTamperRulesToPublish');
  });

  test('with no emails, subscribes nobody', () => {
    synth({}).resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('an alarm-event rule forwards to the bus only; a CloudTrail rule also to the topic', () => {
    const t = synth({
      rules: [
        { ruleName: 'x-tamper-alarm-state', title: 'alarm', eventPattern: { source: ['aws.cloudwatch'] }, kind: 'alarm-state', regions: ['us-east-1'] },
        { ruleName: 'x-tamper-trail', title: 'trail', eventPattern: { source: ['aws.cloudtrail'] }, kind: 'api-call', regions: ['us-east-1'] },
      ],
    });
    const rules = Object.values(t.findResources('AWS::Events::Rule')) as { Properties: { Name: string; Targets: { Id: string }[] } }[];
    expect(rules.map((r) => [r.Properties.Name, r.Properties.Targets.map((x) => x.Id)])).toEqual([
      ['x-tamper-alarm-state', ['TamperBus']],
      ['x-tamper-trail', ['TamperBus', 'TamperTopic']],
    ]);
  });

  test('the delivery alarm never treats missing data as healthy', () => {
    synth({}).hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'x-trail-delivery', TreatMissingData: 'breaching', ComparisonOperator: 'LessThanThreshold' });
  });
});
