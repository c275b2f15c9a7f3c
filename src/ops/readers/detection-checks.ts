import { DescribeAlarmsCommand, type CloudWatchClient, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { DeployedMetricFilter } from '../../detection/metric-filters';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import { readConfirmationAuthentication, readTopicSubscriptions, type TopicSubscriptions } from './topic-subscriptions';

/** How one check came out: `failing` = deployed but wrong (it would not alert, or a rule says non-compliant). */
export type CheckStatus = 'ok' | 'missing' | 'failing' | 'unknown';

/** One organization-level check of the audit. */
export interface OrgCheck {
  readonly id: string;
  readonly label: string;
  readonly status: CheckStatus;
  /** What was found, or what is wrong and the fix. */
  readonly detail: string;
  /** For an `unknown` check: the call that could not be made (`service:Action`). */
  readonly api?: string;
}

/** What the detection path should look like in the management account, home region. */
export interface ExpectedDetection {
  readonly metricFilter: DeployedMetricFilter;
  readonly alarmName: string;
  readonly topicArn: string;
}

/** Clients of the management account in the home region (SNS reaches the topic's account by ARN). */
export interface DetectionClients {
  readonly cloudwatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  readonly sns: SNSClient;
  /**
   * SNS with credentials of the topic's account (`audit --topic-profile`), for the subscriptions'
   * attributes, which no topic policy can open to another account. @default sns
   */
  readonly topicSns?: SNSClient;
}

/**
 * Checks the alert path end to end: the metric filter with the exact CIS pattern (Security Hub
 * CloudWatch.1 fails for any other string), the alarm on its metric, the alarm's action pointing to
 * the topic with actions enabled, and at least one confirmed subscription on the topic (CIS 4.3).
 * Each check that cannot be read is `unknown` with the reason; nothing here throws.
 */
export async function checkDetection(clients: DetectionClients, expected: ExpectedDetection, pacer: Pacer): Promise<OrgCheck[]> {
  const [filter, alarm, topic] = await Promise.all([
    checkMetricFilter(clients.logs, expected.metricFilter, pacer),
    checkAlarm(clients.cloudwatch, expected, pacer),
    checkTopic(clients.sns, clients.topicSns ?? clients.sns, expected.topicArn, pacer),
  ]);
  return [filter, ...alarm, ...topic];
}

async function checkMetricFilter(logs: CloudWatchLogsClient, expected: DeployedMetricFilter, pacer: Pacer): Promise<OrgCheck> {
  const base = { id: 'metric-filter', label: `metric filter ${expected.filterName} on ${expected.logGroupName}` };
  try {
    const page = await paced(pacer, 'logs:DescribeMetricFilters', () =>
      logs.send(new DescribeMetricFiltersCommand({ logGroupName: expected.logGroupName, filterNamePrefix: expected.filterName })));
    const found = page.metricFilters?.find((f) => f.filterName === expected.filterName);
    if (!found) return { ...base, status: 'missing', detail: `no filter named ${expected.filterName} (has CfCT deployed the alarm stack set?)` };
    if (found.filterPattern !== expected.pattern) {
      return { ...base, status: 'failing', detail: `pattern is ${JSON.stringify(found.filterPattern)}, not the CIS pattern Security Hub CloudWatch.1 requires byte for byte (redeploy the package)` };
    }
    const metric = found.metricTransformations?.[0];
    if (metric?.metricName !== expected.metricName || metric?.metricNamespace !== expected.metricNamespace) {
      return { ...base, status: 'failing', detail: `publishes ${metric?.metricNamespace}/${metric?.metricName}, not ${expected.metricNamespace}/${expected.metricName}` };
    }
    return { ...base, status: 'ok', detail: `CIS pattern, publishes ${expected.metricNamespace}/${expected.metricName}` };
  } catch (err) {
    const info = describeAwsError(err);
    if (info.code === 'ResourceNotFoundException') {
      return { ...base, status: 'missing', detail: `log group ${expected.logGroupName} not found (run in the management account and the Control Tower home region)` };
    }
    return { ...base, status: 'unknown', api: 'logs:DescribeMetricFilters', detail: unreadReason(info) };
  }
}

async function checkAlarm(cloudwatch: CloudWatchClient, expected: ExpectedDetection, pacer: Pacer): Promise<OrgCheck[]> {
  const name = expected.alarmName;
  const ids = {
    alarm: { id: 'alarm', label: `alarm ${name}` },
    action: { id: 'alarm-action', label: 'alarm action notifies the topic' },
    enabled: { id: 'alarm-actions-enabled', label: 'alarm actions enabled' },
  };
  let alarm: MetricAlarm | undefined;
  try {
    const page = await paced(pacer, 'cloudwatch:DescribeAlarms', () =>
      cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm'] })));
    alarm = page.MetricAlarms?.find((a) => a.AlarmName === name);
  } catch (err) {
    const unknown = { status: 'unknown', api: 'cloudwatch:DescribeAlarms', detail: unreadReason(describeAwsError(err)) } as const;
    return [{ ...ids.alarm, ...unknown }, { ...ids.action, ...unknown }, { ...ids.enabled, ...unknown }];
  }
  if (!alarm) {
    const detail = `no alarm named ${name} (has CfCT deployed the alarm stack set?)`;
    return [{ ...ids.alarm, status: 'missing', detail }, { ...ids.action, status: 'missing', detail }, { ...ids.enabled, status: 'missing', detail }];
  }
  const metric = expected.metricFilter;
  const onMetric = alarm.MetricName === metric.metricName && alarm.Namespace === metric.metricNamespace;
  const actions = alarm.AlarmActions ?? [];
  return [
    onMetric
      ? { ...ids.alarm, status: 'ok', detail: `on ${metric.metricNamespace}/${metric.metricName}, state ${alarm.StateValue ?? '?'}` }
      : { ...ids.alarm, status: 'failing', detail: `watches ${alarm.Namespace}/${alarm.MetricName}, not the filter's ${metric.metricNamespace}/${metric.metricName}` },
    actions.includes(expected.topicArn)
      ? { ...ids.action, status: 'ok', detail: expected.topicArn }
      : { ...ids.action, status: 'failing', detail: `actions are ${actions.length ? actions.join(', ') : 'empty'}; ${expected.topicArn} is not among them (redeploy the package)` },
    alarm.ActionsEnabled === false
      ? { ...ids.enabled, status: 'failing', detail: `actions are disabled: no notification is sent (aws cloudwatch enable-alarm-actions --alarm-names ${name})` }
      : { ...ids.enabled, status: 'ok', detail: 'yes' },
  ];
}

async function checkTopic(sns: SNSClient, topicSns: SNSClient, topicArn: string, pacer: Pacer): Promise<OrgCheck[]> {
  const read = await readTopicSubscriptions(sns, topicArn, pacer);
  return [subscribersCheck(read, topicArn), await authenticationCheck(topicSns, read, topicArn, pacer)];
}

function subscribersCheck(read: TopicSubscriptions, topicArn: string): OrgCheck {
  const base = { id: 'topic-subscribers', label: 'topic has a confirmed subscription' };
  if (read.kind === 'absent') return { ...base, status: 'missing', detail: `topic ${topicArn} does not exist` };
  if (read.kind === 'unread') return { ...base, status: 'unknown', api: 'sns:ListSubscriptionsByTopic', detail: `${topicArn}: ${read.reason}` };
  const confirmed = read.subscriptions.filter((s) => s.confirmed);
  const pending = read.subscriptions.filter((s) => !s.confirmed);
  if (confirmed.length === 0) {
    const hint = pending.length > 0 ? `${pending.length} pending (${pending.map((s) => s.endpoint).join(', ')}): open the confirmation email` : 'add a subscriber';
    return { ...base, status: 'failing', detail: `no confirmed subscription: alerts reach nobody (${hint})` };
  }
  const more = pending.length > 0 ? `; ${pending.length} still pending confirmation` : '';
  return { ...base, status: 'ok', detail: `${confirmed.map((s) => `${s.protocol}:${s.endpoint}`).join(', ')}${more}` };
}

/**
 * Email subscriptions confirmed by a click can be removed by anyone holding the unsubscribe link of
 * any alert (issue 12 §3): `failing` names them and points to the fix (docs/operating.md,
 * "Email subscriptions nobody can remove with a link").
 */
async function authenticationCheck(topicSns: SNSClient, read: TopicSubscriptions, topicArn: string, pacer: Pacer): Promise<OrgCheck> {
  const base = { id: 'topic-subscriptions-authenticated', label: 'email subscriptions confirmed with authentication' };
  if (read.kind === 'absent') return { ...base, status: 'missing', detail: `topic ${topicArn} does not exist` };
  if (read.kind === 'unread') return { ...base, status: 'unknown', api: 'sns:ListSubscriptionsByTopic', detail: `${topicArn}: ${read.reason}` };
  const results = await readConfirmationAuthentication(topicSns, read.subscriptions, pacer);
  if (results.length === 0) return { ...base, status: 'ok', detail: 'no confirmed email subscription' };
  const open = results.filter((r) => r.kind === 'unauthenticated');
  const unread = results.filter((r) => r.kind === 'unread');
  const fix = 'confirm them again with AuthenticateOnUnsubscribe=true: docs/operating.md, "Email subscriptions nobody can remove with a link"';
  if (open.length > 0) {
    const more = unread.length > 0 ? `; ${unread.length} not read` : '';
    return { ...base, status: 'failing', detail: `confirmed by a link, so anyone with the unsubscribe link of an alert can remove them: ${open.map((r) => r.endpoint).join(', ')}${more} (${fix})` };
  }
  if (unread.length > 0) {
    const first = unread[0];
    return { ...base, status: 'unknown', api: 'sns:GetSubscriptionAttributes', detail: `${unread.map((r) => r.endpoint).join(', ')}: ${first.kind === 'unread' ? first.reason : ''}` };
  }
  return { ...base, status: 'ok', detail: `${results.map((r) => r.endpoint).join(', ')}: only the topic or subscription owner can unsubscribe` };
}
