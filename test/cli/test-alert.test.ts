import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricStatisticsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { runTestAlertCommand, type TestAlertCommandOptions } from '../../src/cli/test-alert';
import { runCli, runWithinPolicy } from '../support/cli';
import { writeMinimalConfig } from '../support/config';
import { validJsonOutput } from '../support/json-schema';

// Whole commands at AWS's published rates, on a virtual clock: no test waits out a rate (test/support/virtual-clock.ts).
jest.mock('../../src/ops/aws/api-pacer', () => require('../support/virtual-clock').pacerOnVirtualClock(jest.requireActual('../../src/ops/aws/api-pacer')));

const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const BUS_ARN = 'arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity';
const cw = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
const sts = mockClient(STSClient);
const events = mockClient(EventBridgeClient);
afterEach(() => { cw.reset(); sns.reset(); sts.reset(); events.reset(); });
afterAll(() => { cw.restore(); sns.restore(); sts.restore(); events.restore(); });

const FAST_ALERTS = { fastAlerts: '{ regions: [us-east-1], organizationId: o-exampleorgid }' };

/**
 * Both accounts as the drills see them. Management account (default credentials): CloudWatch records
 * our state change and reports the SNS action on the first look at the history. Security account
 * (`--security-profile security`): PutEvents accepts the drill and the test rule's Invocations counts it.
 */
function deployed(state = 'OK', fast: { invocations?: number; failed?: number } = { invocations: 1 }) {
  sts.on(GetCallerIdentityCommand).callsFake((_input: unknown, getClient: () => STSClient) => (getClient().config as { profile?: string }).profile === 'security'
    ? { Account: '222222222222', Arn: 'arn:aws:sts::222222222222:assumed-role/SecurityAdmin/jane@example.com' }
    : { Account: '111111111111', Arn: 'arn:aws:sts::111111111111:assumed-role/Admin/jane@example.com' });
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'root-guard-root-activity', ActionsEnabled: true, AlarmActions: [TOPIC], StateValue: state as 'OK' }] });
  sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [{ SubscriptionArn: `${TOPIC}:0b5c1d2e-example`, Protocol: 'email', Endpoint: 'security@example.com' }] });
  let reason = '';
  cw.on(SetAlarmStateCommand).callsFake((input: { StateValue: string; StateReason: string }) => {
    if (input.StateValue === 'ALARM') reason = input.StateReason;
    return {};
  });
  cw.on(DescribeAlarmHistoryCommand).callsFake(() => ({
    AlarmHistoryItems: [
      { Timestamp: new Date(2), HistoryItemType: 'Action', HistorySummary: `Successfully executed action ${TOPIC}` },
      { Timestamp: new Date(1), HistoryItemType: 'StateUpdate', HistoryData: JSON.stringify({ newState: { stateValue: 'ALARM', stateReason: reason } }) },
    ],
  }));
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860' }] });
  cw.on(GetMetricStatisticsCommand).callsFake((input: { MetricName: string }) => {
    const value = input.MetricName === 'Invocations' ? fast.invocations : fast.failed;
    return { Datapoints: value ? [{ Timestamp: new Date('2026-05-01T10:00:00Z'), Sum: value }] : [] };
  });
}

/** Runs the command with a fake clock, so the fast path's polls cost no real time. */
async function runWithClock(config: string, extra: Partial<TestAlertCommandOptions> = {}): Promise<{ code: number; stdout: string }> {
  let t = Date.parse('2026-05-01T10:00:20Z');
  let stdout = '';
  const args = ['test-alert', ...(extra.securityProfile ? ['--security-profile', extra.securityProfile] : [])];
  const code = await runWithinPolicy(args, () => runTestAlertCommand(
    { config, timeout: 30, fastTimeout: 300, ...extra },
    (text) => { stdout += text; },
    { now: () => new Date(t), sleep: async (ms) => { t += ms; } },
  ));
  return { code, stdout };
}

