import { DescribeAlarmsCommand, GetAlarmMuteRuleCommand, ListAlarmMuteRulesCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GetTrailStatusCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { GetKeyPolicyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { ExpectedDetection } from '../../health/expected';
import type { ObservedAlarm, ObservedDetection, ObservedMetricFilter, ObservedMuteRule, ObservedSubscription, ObservedTopic, Reading } from '../../health/observed';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError } from '../aws/describe-aws-error';

/**
 * Reads what the shared health rules (src/health/) judge, with the same calls the sentinel's state
 * machine makes: DescribeMetricFilters on the trail's log group (every page), DescribeAlarms by name,
 * ListAlarmMuteRules (SCHEDULED and ACTIVE, every page) and GetAlarmMuteRule of each, GetTrailStatus,
 * and per topic GetTopicAttributes, ListSubscriptionsByTopic (every page) and GetKeyPolicy of its key.
 * Nothing here throws: a failed read is a `Reading` with its error.
 */

/** Clients of the management account (CloudWatch, Logs, CloudTrail) and of the topic's account (SNS, KMS). */
export interface HealthClients {
  readonly cloudwatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudtrail: CloudTrailClient;
  readonly sns: SNSClient;
  /** KMS where the topic's key is (the topic's account). Without it the key policy is not read. */
  readonly kms?: KMSClient;
}

/** Describes alarms by name: DescribeAlarms takes at most 100 names a call. */
const ALARM_NAMES_PER_CALL = 100;
/** Statuses of a mute rule that mutes now or later. */
const MUTING_STATUSES = ['SCHEDULED', 'ACTIVE'] as const;

async function reading<T>(call: () => Promise<T>): Promise<Reading<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    const info = describeAwsError(err);
    return { ok: false, error: { code: info.code, message: info.message } };
  }
}

async function pages<T>(first: (token?: string) => Promise<{ items: readonly T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await first(token);
    items.push(...page.items);
    token = page.next;
  } while (token);
  return items;
}

/** Reads everything the rules need; `now` is when the reading started. */
export async function readObservedDetection(clients: HealthClients, expected: ExpectedDetection, pacer: Pacer, now: Date): Promise<ObservedDetection> {
  const [metricFilters, alarms, muteRules, trail, topics] = await Promise.all([
    reading(() => pages<ObservedMetricFilter>(async (nextToken) => {
      const out = await paced(pacer, 'logs:DescribeMetricFilters', () => clients.logs.send(new DescribeMetricFiltersCommand({ logGroupName: expected.logGroupName, ...(nextToken ? { nextToken } : {}) })));
      return { items: out.metricFilters ?? [], next: out.nextToken };
    })),
    reading(async () => {
      const names = expected.alarms.map((a) => a.alarmName);
      const found: ObservedAlarm[] = [];
      for (let i = 0; i < names.length; i += ALARM_NAMES_PER_CALL) {
        const out = await paced(pacer, 'cloudwatch:DescribeAlarms', () => clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + ALARM_NAMES_PER_CALL), AlarmTypes: ['MetricAlarm'], MaxRecords: ALARM_NAMES_PER_CALL })));
        found.push(...(out.MetricAlarms ?? []));
      }
      return found;
    }),
    reading(async () => {
      const listed = await pages(async (NextToken) => {
        const out = await paced(pacer, 'cloudwatch:ListAlarmMuteRules', () => clients.cloudwatch.send(new ListAlarmMuteRulesCommand({ Statuses: [...MUTING_STATUSES], MaxRecords: 100, ...(NextToken ? { NextToken } : {}) })));
        return { items: out.AlarmMuteRuleSummaries ?? [], next: out.NextToken };
      });
      const rules: ObservedMuteRule[] = [];
      for (const summary of listed) {
        // The summary has no name: the rule's ARN ends in it (arn:…:alarm-mute-rule:<name>).
        const name = summary.AlarmMuteRuleArn?.split(':').pop() ?? '';
        rules.push(await paced(pacer, 'cloudwatch:GetAlarmMuteRule', () => clients.cloudwatch.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: name }))));
      }
      return rules;
    }),
    reading(() => paced(pacer, 'cloudtrail:GetTrailStatus', () => clients.cloudtrail.send(new GetTrailStatusCommand({ Name: expected.trailName })))),
    Promise.all(expected.topics.map((t) => readTopic(clients, t.arn, pacer))),
  ]);
  return { now: now.toISOString(), metricFilters, alarms, muteRules, trail, topics };
}

async function readTopic(clients: HealthClients, arn: string, pacer: Pacer): Promise<ObservedTopic> {
  const [attributes, subscriptions] = await Promise.all([
    reading(async () => (await paced(pacer, 'sns:GetTopicAttributes', () => clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn })))).Attributes ?? {}),
    reading(() => pages<ObservedSubscription>(async (NextToken) => {
      const out = await paced(pacer, 'sns:ListSubscriptionsByTopic', () => clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn, ...(NextToken ? { NextToken } : {}) })));
      return { items: out.Subscriptions ?? [], next: out.NextToken };
    })),
  ]);
  const keyId = attributes.ok ? attributes.value.KmsMasterKeyId : undefined;
  if (!keyId || !clients.kms) return { arn, attributes, subscriptions };
  const kms = clients.kms;
  const keyPolicy = await reading(async () => (await paced(pacer, 'kms:GetKeyPolicy', () => kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })))).Policy ?? '');
  return { arn, attributes, subscriptions, keyPolicy };
}
