import { setTimeout as delay } from 'node:timers/promises';
import { type CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { DRILL_DETAIL_TYPE, DRILL_EVENT_SOURCE, DRILL_MESSAGE_PREFIX, type DrillDetail } from '../detection/alert-drill';
import { UserError } from '../errors';
import { paced, type Pacer } from './api-pacer';
import { describeAwsError, unreadReason } from './describe-aws-error';
import { readTopicSubscriptions, type TopicSubscriptions } from './topic-subscriptions';

/**
 * `test-alert`'s fast path: puts a drill event on the central bus (security account, home region),
 * where the test rule (`<prefix>-root-alert-test`, src/constructs/security-event-bus.ts) sends it to
 * the security topic as a TEST message, then watches the rule's CloudWatch metrics until EventBridge
 * reports the delivery to SNS (Invocations) or its failure (FailedInvocations).
 *
 * It proves bus → rule → input transformer → topic (policy and KMS key) → subscribers. It does not
 * exercise the forwarding rules in the member accounts nor their cross-account PutEvents.
 */

/** Clients with the SECURITY account's credentials (`--security-profile`), in the home region. */
export interface FastPathClients {
  readonly events: EventBridgeClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly sts: STSClient;
}

/** Options of {@link runFastPathDrill}. */
export interface FastPathOptions {
  /** The central bus: its name (the metrics' EventBusName dimension) and ARN (PutEvents' EventBusName). */
  readonly eventBusName: string;
  readonly eventBusArn: string;
  /** The test rule on that bus. */
  readonly ruleName: string;
  readonly topicArn: string;
  /** The account the bus is in: the credentials must be its. */
  readonly securityAccountId: string;
  /** The AWS profile the credentials came from, for messages. */
  readonly profile: string;
  readonly region: string;
  readonly pacer: Pacer;
  /**
   * How long to wait for the rule's metrics. EventBridge sends them every minute and a data point
   * "might be delayed" (eb-monitoring.html), so a few minutes.
   * @default FAST_PATH_DEFAULT_TIMEOUT_S seconds
   */
  readonly timeoutMs?: number;
  /** Between two looks at the metrics. @default 15000 */
  readonly pollMs?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** A unique id for this drill. @default `drill-<time>-<random>` */
  readonly drillId?: string;
  readonly onProgress?: (message: string) => void;
  /** Aborted on an interrupt (Ctrl-C): stop waiting for the metrics (a drill changes nothing to restore). */
  readonly signal?: AbortSignal;
}

/** Default wait for the metrics, in seconds: per-minute metrics, delivered with a delay (eb-monitoring.html). */
export const FAST_PATH_DEFAULT_TIMEOUT_S = 300;

/** What EventBridge reported about delivering the drill to the topic. */
export interface FastPathDelivery {
  /**
   * `delivered`: the rule's Invocations counted it and FailedInvocations did not; `failed`: PutEvents
   * rejected the event, or FailedInvocations counted it; `not-seen`: no metric within the timeout.
   */
  readonly status: 'delivered' | 'failed' | 'not-seen';
  readonly detail: string;
  /** Sums over the minutes from the drill on (the metrics cannot tell one drill from another in the same minute). */
  readonly invocations: number;
  readonly failedInvocations: number;
}

/** The fast path's result, as `--json` prints it. */
export interface FastPathResult {
  readonly eventBusArn: string;
  readonly ruleName: string;
  readonly region: string;
  readonly topicArn: string;
  readonly caller: string;
  readonly drill: DrillDetail;
  /** The id EventBridge gave the event (absent when PutEvents rejected it). */
  readonly eventId?: string;
  readonly delivery: FastPathDelivery;
  readonly subscriptions: TopicSubscriptions;
  readonly expect: readonly string[];
}

/** The metrics of a rule on a custom bus carry both dimensions (eb-monitoring.html). */
const METRICS_NAMESPACE = 'AWS/Events';

/**
 * Runs the drill. Throws a UserError, having put nothing on the bus, when the credentials are not the
 * security account's; and when PutEvents itself fails (access denied, no such bus).
 */
export async function runFastPathDrill(clients: FastPathClients, options: FastPathOptions): Promise<FastPathResult> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms, undefined, { signal: options.signal }).catch(() => undefined));
  const say = options.onProgress ?? (() => undefined);
  const caller = await securityCaller(clients.sts, options);
  const started = now();
  const drill: DrillDetail = {
    drillId: options.drillId ?? `drill-${started.toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(16).slice(2, 8)}`,
    caller,
    time: started.toISOString(),
  };
  const subscriptions = await readTopicSubscriptions(clients.sns, options.topicArn, options.pacer);

  say(`Putting drill ${drill.drillId} on ${options.eventBusArn}…`);
  const put = await putDrill(clients.events, drill, options);
  let delivery: FastPathDelivery;
  if (put.kind === 'rejected') {
    delivery = { status: 'failed', detail: put.detail, invocations: 0, failedInvocations: 0 };
  } else {
    say(`Waiting for the metrics of rule ${options.ruleName} (per minute, usually 1–3 minutes)…`);
    delivery = await waitForDelivery(clients.cloudwatch, { ...options, from: started, now, sleep });
  }
  return {
    eventBusArn: options.eventBusArn,
    ruleName: options.ruleName,
    region: options.region,
    topicArn: options.topicArn,
    caller,
    drill,
    ...(put.kind === 'accepted' ? { eventId: put.eventId } : {}),
    delivery,
    subscriptions,
    expect: expectations(drill, subscriptions),
  };
}