describe('root-guard test-alert', () => {
  test('without fastAlerts drives the alarm path only: the notification sent, the alarm back to OK, what to expect; exits 0', async () => {
    deployed();
    const result = await runCli(['test-alert', '--config', writeMinimalConfig()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PATH +STATUS +DETAIL\n[- ]+\nalarm +delivered +CloudWatch published to arn:aws:sns:us-east-1:222222222222:root-guard-root-activity *\n\n/);
    expect(result.stdout).not.toMatch(/^fast /m);
    expect(result.stdout).toContain('Alarm root-guard-root-activity was set to ALARM by arn:aws:sts::111111111111:assumed-role/Admin/jane@example.com.');
    expect(result.stdout).toContain('The alarm is back to OK.');
    expect(result.stdout).toContain('    - email to security@example.com: from "AWS Notifications" <no-reply@sns.amazonaws.com>');
    expect(result.stdout).toContain('Result: every path run was delivered, or found healthy (exit 0).');
    expect(result.stderr).toBe(''); // stderr is not a terminal here: no progress lines in pipes or CI logs
    expect(events.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  test('with fastAlerts but no --security-profile: the fast path is "not tested" with the exact command to run it, and exit 3', async () => {
    deployed();
    const config = writeMinimalConfig(FAST_ALERTS);
    const result = await runCli(['test-alert', '--config', config]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^alarm +delivered +CloudWatch published to /m);
    expect(result.stdout).toMatch(new RegExp(`^fast +not tested +needs credentials of the security account 222222222222: run \`root-guard test-alert --path fast --config ${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --security-profile <profile of account 222222222222>\`$`, 'm'));
    expect(result.stdout).toContain('Result: delivered, but the fast path was not tested (exit 3)');
    expect(events.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  test('with --security-profile drives both paths, each reported on its own row and section; exits 0', async () => {
    deployed();
    const { code, stdout } = await runWithClock(writeMinimalConfig(FAST_ALERTS), { securityProfile: 'security' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^alarm +delivered +CloudWatch published to /m);
    expect(stdout).toMatch(/^fast +delivered +EventBridge delivered to arn:aws:sns:us-east-1:222222222222:root-guard-root-activity: Invocations 1, FailedInvocations 0 on rule root-guard-root-alert-test/m);
    expect(stdout).toContain('Fast path (security account, us-east-1)');
    expect(stdout).toMatch(new RegExp(`Drill drill-\\S+ was put on ${BUS_ARN} by arn:aws:sts::222222222222:assumed-role/SecurityAdmin/jane@example.com \\(event id 11710aed-b79e-4468-a20b-bb3c0c3b4860\\)\\.`));
    expect(stdout).toContain('sums per minute, sent once a minute and sometimes late');
    // The drill went to the bus with the security account's credentials, the alarm was driven with the management account's.
    expect(events.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0].EventBusName).toBe(BUS_ARN);
    expect(cw.commandCalls(SetAlarmStateCommand).map((c) => c.args[0].input.StateValue)).toEqual(['ALARM', 'OK']);
  });

  test('shows its progress on stderr, each line naming its path, when stderr is a terminal', async () => {
    deployed();
    const wasTty = process.stderr.isTTY;
    process.stderr.isTTY = true;
    try {
      const result = await runCli(['test-alert', '--config', writeMinimalConfig()]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('[alarm] Setting root-guard-root-activity to ALARM');
    } finally {
      process.stderr.isTTY = wasTty;
    }
  });

  test('--json prints one entry per path with its status, detail and the drill\'s result, and the exit code', async () => {
    deployed('OK', { invocations: 1, failed: 1 });
    const { code, stdout } = await runWithClock(writeMinimalConfig(FAST_ALERTS), { securityProfile: 'security', json: true });
    expect(code).toBe(1);
    const envelope = validJsonOutput('test-alert', stdout);
    expect(envelope.exitCode).toBe(1);
    const report = envelope.result;
    expect(Object.keys(report)).toEqual(['paths', 'exitCode']);
    expect(report.exitCode).toBe(1);
    expect(report.paths.map((p: { path: string; status: string }) => [p.path, p.status])).toEqual([['alarm', 'delivered'], ['fast', 'failed']]);
    expect(report.paths[0].alarm).toEqual(expect.objectContaining({ alarmName: 'root-guard-root-activity', topicArn: TOPIC, resetToOk: true }));
    expect(report.paths[1].fast).toEqual(expect.objectContaining({
      eventBusArn: BUS_ARN, ruleName: 'root-guard-root-alert-test', drill: expect.objectContaining({ caller: 'arn:aws:sts::222222222222:assumed-role/SecurityAdmin/jane@example.com' }),
      delivery: expect.objectContaining({ status: 'failed', failedInvocations: 1 }),
    }));
    expect(report.paths[1].detail).toMatch(/^EventBridge could NOT deliver/);
  });

  test('--path alarm leaves the fast path out (exit 0); --path fast drives only the fast path', async () => {
    deployed();
    const config = writeMinimalConfig(FAST_ALERTS);
    const alarm = await runCli(['test-alert', '--config', config, '--path', 'alarm']);
    expect(alarm.code).toBe(0);
    expect(alarm.stdout).not.toMatch(/^fast /m);

    cw.resetHistory();
    const fast = await runWithClock(config, { path: 'fast', securityProfile: 'security' });
    expect(fast.code).toBe(0);
    expect(fast.stdout).toMatch(/^PATH +STATUS +DETAIL\n[- ]+\nfast +delivered /);
    expect(fast.stdout).not.toMatch(/^alarm /m);
    expect(cw.commandCalls(SetAlarmStateCommand)).toHaveLength(0);
  });

  test('reports a path whose drill cannot run on its row, exit 1, and still runs the other path', async () => {
    deployed('ALARM');
    const { code, stdout } = await runWithClock(writeMinimalConfig(FAST_ALERTS), { securityProfile: 'security' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^alarm +ERROR +alarm root-guard-root-activity is in ALARM now: a real alert may be open .*--force/m);
    expect(stdout).toMatch(/^fast +delivered /m);
    expect(cw.commandCalls(SetAlarmStateCommand)).toHaveLength(0);
  });

  test('rejects as usage errors: --path fast without fastAlerts or without --security-profile, and timeouts out of range', async () => {
    const plain = await runCli(['test-alert', '--config', writeMinimalConfig(), '--path', 'fast', '--security-profile', 'security']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/has no fastAlerts, so there is no fast path to test/);
    const noProfile = await runCli(['test-alert', '--config', writeMinimalConfig(FAST_ALERTS), '--path', 'fast']);
    expect(noProfile.code).toBe(2);
    expect(noProfile.stderr).toContain('--path fast needs --security-profile <profile of the security account 222222222222>');
    expect((await runCli(['test-alert', '--timeout', '1'])).code).toBe(2);
    expect((await runCli(['test-alert', '--fast-timeout', '30'])).code).toBe(2);
    expect((await runCli(['test-alert', '--path', 'sideways'])).code).toBe(2);
  });

  test('--path sentinel needs --security-profile (usage error, exit 2), then runs one verification and prints its findings; unhealthy exits 1', async () => {
    const config = writeMinimalConfig();
    const usage = await runCli(['test-alert', '--config', config, '--path', 'sentinel']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--path sentinel needs --security-profile <profile of the security account 222222222222>');
    const sfn = mockClient(SFNClient);
    try {
      sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:aws:states:us-east-1:222222222222:execution:root-guard-sentinel:t', startDate: new Date() });
      sfn.on(DescribeExecutionCommand).resolves({
        status: 'FAILED', error: 'RootGuard.DetectionUnhealthy',
        cause: JSON.stringify({ healthy: false, findings: [{ check: 'trail-delivery', subject: 'aws-controltower-BaselineCloudTrail', status: 'failing', detail: 'CloudTrail reports a CloudWatch Logs delivery error: AccessDeniedException' }] }),
      });
      const { code, stdout } = await runWithClock(config, { path: 'sentinel', securityProfile: 'security' });
      expect(code).toBe(1);
      expect(stdout).toMatch(/^sentinel +UNHEALTHY +1 finding\(s\), published to the security topic/m);
      expect(stdout).toContain('  - [trail-delivery] aws-controltower-BaselineCloudTrail: CloudTrail reports a CloudWatch Logs delivery error: AccessDeniedException');
      expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input.stateMachineArn).toBe('arn:aws:states:us-east-1:222222222222:stateMachine:root-guard-sentinel');
      expect(cw.commandCalls(SetAlarmStateCommand)).toHaveLength(0);
    } finally {
      sfn.restore();
    }
  });
});

describe('root-guard test-alert interrupted (SIGINT)', () => {
  test('Ctrl-C while it waits: the alarm is set back to OK, the output says so, exit 130', async () => {
    deployed();
    // No action ever appears; the operator presses Ctrl-C on the second look at the history.
    cw.on(DescribeAlarmHistoryCommand).callsFake(() => {
      if (cw.commandCalls(DescribeAlarmHistoryCommand).length === 2) process.emit('SIGINT');
      return { AlarmHistoryItems: [] };
    });
    const before = process.listenerCount('SIGINT');
    const result = await runCli(['test-alert', '--config', writeMinimalConfig(), '--timeout', '900']);
    expect(result.code).toBe(130);
    expect(cw.commandCalls(SetAlarmStateCommand).map((c) => c.args[0].input.StateValue)).toEqual(['ALARM', 'OK']);
    expect(result.stderr).toBe('Interrupted: setting root-guard-root-activity back to OK before exiting (Ctrl-C again to quit at once)…\n');
    expect(result.stdout).toMatch(/^alarm +NOT SEEN +interrupted \(Ctrl-C\) before CloudWatch reported the notification/m);
    expect(result.stdout).toContain('The alarm is back to OK (set back after the interrupt).');
    expect(result.stdout).toContain('Result: interrupted (exit 130): root-guard-root-activity was set back to OK.');
    // The handler is the command's own, and gone once it ends: Ctrl-C at a prompt afterwards behaves as usual.
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  test('--json says interrupted too', async () => {
    deployed();
    cw.on(DescribeAlarmHistoryCommand).callsFake(() => {
      process.emit('SIGINT');
      return { AlarmHistoryItems: [] };
    });
    const result = await runCli(['test-alert', '--config', writeMinimalConfig(), '--json']);
    expect(result.code).toBe(130);
    const envelope = validJsonOutput('test-alert', result.stdout);
    expect(envelope).toMatchObject({ exitCode: 130, result: { interrupted: true, exitCode: 130, paths: [{ alarm: { resetToOk: true, interrupted: true } }] } });
  });
});
