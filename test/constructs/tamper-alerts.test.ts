import { App, Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { TamperAlerts, tamperAlertTransformer, type TamperAlertsProps } from '../../src/constructs/tamper-alerts';

const BASE: TamperAlertsProps = {
  logGroupName: 'aws-controltower/CloudTrailLogs',
  filters: [{ filterName: 'x-tamper-a', pattern: '{ $.eventName = "DeleteAlarms" }' }],
  metricNamespace: 'LogMetrics',
  metricName: 'x-Tamper',
  alarmName: 'x-tamper',
  rules: [],
  securityTopicArn: 'arn:aws:sns:us-east-1:222222222222:x-root-activity',
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
});

describe('tamperAlertTransformer', () => {
  test('says what, who, where and when, one JSON string per line', () => {
    const { inputPathsMap, inputTemplate } = tamperAlertTransformer('SNS topic deleted');
    expect(Object.keys(inputPathsMap).sort()).toEqual(['account', 'errorCode', 'eventId', 'eventName', 'eventSource', 'region', 'sourceIp', 'time', 'who']);
    const lines = inputTemplate.split('\n').map((l) => JSON.parse(l) as string);
    expect(lines[0]).toBe('ROOT-GUARD TAMPER ALERT in AWS account <account>: SNS topic deleted');
    expect(lines).toEqual(expect.arrayContaining(['Who: <who>', 'When: <time> (UTC)']));
  });

  test('refuses a title that would break the template', () => {
    expect(() => tamperAlertTransformer('a <b>')).toThrow(/must not contain/);
  });
});
