import { Template } from 'aws-cdk-lib/assertions';
import { SENTINEL_READER_ACTIONS } from '../../../src/constructs/sentinel-reader';
import { expectedDetection } from '../../../src/health';
import { sentinelReaderUnit, sentinelUnit } from '../../../src/package/units/sentinel';
import { createPlan } from '../../../src/plan/create-plan';
import { fixtureConfig, configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

const plan = createPlan(fixtureConfig());
const reader = Template.fromStack(createStack(sentinelReaderUnit(plan)?.template));
const verifier = Template.fromStack(createStack(sentinelUnit(plan)?.template));
const only = (t: Template, type: string) => Object.values(t.findResources(type)) as { Properties: Record<string, any> }[]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the sentinel in the security account', () => {
  test('runs on a schedule of the configured interval (15 minutes by default), enabled, starting the verifier', () => {
    const [schedule] = only(verifier, 'AWS::Scheduler::Schedule');
    expect(schedule.Properties).toEqual(expect.objectContaining({ Name: 'root-guard-sentinel', ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED', FlexibleTimeWindow: { Mode: 'OFF' } }));
    expect(JSON.stringify(schedule.Properties.Target.Arn)).toContain('StateMachine');
    const five = Template.fromStack(createStack(sentinelUnit(createPlan(configWith((c) => { c.sentinel.intervalMinutes = 5; })))?.template));
    expect(only(five, 'AWS::Scheduler::Schedule')[0].Properties.ScheduleExpression).toBe('rate(5 minutes)');
  });

  test('has a silence alarm: no successful verification within two intervals, missing data breaching, to the security topic and the tamper topic there', () => {
    verifier.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'root-guard-sentinel-silent', Namespace: 'AWS/States', MetricName: 'ExecutionsSucceeded', Statistic: 'Sum',
      Period: 1800, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching', ActionsEnabled: true,
      AlarmActions: ['arn:aws:sns:us-east-1:222222222222:root-guard-root-activity', 'arn:aws:sns:us-east-1:222222222222:root-guard-tamper-alerts'],
    });
  });

  test('both topics in the security account let that one alarm publish and use their keys', () => {
    const { tamperReceiverUnit } = require('../../../src/package/units/tamper-alerts') as typeof import('../../../src/package/units/tamper-alerts');
    const { securityTopicUnit } = require('../../../src/package/units/security-topic') as typeof import('../../../src/package/units/security-topic');
    for (const unit of [tamperReceiverUnit(plan), securityTopicUnit(plan)]) {
      const t = Template.fromStack(createStack(unit?.template));
      const topicStatements = only(t, 'AWS::SNS::TopicPolicy').flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid: string; Condition?: object }[]);
      // The stack's own account and Region (pseudo parameters: the template is the same in every account).
      const condition = JSON.stringify(topicStatements.find((x) => x.Sid === 'AllowLocalAlarmsToPublish')?.Condition);
      expect(condition).toContain('"aws:SourceAccount":{"Ref":"AWS::AccountId"}');
      expect(condition).toContain('":alarm:root-guard-sentinel-silent"');
      const keyStatements = only(t, 'AWS::KMS::Key').flatMap((k) => k.Properties.KeyPolicy.Statement as { Sid?: string }[]);
      expect(keyStatements.map((x) => x.Sid)).toContain('AllowLocalAlarmsToUseTheKey');
    }
  });

  test('the state machine is the plan\'s definition (JSONata), with no function anywhere', () => {
    const [machine] = only(verifier, 'AWS::StepFunctions::StateMachine');
    const definition = JSON.parse(machine.Properties.DefinitionString) as { QueryLanguage: string; States: Record<string, { Credentials?: { RoleArn: string }; Resource?: string }> };
    expect(definition.QueryLanguage).toBe('JSONata');
    const managementReads = Object.values(definition.States).filter((s) => s.Credentials);
    expect(managementReads.map((s) => s.Credentials!.RoleArn)).toEqual(managementReads.map(() => 'arn:aws:iam::111111111111:role/root-guard-sentinel-reader'));
    verifier.resourceCountIs('AWS::Lambda::Function', 0);
    reader.resourceCountIs('AWS::Lambda::Function', 0);
    // The expected detection is the plan's, embedded.
    expect(JSON.stringify(definition)).toContain(JSON.stringify(expectedDetection(plan).filters[0].pattern).slice(1, -1));
  });
});

