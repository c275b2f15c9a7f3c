import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  type MetricAlarm,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { isUserError } from '../../src/errors';
import { createPacer } from '../../src/ops/api-pacer';
import { runTestAlert, type TestAlertOptions } from '../../src/ops/test-alert';
import { serviceError } from '../support/simulated-aws';

const ALARM = 'root-guard-root-activity';
const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const CALLER = 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/jane@example.com';

const cw = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
const sts = mockClient(STSClient);
afterEach(() => {
  cw.reset();
  sns.reset();
  sts.reset();
});
afterAll(() => {
  cw.restore();
  sns.restore();
  sts.restore();
});

const alarm = (overrides: Partial<MetricAlarm> = {}): MetricAlarm => ({
  AlarmName: ALARM, ActionsEnabled: true, AlarmActions: [TOPIC], StateValue: 'OK', MetricName: 'root-guard-RootActivity', Namespace: 'LogMetrics', ...overrides,
});

/**
 * CloudWatch as seen through the alarm history: SetAlarmState to ALARM records a StateUpdate with
 * our reason; the Action item appears `actionAfterPolls` polls later (never if undefined).
 */
function setUp(options: { alarm?: MetricAlarm; action?: { summary: string; data?: object }; actionAfterPolls?: number; subscriptions?: { SubscriptionArn: string; Protocol: string; Endpoint: string }[] } = {}) {
  sts.on(GetCallerIdentityCommand).resolves({ Arn: CALLER, Account: '111111111111' });
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [options.alarm ?? alarm()] });
  sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: options.subscriptions ?? [{ SubscriptionArn: `${TOPIC}:0b5c1d2e-example`, Protocol: 'email', Endpoint: 'security@example.com' }] });
  const history: { Timestamp: Date; HistoryItemType: string; HistorySummary: string; HistoryData?: string }[] = [
    // An older test's Action item must not be taken for ours.
    { Timestamp: new Date('2026-01-01T00:00:00Z'), HistoryItemType: 'Action', HistorySummary: `Successfully executed action ${TOPIC}` },
  ];
  let polls = 0;
  cw.on(SetAlarmStateCommand).callsFake((input: { StateValue: string; StateReason: string }) => {
    if (input.StateValue === 'ALARM') {
      history.unshift({
        Timestamp: new Date('2026-05-01T10:00:01Z'), HistoryItemType: 'StateUpdate', HistorySummary: 'Alarm updated from OK to ALARM',
        HistoryData: JSON.stringify({ version: '1.0', oldState: { stateValue: 'OK' }, newState: { stateValue: 'ALARM', stateReason: input.StateReason } }),
      });
    }
    return {};
  });
  cw.on(DescribeAlarmHistoryCommand).callsFake(() => {
    polls++;
    if (options.action && options.actionAfterPolls !== undefined && polls === options.actionAfterPolls) {
      history.unshift({ Timestamp: new Date('2026-05-01T10:00:02Z'), HistoryItemType: 'Action', HistorySummary: options.action.summary, HistoryData: options.action.data ? JSON.stringify(options.action.data) : undefined });
    }
    return { AlarmHistoryItems: [...history] };
  });
}

function run(overrides: Partial<TestAlertOptions> = {}) {
  let t = Date.parse('2026-05-01T10:00:00Z');
  return runTestAlert(
    { cloudwatch: new CloudWatchClient({ region: 'us-east-1' }), sns: new SNSClient({ region: 'us-east-1' }), sts: new STSClient({ region: 'us-east-1' }) },
    {
      alarmName: ALARM, topicArn: TOPIC, region: 'us-east-1', pacer: createPacer(), timeoutMs: 30_000, pollMs: 3000,
      now: () => new Date(t), sleep: async (ms) => { t += ms; }, ...overrides,
    },
  );
}

const states = () => cw.commandCalls(SetAlarmStateCommand).map((c) => c.args[0].input.StateValue);

