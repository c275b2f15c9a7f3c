import { setTimeout as delay } from 'node:timers/promises';
import {
  type AlarmHistoryItem,
  type CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import type { SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { regionName } from '../aws/region-names';
import { UserError } from '../errors';
import { paced, type Pacer } from './api-pacer';
import { describeAwsError, unreadReason } from './describe-aws-error';
import { readTopicSubscriptions, type TopicSubscriptions } from './topic-subscriptions';

/**
 * `test-alert`: drives the root-activity alarm into ALARM with SetAlarmState, watches the alarm
 * history until CloudWatch reports the SNS action (sent or failed), and sets the alarm back to OK,
 * so the security team sees a real notification arrive through the real path.
 *
 * SetAlarmState changes the state only until the next evaluation (the metric decides again then);
 * the ALARM transition is what fires the alarm's actions
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html).
 */

/** Clients of the management account in the home region. */
export interface TestAlertClients {
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly sts: STSClient;
}

/** Options of {@link runTestAlert}. */
export interface TestAlertOptions {
  readonly alarmName: string;
  readonly topicArn: string;
  readonly region: string;
  readonly pacer: Pacer;
  /** Go ahead even if the alarm is in ALARM now (it is set to OK first). */
  readonly force?: boolean;
  /** How long to wait for the action in the alarm history. @default 90000 */
  readonly timeoutMs?: number;
  /** Between two DescribeAlarmHistory calls (3 requests/s allowed). @default 3000 */
  readonly pollMs?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** A line of progress for the operator. */
  readonly onProgress?: (message: string) => void;
  /**
   * Aborted when the operator interrupts (Ctrl-C): before the alarm is changed the drill stops at
   * once; after, it stops waiting and still sets the alarm back to OK, then reports `interrupted`.
   */
  readonly signal?: AbortSignal;
}

/** What CloudWatch reported about the SNS notification. */
export interface NotificationOutcome {
  /** `sent`: "Successfully executed action"; `failed`: CloudWatch could not publish; `not-seen`: nothing within the timeout. */
  readonly status: 'sent' | 'failed' | 'not-seen';
  readonly detail: string;
}

/** The result, as `--json` prints it. */
export interface TestAlertResult {
  readonly alarmName: string;
  readonly region: string;
  readonly topicArn: string;
  /** Who ran the test (in the state reason, so the security team knows it is a drill). */
  readonly caller: string;
  readonly reason: string;
  readonly previousState: string;
  readonly notification: NotificationOutcome;
  /** Whether the alarm was set back to OK. */
  readonly resetToOk: boolean;
  /** The operator interrupted the drill after the alarm was set to ALARM (it was still set back). */
  readonly interrupted?: boolean;
  readonly resetError?: string;
  readonly subscriptions: TopicSubscriptions;
  /** What to expect where, one line each. */
  readonly expect: readonly string[];
}

/**
 * Runs the drill. Throws UserError before changing anything if the alarm is missing, its actions
 * are disabled or do not include the topic, or it is in ALARM already (unless `force`).
 */
export async function runTestAlert(clients: TestAlertClients, options: TestAlertOptions): Promise<TestAlertResult> {
  const { pacer, alarmName, topicArn } = options;
  const now = options.now ?? (() => new Date());
  // The real clock's wait ends at once on an interrupt (no timer keeps the process alive after it).
  const sleep = options.sleep ?? ((ms: number) => delay(ms, undefined, { signal: options.signal }).catch(() => undefined));
  const say = options.onProgress ?? (() => undefined);

  const caller = await callerArn(clients.sts, pacer);
  const alarm = await describe(clients.cloudwatch, alarmName, options.region, pacer);
  if (alarm.ActionsEnabled === false) {
    throw new UserError(`alarm ${alarmName}: actions are disabled, so no notification would be sent (enable them: aws cloudwatch enable-alarm-actions --alarm-names ${alarmName})`);
  }
  if (!(alarm.AlarmActions ?? []).includes(topicArn)) {
    throw new UserError(`alarm ${alarmName}: its actions (${(alarm.AlarmActions ?? []).join(', ') || 'none'}) do not include the topic ${topicArn} (redeploy the package, or check securityTopic in the config)`);
  }
  const previousState = alarm.StateValue ?? 'UNKNOWN';
  if (previousState === 'ALARM' && !options.force) {
    throw new UserError(`alarm ${alarmName} is in ALARM now: a real alert may be open (run \`root-guard investigate --since 1h\` first, or pass --force to reset it to OK and run the test)`);
  }

  const subscriptions = await readTopicSubscriptions(clients.sns, topicArn, pacer);
  if (options.signal?.aborted) throw new UserError(`interrupted before ${alarmName} was changed: nothing to restore`);
  const reason = `root-guard test-alert by ${caller} at ${now().toISOString()}`;

  let notification: NotificationOutcome = { status: 'not-seen', detail: 'not started' };
  let resetToOk = false;
  let resetError: string | undefined;
  try {
    if (previousState === 'ALARM') await setState(clients.cloudwatch, alarmName, 'OK', `${reason}: reset before the test`, pacer);
    say(`Setting ${alarmName} to ALARM…`);
    await setState(clients.cloudwatch, alarmName, 'ALARM', reason, pacer);
    notification = await waitForAction(clients.cloudwatch, { ...options, reason, now, sleep, say });
  } finally {
    // Always, also after an interrupt or a failed call: an alarm left in ALARM sends nothing for a
    // real root event until the metric's next evaluation sets it back (SetAlarmState above).
    if (options.signal?.aborted) say(`Interrupted: setting ${alarmName} back to OK…`);
    try {
      await setState(clients.cloudwatch, alarmName, 'OK', `${reason}: back to OK after the test`, pacer);
      resetToOk = true;
    } catch (err) {
      resetError = `cloudwatch:SetAlarmState OK: ${unreadReason(describeAwsError(err))} (the next evaluation of the metric resets it)`;
    }
  }

  return {
    alarmName,
    region: options.region,
    topicArn,
    caller,
    reason,
    previousState,
    notification,
    resetToOk,
    ...(resetError ? { resetError } : {}),
    ...(options.signal?.aborted ? { interrupted: true } : {}),
    subscriptions,
    expect: expectations(alarmName, options.region, reason, subscriptions, (alarm.OKActions ?? []).includes(topicArn)),
  };
}

async function callerArn(sts: STSClient, pacer: Pacer): Promise<string> {
  try {
    const identity = await paced(pacer, 'sts:GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({})));
    return identity.Arn ?? 'unknown caller';
  } catch (err) {
    if (err instanceof UserError) throw err; // a timeout, already one line naming the call
    throw new UserError(`sts:GetCallerIdentity: ${unreadReason(describeAwsError(err))}`);
  }
}

async function describe(cloudwatch: CloudWatchClient, alarmName: string, region: string, pacer: Pacer) {
  let alarms;
  try {
    alarms = await paced(pacer, 'cloudwatch:DescribeAlarms', () =>
      cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName], AlarmTypes: ['MetricAlarm'] })));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cloudwatch:DescribeAlarms ${alarmName} in ${region}: ${unreadReason(describeAwsError(err))}`);
  }
  const alarm = alarms.MetricAlarms?.find((a) => a.AlarmName === alarmName);
  if (!alarm) {
    throw new UserError(`no alarm named ${alarmName} in ${region} (run with the management account's credentials; has CfCT deployed the alarm stack set?)`);
  }
  return alarm;
}

