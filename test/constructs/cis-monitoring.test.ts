import { App, Stack } from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CisMonitoring } from '../../src/constructs/cis-monitoring';
import { cisAlarms } from '../../src/detection/metric-filters';

const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';

function synth(selection: 'all' | string[]): Template {
  const stack = new Stack(new App(), 'Test');
  new CisMonitoring(stack, 'Cis', {
    logGroupName: 'aws-controltower/CloudTrailLogs',
    alarms: cisAlarms({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard', cisMonitoring: selection }),
    topicArn: TOPIC,
  });
  return Template.fromStack(stack);
}

describe('CisMonitoring', () => {
  test('creates one alarm per selected control and one filter per pattern (15 filters, 14 alarms for "all")', () => {
    const template = synth('all');
    template.resourceCountIs('AWS::Logs::MetricFilter', 15);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 14);
  });

  test('deploys each pattern verbatim on the Control Tower log group', () => {
    const template = synth(['4.6']);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: 'aws-controltower/CloudTrailLogs',
      FilterName: 'root-guard-cis-4.6-console-authentication-failures',
      FilterPattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
      MetricTransformations: [{ MetricNamespace: 'LogMetrics', MetricName: 'root-guard-CIS-4.6-ConsoleAuthenticationFailures', MetricValue: '1' }],
    });
  });

  test('alarms as CIS and Security Hub prescribe (Maximum, not Sum: a negative PutMetricData cannot hide a match) >= 1 over 300 s, to the security topic, missing data not breaching', () => {
    synth(['4.1']).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'root-guard-cis-4.1-unauthorized-api-calls',
      Namespace: 'LogMetrics',
      MetricName: 'root-guard-CIS-4.1-UnauthorizedAPICalls',
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [TOPIC],
      AlarmDescription: Match.stringLikeRegexp('CloudWatch\\.2'),
    });
  });

  test('route tables (4.13): two filters publish one metric watched by one alarm, so one event notifies once', () => {
    const template = synth(['4.13']);
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
    expect(filters.map((f) => f.Properties.FilterName)).toEqual(['root-guard-cis-4.13-route-table-changes', 'root-guard-cis-4.13-route-table-changes-ec2']);
    expect(new Set(filters.map((f) => f.Properties.MetricTransformations[0].MetricName))).toEqual(new Set(['root-guard-CIS-4.13-RouteTableChanges']));
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });

  test('rejects an empty alarm list (leave the construct out instead)', () => {
    const stack = new Stack(new App(), 'Test');
    expect(() => new CisMonitoring(stack, 'Cis', { logGroupName: 'g', alarms: [], topicArn: TOPIC })).toThrow(/at least one alarm/);
  });
});
