import { App, Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { RootActivityAlarm, type RootActivityAlarmProps } from '../../src/constructs/root-activity-alarm';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../src/detection/root-activity-pattern';

const PROPS: RootActivityAlarmProps = {
  logGroupName: 'aws-controltower/CloudTrailLogs',
  filterPattern: ROOT_ACTIVITY_FILTER_PATTERN,
  filterName: 'root-guard-root-activity',
  metricNamespace: 'LogMetrics',
  metricName: 'root-guard-RootActivity',
  alarmName: 'root-guard-root-activity',
  topicArn: 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity',
};

function synth(props: Partial<RootActivityAlarmProps> = {}): Template {
  const stack = new Stack(new App(), 'Test');
  new RootActivityAlarm(stack, 'Alarm', { ...PROPS, ...props });
  return Template.fromStack(stack);
}

describe('RootActivityAlarm', () => {
  test('puts the Security Hub CloudWatch.1 filter, byte for byte, on the Control Tower log group', () => {
    synth().hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: 'aws-controltower/CloudTrailLogs',
      FilterName: 'root-guard-root-activity',
      FilterPattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
      MetricTransformations: [{ MetricNamespace: 'LogMetrics', MetricName: 'root-guard-RootActivity', MetricValue: '1' }],
    });
  });

  test('alarms on Maximum >= 1 over 300 s by default, not breaching on missing data, notifying the topic', () => {
    synth().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'root-guard-root-activity',
      Namespace: 'LogMetrics',
      MetricName: 'root-guard-RootActivity',
      Statistic: 'Maximum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ActionsEnabled: true,
      AlarmActions: ['arn:aws:sns:us-east-1:222222222222:root-guard-root-activity'],
    });
  });

  test('takes period, evaluation periods and threshold from props', () => {
    synth({ periodSeconds: 60, evaluationPeriods: 3, threshold: 2 }).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Period: 60,
      EvaluationPeriods: 3,
      Threshold: 2,
    });
  });

  test('creates nothing but the filter and the alarm (the log group belongs to Control Tower)', () => {
    const template = synth();
    expect(Object.values(template.toJSON().Resources).map((r) => (r as { Type: string }).Type).sort()).toEqual([
      'AWS::CloudWatch::Alarm',
      'AWS::Logs::MetricFilter',
    ]);
  });

  test('rejects a period that is not a multiple of 60 and windows over a day', () => {
    expect(() => synth({ periodSeconds: 90 })).toThrow(/multiple of 60/);
    expect(() => synth({ periodSeconds: 3600, evaluationPeriods: 25 })).toThrow(/at most 86400/);
  });
});