async function setState(cloudwatch: CloudWatchClient, alarmName: string, state: 'OK' | 'ALARM', reason: string, pacer: Pacer): Promise<void> {
  try {
    await paced(pacer, 'cloudwatch:SetAlarmState', () =>
      cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: state, StateReason: reason.slice(0, 1023) })));
  } catch (err) {
    if (state === 'OK' || err instanceof UserError) throw err;
    throw new UserError(`cloudwatch:SetAlarmState ${alarmName} ALARM: ${unreadReason(describeAwsError(err))} (the caller needs cloudwatch:SetAlarmState on the alarm)`);
  }
}

interface WaitOptions extends TestAlertOptions {
  readonly reason: string;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly say: (message: string) => void;
}

/**
 * Polls the alarm history for our state change (found by its unique reason, so clock skew and
 * earlier tests do not matter) and then for the Action item on the topic at or after it.
 */
async function waitForAction(cloudwatch: CloudWatchClient, options: WaitOptions): Promise<NotificationOutcome> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const pollMs = options.pollMs ?? 3_000;
  const started = options.now().getTime();
  let sawStateChange = false;
  for (;;) {
    if (options.signal?.aborted) return { status: 'not-seen', detail: 'interrupted (Ctrl-C) before CloudWatch reported the notification (check the inbox anyway)' };
    let items: AlarmHistoryItem[] = [];
    try {
      const page = await paced(options.pacer, 'cloudwatch:DescribeAlarmHistory', () =>
        cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: options.alarmName, ScanBy: 'TimestampDescending', MaxRecords: 50 })));
      items = page.AlarmHistoryItems ?? [];
    } catch (err) {
      return { status: 'not-seen', detail: `cloudwatch:DescribeAlarmHistory: ${unreadReason(describeAwsError(err))} (check the inbox anyway)` };
    }
    const ours = items.find((i) => i.HistoryItemType === 'StateUpdate' && parseJson(i.HistoryData)?.newState?.stateReason === options.reason);
    if (ours) {
      if (!sawStateChange) options.say('State changed to ALARM; waiting for CloudWatch to publish to the topic…');
      sawStateChange = true;
      const action = items.find((i) => i.HistoryItemType === 'Action'
        && (i.Timestamp?.getTime() ?? 0) >= (ours.Timestamp?.getTime() ?? 0)
        && (i.HistorySummary ?? '').includes(options.topicArn));
      if (action) return outcomeOf(action);
    }
    const waited = options.now().getTime() - started;
    if (waited >= timeoutMs) {
      return {
        status: 'not-seen',
        detail: sawStateChange
          ? `the alarm went to ALARM but no action on ${options.topicArn} appeared in its history within ${Math.round(timeoutMs / 1000)} s`
          : `the state change did not appear in the alarm history within ${Math.round(timeoutMs / 1000)} s`,
      };
    }
    await abortableSleep(options.sleep, pollMs, options.signal);
  }
}

