import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmsCommand, GetAlarmMuteRuleCommand, ListAlarmMuteRulesCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { evaluateHealth, findingKey } from '../../src/health';
import { sentinelDefinition } from '../../src/health/state-machine';
import { createPacer } from '../../src/ops/aws/api-pacer';
import { readObservedDetection } from '../../src/ops/audit/read-detection-health';
import { createPlan } from '../../src/plan/create-plan';
import { HEALTH_CASES } from '../support/health-cases';
import { observedOf, type HealthCase, type Recorded } from '../support/health-state';
import { recordedTasks } from '../support/recorded-tasks';
import { runStateMachine } from '../support/states-interpreter';
import { minimalConfig } from '../support/config';

/*
 * The Proof of issue 23: one recorded case per thing the sentinel must catch, and healthy ones. Each
 * case runs through the three places "healthy" is decided and every one must give the case's
 * findings: the shared TypeScript rules, `audit`'s reader (SDK calls answered by aws-sdk-client-mock)
 * feeding them, and the sentinel's state machine executed with jsonata. If any two disagree, a test fails.
 */

const keys = (findings: readonly { check: string; subject: string; status: string }[]) => findings.map(findingKey).sort();

/** The sentinel of the case's config (every case's config has it on). */
function sentinelOf(c: HealthCase) {
  const config = c.name.includes('fast alerts') ? minimalConfig({ fastAlerts: { regions: ['us-east-1'], organizationId: 'o-exampleorgid' } }) : minimalConfig({ cisMonitoring: ['4.1'] });
  return createPlan(config).sentinel!;
}

async function runSentinel(c: HealthCase, pageSize = 50) {
  const sentinel = sentinelOf(c);
  const published: { TopicArn: string; Message: string }[] = [];
  const run = await runStateMachine(sentinelDefinition(sentinel, c.expected) as never, {
    context: { Execution: { Name: 'case', StartTime: c.responses.now } },
    call: recordedTasks(c.responses, { readerRoleArn: sentinel.readerRoleArn, pageSize, published }),
  });
  return { run, published, sentinel };
}

/** Installs aws-sdk-client-mock answers for `audit`'s reader from the case's recorded responses (pages of 2). */
function mockSdk(c: HealthCase) {
  const answer = <T>(r: Recorded<T>): T => {
    if ('error' in r) throw Object.assign(new Error(r.error.message), { name: r.error.name, $metadata: {} });
    return r.value;
  };
  const logs = mockClient(CloudWatchLogsClient);
  logs.on(DescribeMetricFiltersCommand).callsFake((input: { nextToken?: string }) => {
    const all = answer(c.responses.metricFilters);
    const start = Number(input.nextToken ?? 0);
    return { metricFilters: all.slice(start, start + 2), ...(start + 2 < all.length ? { nextToken: String(start + 2) } : {}) };
  });
  const cw = mockClient(CloudWatchClient);
  cw.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({ MetricAlarms: answer(c.responses.alarms).filter((a) => input.AlarmNames.includes(a.AlarmName!)) }));
  cw.on(ListAlarmMuteRulesCommand).callsFake((input: { Statuses: string[] }) => ({
    AlarmMuteRuleSummaries: answer(c.responses.muteRules).filter((r) => input.Statuses.includes(r.Status!)).map((r) => ({ AlarmMuteRuleArn: r.AlarmMuteRuleArn, Status: r.Status })),
  }));
  cw.on(GetAlarmMuteRuleCommand).callsFake((input: { AlarmMuteRuleName: string }) => answer(c.responses.muteRules).find((r) => r.Name === input.AlarmMuteRuleName));
  const trail = mockClient(CloudTrailClient);
  trail.on(GetTrailStatusCommand).callsFake(() => {
    const s = answer(c.responses.trailStatus);
    return { ...s, ...(s.LatestCloudWatchLogsDeliveryTime ? { LatestCloudWatchLogsDeliveryTime: new Date(s.LatestCloudWatchLogsDeliveryTime) } : {}) };
  });
  const sns = mockClient(SNSClient);
  sns.on(GetTopicAttributesCommand).callsFake((input: { TopicArn: string }) => ({ Attributes: answer(c.responses.topics[input.TopicArn].attributes) }));
  sns.on(ListSubscriptionsByTopicCommand).callsFake((input: { TopicArn: string }) => ({ Subscriptions: answer(c.responses.topics[input.TopicArn].subscriptions) }));
  const kms = mockClient(KMSClient);
  kms.on(GetKeyPolicyCommand).callsFake((input: { KeyId: string }) => {
    const topic = Object.values(c.responses.topics).find((t) => 'value' in t.attributes && t.attributes.value.KmsMasterKeyId === input.KeyId);
    return { Policy: answer(topic!.keyPolicy!) };
  });
  return () => [logs, cw, trail, sns, kms].forEach((m) => m.restore());
}

describe.each(HEALTH_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('the shared TypeScript rules give exactly the expected findings', () => {
    expect(keys(evaluateHealth(c.expected, observedOf(c.responses, c.expected)))).toEqual([...c.findings].sort());
  });

  test('audit\'s reader, over the SDK, gives the same findings', async () => {
    const restore = mockSdk(c);
    try {
      const region = { region: 'us-east-1' };
      const observed = await readObservedDetection({
        cloudwatch: new CloudWatchClient(region), logs: new CloudWatchLogsClient(region), cloudtrail: new CloudTrailClient(region), sns: new SNSClient(region), kms: new KMSClient(region),
      }, c.expected, createPacer(), new Date(c.responses.now));
      expect(keys(evaluateHealth(c.expected, observed))).toEqual([...c.findings].sort());
    } finally {
      restore();
    }
  });

  test('the sentinel\'s state machine, executed with jsonata, gives the same findings and ends accordingly', async () => {
    const { run, published, sentinel } = await runSentinel(c, 2);
    const findings = (run.variables.findings ?? []) as { check: string; subject: string; status: string }[];
    expect(keys(findings)).toEqual([...c.findings].sort());
    if (c.findings.length === 0) {
      expect(run).toEqual(expect.objectContaining({ status: 'SUCCEEDED', output: { healthy: true, findings: [] } }));
      expect(published).toEqual([]);
    } else {
      expect(run).toEqual(expect.objectContaining({ status: 'FAILED', error: 'RootGuard.DetectionUnhealthy' }));
      expect(keys(JSON.parse(run.cause!).findings)).toEqual([...c.findings].sort());
      expect(published.map((p) => p.TopicArn)).toEqual(sentinel.notifyTopicArns);
      for (const f of findings) expect(published[0].Message).toContain(`[${f.check}] ${f.subject}: `);
    }
  });
});

describe('the state machine agrees with the TypeScript rules on details too', () => {
  test.each(HEALTH_CASES.filter((c) => c.findings.length > 0).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { run } = await runSentinel(c);
    const ts = evaluateHealth(c.expected, observedOf(c.responses, c.expected));
    const sfn = run.variables.findings as { check: string; subject: string; detail: string }[];
    // The same wording where both languages can say it the same way: the checks that name no value.
    for (const f of ts.filter((x) => ['alarm-muted', 'canary', 'trail-logging', 'topic-subscriptions', 'topic-publish', 'topic-key', 'read'].includes(x.check))) {
      expect(sfn.find((s) => s.check === f.check && s.subject === f.subject)?.detail).toBe(f.detail);
    }
  });
});