/** The caller, who must be in the security account: the bus admits other accounts' forwarder roles only. */
async function securityCaller(sts: STSClient, options: FastPathOptions): Promise<string> {
  let identity;
  try {
    identity = await paced(options.pacer, 'sts:GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({})));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`sts:GetCallerIdentity (--security-profile ${options.profile}): ${unreadReason(describeAwsError(err))}`);
  }
  if (identity.Account !== options.securityAccountId) {
    throw new UserError(`wrong account: --security-profile ${options.profile} is account ${identity.Account} (${identity.Arn}); the central bus is in the security account ${options.securityAccountId} (pass a profile of that account)`);
  }
  return identity.Arn ?? 'unknown caller';
}

type PutOutcome = { readonly kind: 'accepted'; readonly eventId?: string } | { readonly kind: 'rejected'; readonly detail: string };

/**
 * One PutEvents entry. A rejected entry comes back in the response, not as an error: `FailedEntryCount`
 * and the entry's `ErrorCode`/`ErrorMessage`
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html).
 */
async function putDrill(events: EventBridgeClient, drill: DrillDetail, options: FastPathOptions): Promise<PutOutcome> {
  const grant = `the --security-profile credentials need events:PutEvents on ${options.eventBusArn}`;
  let response;
  try {
    response = await paced(options.pacer, 'events:PutEvents', () => events.send(new PutEventsCommand({
      Entries: [{ EventBusName: options.eventBusArn, Source: DRILL_EVENT_SOURCE, DetailType: DRILL_DETAIL_TYPE, Detail: JSON.stringify(drill) }],
    })));
  } catch (err) {
    if (err instanceof UserError) throw err;
    const info = describeAwsError(err);
    const why = info.kind === 'access-denied' ? `access denied (${info.code}): ${grant}`
      : info.kind === 'not-found' ? `${info.code}: no such bus (has CfCT deployed the fast-alert bus stack set to the security account?)`
        : unreadReason(info);
    throw new UserError(`events:PutEvents on ${options.eventBusArn}: ${why}`);
  }
  const entry = response.Entries?.[0];
  if ((response.FailedEntryCount ?? 0) > 0 || entry?.ErrorCode) {
    const code = entry?.ErrorCode ?? 'unknown error';
    const fix = /AccessDenied|NotAuthorized/.test(code) ? grant
      : /Throttling|InternalFailure/.test(code) ? 'a retryable error: run the drill again'
        : 'the drill event was refused as sent: report this as a root-guard bug';
    return { kind: 'rejected', detail: `PutEvents rejected the drill event: ${code}: ${entry?.ErrorMessage ?? 'no message'} (${fix})` };
  }
  return { kind: 'accepted', eventId: entry?.EventId };
}

interface WaitOptions extends FastPathOptions {
  readonly from: Date;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Polls the test rule's `Invocations` and `FailedInvocations` (namespace AWS/Events, dimensions
 * EventBusName and RuleName: "Metrics that specify both the EventBusName and RuleName dimensions refer
 * to a custom event bus", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html;
 * GetMetricStatistics needs exactly the dimensions the metric was published with,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html).
 *
 * - Both metrics are sent only when not zero (eb-monitoring.html): no data point means nothing yet.
 * - FailedInvocations counts permanent failures; EventBridge does not retry 4xx answers other than 429
 *   (a denied topic or key), so those show at once, while 5xx and 429 are retried for up to 24 hours
 *   and count only when they finally fail
 *   (https://repost.aws/knowledge-center/eventbridge-resolve-failedinvocation-errors).
 * - Invocations seen without a failure is checked once more, one poll later, so a FailedInvocations
 *   data point of the same minute that arrives late is not missed.
 */
async function waitForDelivery(cloudwatch: CloudWatchClient, options: WaitOptions): Promise<FastPathDelivery> {
  const timeoutMs = options.timeoutMs ?? FAST_PATH_DEFAULT_TIMEOUT_S * 1000;
  const pollMs = options.pollMs ?? 15_000;
  const startedAt = options.now().getTime();
  // Per-minute data points are stamped with the start of their minute: read from the drill's minute on.
  const since = new Date(Math.floor(options.from.getTime() / 60_000) * 60_000);
  const rule = `rule ${options.ruleName} on bus ${options.eventBusName}`;
  let seenBefore = false;
  for (;;) {
    if (options.signal?.aborted) {
      return { status: 'not-seen', detail: 'interrupted (Ctrl-C) before the rule\'s metrics showed the drill (it was put on the bus: check the inbox; nothing to restore on this path)', invocations: 0, failedInvocations: 0 };
    }
    let invocations: number;
    let failedInvocations: number;
    try {
      invocations = await metricSum(cloudwatch, 'Invocations', since, options);
      failedInvocations = await metricSum(cloudwatch, 'FailedInvocations', since, options);
    } catch (err) {
      if (err instanceof UserError) throw err;
      return {
        status: 'not-seen',
        detail: `cloudwatch:GetMetricStatistics: ${unreadReason(describeAwsError(err))} (the drill event was put on the bus: check the inbox; the --security-profile credentials need cloudwatch:GetMetricStatistics)`,
        invocations: 0,
        failedInvocations: 0,
      };
    }
    const waited = options.now().getTime() - startedAt;
    if (failedInvocations > 0) {
      return {
        status: 'failed',
        detail: `EventBridge could NOT deliver to ${options.topicArn}: FailedInvocations ${failedInvocations} on ${rule} (the topic policy must let events.amazonaws.com publish for rules of this bus, and an encrypted topic's KMS key policy must let events.amazonaws.com use the key: docs/fast-alerts-and-cis.md, "Security topic")`,
        invocations,
        failedInvocations,
      };
    }
    if (invocations > 0 && (seenBefore || waited >= timeoutMs)) {
      return {
        status: 'delivered',
        detail: `EventBridge delivered to ${options.topicArn}: Invocations ${invocations}, FailedInvocations 0 on ${rule} (email delivery itself is SNS's part)`,
        invocations,
        failedInvocations,
      };
    }
    seenBefore = invocations > 0;
    if (waited >= timeoutMs) {
      return {
        status: 'not-seen',
        detail: `neither Invocations nor FailedInvocations of ${rule} appeared within ${Math.round(timeoutMs / 1000)} s: EventBridge sends these metrics per minute and a data point can be late, and a delivery still being retried counts only when it ends (check the inbox, or run again with a longer --fast-timeout)`,
        invocations,
        failedInvocations,
      };
    }
    await options.sleep(pollMs);
  }
}

async function metricSum(cloudwatch: CloudWatchClient, metric: 'Invocations' | 'FailedInvocations', since: Date, options: WaitOptions): Promise<number> {
  const end = new Date(Math.ceil((options.now().getTime() + 1) / 60_000) * 60_000 + 60_000);
  const result = await paced(options.pacer, 'cloudwatch:GetMetricStatistics', () => cloudwatch.send(new GetMetricStatisticsCommand({
    Namespace: METRICS_NAMESPACE,
    MetricName: metric,
    Dimensions: [{ Name: 'EventBusName', Value: options.eventBusName }, { Name: 'RuleName', Value: options.ruleName }],
    StartTime: since,
    EndTime: end,
    Period: 60,
    Statistics: ['Sum'],
  })));
  return (result.Datapoints ?? []).reduce((sum, point) => sum + (point.Sum ?? 0), 0);
}

function expectations(drill: DrillDetail, subscriptions: TopicSubscriptions): string[] {
  const lines: string[] = [];
  const text = `"${DRILL_MESSAGE_PREFIX}", then drill ${drill.drillId}, who ran it and when`;
  if (subscriptions.kind === 'found') {
    const confirmed = subscriptions.subscriptions.filter((s) => s.confirmed);
    for (const s of confirmed) {
      lines.push(s.protocol === 'email' || s.protocol === 'email-json'
        ? `email to ${s.endpoint}: from "AWS Notifications" <no-reply@sns.amazonaws.com>, the text starts ${text}`
        : `${s.protocol} to ${s.endpoint}: the same text as the message body`);
    }
    for (const s of subscriptions.subscriptions.filter((x) => !x.confirmed)) lines.push(`nothing to ${s.endpoint}: its subscription is still pending confirmation`);
    if (confirmed.length === 0) lines.push('no confirmed subscription: nobody receives this alert (confirm a subscription first)');
  } else if (subscriptions.kind === 'absent') {
    lines.push('the topic does not exist: nobody receives this alert');
  } else {
    lines.push(`the topic's subscribers could not be listed (${subscriptions.reason}): ask the security team which addresses are subscribed`);
  }
  lines.push('this drill starts at the central bus: the forwarding rules in the member accounts and their cross-account PutEvents are not exercised');
  return lines;
}