/** `sleep(ms)`, ended early when `signal` aborts. */
function abortableSleep(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    sleep(ms).then(done, (err: unknown) => {
      signal.removeEventListener('abort', done);
      reject(err);
    });
  });
}

function outcomeOf(action: AlarmHistoryItem): NotificationOutcome {
  const summary = action.HistorySummary ?? '';
  const data = parseJson(action.HistoryData);
  if (/^Successfully executed action/.test(summary) || data?.actionState === 'Succeeded') return { status: 'sent', detail: summary };
  const error = typeof data?.error === 'string' ? `: ${data.error}` : '';
  const hint = /AuthorizationError|not authorized|KMS/i.test(summary + error)
    ? ' (the topic policy must allow cloudwatch.amazonaws.com to publish, and an encrypted topic\'s key policy must allow it too)'
    : '';
  return { status: 'failed', detail: `${summary}${error}${hint}` };
}

function parseJson(text: string | undefined): any {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function expectations(alarmName: string, region: string, reason: string, subscriptions: TopicSubscriptions, okNotifies: boolean): string[] {
  const lines: string[] = [];
  if (subscriptions.kind === 'found') {
    const confirmed = subscriptions.subscriptions.filter((s) => s.confirmed);
    const pending = subscriptions.subscriptions.filter((s) => !s.confirmed);
    for (const s of confirmed) {
      lines.push(s.protocol === 'email' || s.protocol === 'email-json'
        ? `email to ${s.endpoint}: from "AWS Notifications" <no-reply@sns.amazonaws.com>, subject ALARM: "${alarmName}" in ${regionName(region)}`
        : `${s.protocol} to ${s.endpoint}: the CloudWatch alarm JSON (AlarmName "${alarmName}", NewStateValue "ALARM")`);
    }
    for (const s of pending) lines.push(`nothing to ${s.endpoint}: its subscription is still pending confirmation`);
    if (confirmed.length === 0) lines.push('no confirmed subscription: nobody receives this alert (confirm a subscription first)');
  } else if (subscriptions.kind === 'absent') {
    lines.push(`the topic does not exist: nobody receives this alert`);
  } else {
    lines.push(`the topic's subscribers could not be listed (${subscriptions.reason}): ask the security team which addresses are subscribed`);
  }
  lines.push(`the message says the alarm entered ALARM because "${reason}", and links to the alarm in the CloudWatch console`);
  lines.push(okNotifies ? 'a second message follows when the alarm returns to OK' : 'no message for the return to OK (the alarm has no OK action)');
  lines.push('delivery usually takes under a minute; check spam folders for the first one');
  return lines;
}
