import aslValidator from 'asl-validator';
import { evaluateHealth } from '../../src/health';
import { sentinelDefinition } from '../../src/health/state-machine';
import { createPlan } from '../../src/plan/create-plan';
import { expectedOf, healthyResponses, observedOf } from '../support/health-state';
import { recordedTasks } from '../support/recorded-tasks';
import { runStateMachine } from '../support/states-interpreter';
import { fixtureConfig, configWith } from '../support/config';

/** One run of the committed config's sentinel over `responses`, pages of `pageSize`. */
async function run(config = fixtureConfig(), change: (r: ReturnType<typeof healthyResponses>) => ReturnType<typeof healthyResponses> = (r) => r, pageSize = 50) {
  const plan = createPlan(config);
  const expected = expectedOf(config);
  const responses = change(healthyResponses(expected));
  const published: { TopicArn: string; Message: string }[] = [];
  const result = await runStateMachine(sentinelDefinition(plan.sentinel!, expected) as never, {
    context: { Execution: { Name: 'scheduled', StartTime: responses.now } },
    call: recordedTasks(responses, { readerRoleArn: plan.sentinel!.readerRoleArn, pageSize, published }),
  });
  return { result, published, expected, responses };
}

describe('the sentinel state machine', () => {
  test('a healthy run of the committed config: 30 state transitions (the monthly cost in docs/tamper-alerts.md is counted from this)', async () => {
    const { result } = await run();
    expect(result.status).toBe('SUCCEEDED');
    expect(result.transitions).toBe(30);
  });

  test('every management-account call goes through the read-only role; the topic is read with the verifier\'s own', async () => {
    const { result } = await run();
    const mgmt = result.calls.filter((c) => /cloudwatchlogs|cloudwatch:|cloudtrail/.test(c.resource));
    expect(mgmt.map((c) => c.resource).sort()).toEqual([
      'arn:aws:states:::aws-sdk:cloudtrail:getTrailStatus', 'arn:aws:states:::aws-sdk:cloudwatch:describeAlarms',
      'arn:aws:states:::aws-sdk:cloudwatch:listAlarmMuteRules', 'arn:aws:states:::aws-sdk:cloudwatchlogs:describeMetricFilters',
    ]);
    for (const c of mgmt) expect(c.credentials).toEqual({ RoleArn: 'arn:aws:iam::111111111111:role/root-guard-sentinel-reader' });
    for (const c of result.calls.filter((x) => /:sns:|:kms:/.test(x.resource))) expect(c.credentials).toBeUndefined();
  });

  test('follows every page: a page size of 1 gives the same findings', async () => {
    const plant = (r: ReturnType<typeof healthyResponses>) => ({ ...r, muteRules: { value: [
      { Name: 'a', AlarmMuteRuleArn: 'arn:aws:cloudwatch:us-east-1:111111111111:alarm-mute-rule:a', Status: 'ACTIVE', MuteTargets: { AlarmNames: ['x'] } },
      { Name: 'b', AlarmMuteRuleArn: 'arn:aws:cloudwatch:us-east-1:111111111111:alarm-mute-rule:b', Status: 'SCHEDULED', MuteTargets: { AlarmNames: ['root-guard-tamper'] } },
    ] } });
    const one = await run(fixtureConfig(), plant, 1);
    const all = await run(fixtureConfig(), plant, 50);
    expect(one.result.variables.findings).toEqual(all.result.variables.findings);
    expect((one.result.variables.findings as { check: string }[]).map((f) => f.check)).toEqual(['alarm-muted']);
    expect(one.result.calls.filter((c) => c.resource.endsWith('describeMetricFilters')).length).toBe(one.expected.filters.length);
  });

  test('a publish that fails still ends the run Unhealthy (the silence alarm then speaks)', async () => {
    const plan = createPlan(fixtureConfig());
    const expected = expectedOf(fixtureConfig());
    const responses = { ...healthyResponses(expected), trailStatus: { value: { IsLogging: false } } };
    const result = await runStateMachine(sentinelDefinition(plan.sentinel!, expected) as never, {
      context: { Execution: { Name: 'x', StartTime: responses.now } },
      call: recordedTasks(responses, { readerRoleArn: plan.sentinel!.readerRoleArn, publishError: { name: 'KMSAccessDeniedException', message: 'denied' } }),
    });
    expect(result).toEqual(expect.objectContaining({ status: 'FAILED', error: 'RootGuard.DetectionUnhealthy' }));
    expect(JSON.parse(result.cause!).findings.map((f: { check: string }) => f.check).sort()).toEqual(['trail-delivery', 'trail-logging']);
  });

  test('times from Step Functions as epoch seconds are read like ISO strings', async () => {
    const epoch = await run(fixtureConfig(), (r) => ({ ...r, trailStatus: { value: { IsLogging: true, LatestCloudWatchLogsDeliveryTime: (Date.parse(r.now) - 60 * 60_000) / 1000 } } }));
    const expected = expectedOf(fixtureConfig());
    const ts = evaluateHealth(expected, observedOf({ ...healthyResponses(expected), trailStatus: { value: { IsLogging: true, LatestCloudWatchLogsDeliveryTime: (Date.parse(healthyResponses(expected).now) - 60 * 60_000) / 1000 } } }, expected));
    expect((epoch.result.variables.findings as { check: string; detail: string }[]).map((f) => [f.check, f.detail])).toEqual(ts.map((f) => [f.check, f.detail]));
    expect(ts.map((f) => f.check)).toEqual(['trail-delivery']);
  });

  test.each([
    ['the committed config', fixtureConfig()],
    ['every CIS control, fast alerts, an existing topic, no tamper alerts', configWith((c) => {
      c.cisMonitoring = 'all'; c.tamperAlerts = false; c.securityTopic = { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' };
      c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' };
    })],
  ])('the definition for %s is valid Amazon States Language (asl-validator, JSONata expressions parsed, ARNs checked)', (_name, config) => {
    const plan = createPlan(config);
    const result = aslValidator(sentinelDefinition(plan.sentinel!, expectedOf(config)) as never, { checkPaths: true, checkArn: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  test('the definition refuses more alarms than DescribeAlarms reads by name', () => {
    const plan = createPlan(configWith((c) => { c.cisMonitoring = 'all'; }));
    const expected = expectedOf(configWith((c) => { c.cisMonitoring = 'all'; }));
    const many = { ...expected, alarms: Array.from({ length: 101 }, (_, i) => ({ ...expected.alarms[0], alarmName: `a${i}` })) };
    expect(() => sentinelDefinition(plan.sentinel!, many)).toThrow('101 alarms, DescribeAlarms reads at most 100 by name');
  });
});