describe('runTestAlert', () => {
  test('sets ALARM with a reason naming the operator, waits for the SNS action, and sets OK again', async () => {
    setUp({ action: { summary: `Successfully executed action ${TOPIC}`, data: { actionState: 'Succeeded', notificationResource: TOPIC } }, actionAfterPolls: 2 });
    const result = await run();
    expect(states()).toEqual(['ALARM', 'OK']);
    expect(cw.commandCalls(SetAlarmStateCommand)[0].args[0].input.StateReason).toBe(`root-guard test-alert by ${CALLER} at 2026-05-01T10:00:00.000Z`);
    expect(result.notification).toEqual({ status: 'sent', detail: `Successfully executed action ${TOPIC}` });
    expect(result.resetToOk).toBe(true);
    expect(result.expect[0]).toBe(`email to security@example.com: from "AWS Notifications" <no-reply@sns.amazonaws.com>, subject ALARM: "${ALARM}" in US East (N. Virginia)`);
  });

  test('reports a publish CloudWatch could not make, with the policy to fix', async () => {
    setUp({
      action: { summary: `Failed to execute action ${TOPIC}`, data: { actionState: 'Failed', error: 'null (Service: AmazonSNS; Status Code: 403; Error Code: AuthorizationError)' } },
      actionAfterPolls: 1,
    });
    const result = await run();
    expect(result.notification.status).toBe('failed');
    expect(result.notification.detail).toContain('the topic policy must allow cloudwatch.amazonaws.com to publish');
    expect(states()).toEqual(['ALARM', 'OK']);
  });

  test('gives up after the timeout, says what it saw, and still sets OK', async () => {
    setUp();
    const result = await run({ timeoutMs: 9000 });
    expect(result.notification).toEqual({ status: 'not-seen', detail: `the alarm went to ALARM but no action on ${TOPIC} appeared in its history within 9 s` });
    expect(states()).toEqual(['ALARM', 'OK']);
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)).toHaveLength(4); // at 0, 3, 6 and 9 s
  });

  test('refuses to touch an alarm that is in ALARM now, unless forced (then resets it first)', async () => {
    setUp({ alarm: alarm({ StateValue: 'ALARM' }), action: { summary: `Successfully executed action ${TOPIC}` }, actionAfterPolls: 1 });
    const refused = await run().catch((e: unknown) => e);
    expect(isUserError(refused)).toBe(true);
    expect((refused as Error).message).toContain('a real alert may be open');
    expect(states()).toEqual([]);
    const forced = await run({ force: true });
    expect(states()).toEqual(['OK', 'ALARM', 'OK']);
    expect(forced.previousState).toBe('ALARM');
  });

  test('changes nothing when the alarm\'s actions are disabled or do not include the topic', async () => {
    setUp({ alarm: alarm({ ActionsEnabled: false }) });
    await expect(run()).rejects.toThrow('enable-alarm-actions --alarm-names root-guard-root-activity');
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm({ AlarmActions: ['arn:aws:sns:us-east-1:111111111111:other'] })] });
    await expect(run()).rejects.toThrow(`do not include the topic ${TOPIC}`);
    expect(states()).toEqual([]);
  });

  test('sets OK again even when the alarm history cannot be read', async () => {
    setUp();
    cw.on(DescribeAlarmHistoryCommand).rejects(serviceError('AccessDenied', 'not authorized to perform: cloudwatch:DescribeAlarmHistory', 403));
    const result = await run();
    expect(result.notification).toEqual({ status: 'not-seen', detail: expect.stringMatching(/^cloudwatch:DescribeAlarmHistory: access denied .*check the inbox anyway/) });
    expect(states()).toEqual(['ALARM', 'OK']);
  });

  test('tells which subscribers will get nothing (pending) and carries on when they cannot be listed', async () => {
    setUp({ subscriptions: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'soc@example.com' }], action: { summary: `Successfully executed action ${TOPIC}` }, actionAfterPolls: 1 });
    const result = await run();
    expect(result.expect).toContain('nothing to soc@example.com: its subscription is still pending confirmation');
    expect(result.expect).toContain('no confirmed subscription: nobody receives this alert (confirm a subscription first)');

    sns.on(ListSubscriptionsByTopicCommand).rejects(serviceError('AuthorizationError', 'not authorized', 403));
    const denied = await run();
    expect(denied.notification.status).toBe('sent');
    expect(denied.expect[0]).toMatch(/^the topic's subscribers could not be listed \(access denied/);
  });

  test('stops with a user error when SetAlarmState is denied', async () => {
    setUp();
    cw.on(SetAlarmStateCommand).rejects(serviceError('AccessDenied', 'not authorized to perform: cloudwatch:SetAlarmState', 403));
    await expect(run()).rejects.toThrow(/^cloudwatch:SetAlarmState root-guard-root-activity ALARM: access denied/);
  });
});

describe('runTestAlert interrupted (Ctrl-C)', () => {
  test('an interrupt while waiting stops the wait, still sets the alarm back to OK, and says it was interrupted', async () => {
    setUp();
    const interrupt = new AbortController();
    const progress: string[] = [];
    // The operator presses Ctrl-C while the drill polls the history (the second look).
    cw.on(DescribeAlarmHistoryCommand).callsFake(() => {
      if (cw.commandCalls(DescribeAlarmHistoryCommand).length === 2) interrupt.abort();
      return { AlarmHistoryItems: [] };
    });
    const result = await run({ signal: interrupt.signal, timeoutMs: 600_000, onProgress: (m) => progress.push(m) });
    expect(states()).toEqual(['ALARM', 'OK']);
    expect(result.interrupted).toBe(true);
    expect(result.resetToOk).toBe(true);
    expect(result.notification).toEqual({ status: 'not-seen', detail: expect.stringMatching(/^interrupted \(Ctrl-C\) before CloudWatch reported the notification/) });
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)).toHaveLength(2);
    expect(progress).toContain(`Interrupted: setting ${ALARM} back to OK…`);
  });

  test('an interrupt while the real clock waits ends the wait at once', async () => {
    setUp();
    const interrupt = new AbortController();
    cw.on(DescribeAlarmHistoryCommand).callsFake(() => {
      setImmediate(() => interrupt.abort());
      return { AlarmHistoryItems: [] };
    });
    const started = Date.now();
    // No fake clock: the drill would otherwise sleep 60 s between polls.
    const result = await run({ signal: interrupt.signal, pollMs: 60_000, timeoutMs: 600_000, now: undefined, sleep: undefined });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.interrupted).toBe(true);
    expect(states()).toEqual(['ALARM', 'OK']);
  });

  test('an interrupt before the alarm is changed changes nothing', async () => {
    setUp();
    const interrupt = new AbortController();
    interrupt.abort();
    await expect(run({ signal: interrupt.signal })).rejects.toThrow(`interrupted before ${ALARM} was changed: nothing to restore`);
    expect(states()).toEqual([]);
  });
});