describe('the read-only role in the management account', () => {
  test('trusts exactly the verifier\'s execution role, and the organization when the config names it', () => {
    const [role] = only(reader, 'AWS::IAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:role/root-guard-sentinel-verifier' } }]);
    const withOrg = Template.fromStack(createStack(sentinelReaderUnit(createPlan(configWith((c) => { c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' }; })))?.template));
    expect(only(withOrg, 'AWS::IAM::Role')[0].Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } });
  });

  test('may only read: every action is a Describe, List or Get, and exactly the ones the verifier calls', () => {
    const actions = only(reader, 'AWS::IAM::Policy').flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Effect: string; Action: string | string[] }) => {
      expect(s.Effect).toBe('Allow');
      return Array.isArray(s.Action) ? s.Action : [s.Action];
    }));
    expect([...actions].sort()).toEqual([...SENTINEL_READER_ACTIONS].sort());
    for (const a of actions) expect(a).toMatch(/^[a-z]+:(Describe|List|Get)[A-Za-z]+$/);
  });

  test('the canary filter and its alarm: SampleCount < 1 over two intervals, two periods, missing data breaching', () => {
    reader.hasResourceProperties('AWS::Logs::MetricFilter', { FilterName: 'root-guard-sentinel-canary', LogGroupName: 'aws-controltower/CloudTrailLogs', FilterPattern: plan.sentinel!.canary.pattern });
    reader.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'root-guard-sentinel-canary', Namespace: 'LogMetrics', MetricName: 'root-guard-SentinelCanary', Statistic: 'SampleCount',
      Period: 1800, EvaluationPeriods: 2, Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching',
    });
  });

  test('every expected alarm and filter of the shared rules is what the templates deploy (they cannot drift apart)', () => {
    const full = createPlan(configWith((c) => { c.cisMonitoring = 'all'; }));
    const { renderPackage } = require('../../../src/package/generate') as typeof import('../../../src/package/generate');
    const files = renderPackage(full).files;
    const resources = [...files].filter(([p]) => p.startsWith('templates/')).flatMap(([, text]) => Object.values((JSON.parse(text) as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> }).Resources)); // eslint-disable-line @typescript-eslint/no-explicit-any
    const alarms = resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties);
    const filters = resources.filter((r) => r.Type === 'AWS::Logs::MetricFilter').map((r) => r.Properties);
    const expected = expectedDetection(full);
    for (const e of expected.alarms) {
      const a = alarms.find((x) => x.AlarmName === e.alarmName);
      expect([e.alarmName, a && { ns: a.Namespace, m: a.MetricName, st: a.Statistic, th: a.Threshold, c: a.ComparisonOperator, p: a.Period, ev: a.EvaluationPeriods, md: a.TreatMissingData }])
        .toEqual([e.alarmName, { ns: e.namespace, m: e.metricName, st: e.statistic, th: e.threshold, c: e.comparisonOperator, p: e.period, ev: e.evaluationPeriods, md: e.treatMissingData }]);
      // The management account's own tamper topic is a Ref in its template: its ARN once deployed.
      const actions = (a!.AlarmActions as unknown[]).map((x) => (typeof x === 'string' ? x : String((x as { Ref?: string }).Ref).startsWith('TamperAlertsTopic') ? full.tamperAlerts!.topicArn : JSON.stringify(x)));
      expect(actions).toEqual(expect.arrayContaining([...e.actions]));
    }
    for (const e of expected.filters) {
      const f = filters.find((x) => x.FilterName === e.filterName);
      expect([e.filterName, f?.FilterPattern, f?.MetricTransformations?.[0]?.MetricName]).toEqual([e.filterName, e.pattern, e.metricName]);
    }
    // Every alarm on a LogMetrics metric in the management account is one the rules check.
    const checked = new Set(expected.alarms.map((a) => a.alarmName));
    expect(alarms.filter((a) => a.Namespace === 'LogMetrics').map((a) => a.AlarmName).filter((n) => !checked.has(n))).toEqual([]);
  });
});
