import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { runCli } from '../support/cli';
import { writeMinimalConfig } from '../support/config';

const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const cw = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
const sts = mockClient(STSClient);
afterEach(() => { cw.reset(); sns.reset(); sts.reset(); });
afterAll(() => { cw.restore(); sns.restore(); sts.restore(); });

function configFile(): string {
  return writeMinimalConfig();
}

/** CloudWatch that records our state change and reports the SNS action on the first look at the history. */
function deployed(state = 'OK') {
  sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:sts::111111111111:assumed-role/Admin/jane@example.com' });
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
}

describe('root-guard test-alert', () => {
  test('reports the notification sent, the alarm back to OK, and what to expect where; exits 0', async () => {
    deployed();
    const result = await runCli(['test-alert', '--config', configFile()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Alarm root-guard-root-activity (us-east-1) was set to ALARM by arn:aws:sts::111111111111:assumed-role/Admin/jane@example.com.');
    expect(result.stdout).toContain(`CloudWatch published to ${TOPIC}: Successfully executed action ${TOPIC}`);
    expect(result.stdout).toContain('The alarm is back to OK.');
    expect(result.stdout).toContain('  - email to security@example.com: from "AWS Notifications" <no-reply@sns.amazonaws.com>');
    expect(result.stderr).toBe(''); // stderr is not a terminal here: no progress lines in pipes or CI logs
  });

  test('shows its progress on stderr when stderr is a terminal', async () => {
    deployed();
    const wasTty = process.stderr.isTTY;
    process.stderr.isTTY = true;
    try {
      const result = await runCli(['test-alert', '--config', configFile()]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('Setting root-guard-root-activity to ALARM');
    } finally {
      process.stderr.isTTY = wasTty;
    }
  });

  test('--json prints the result and keeps stderr quiet', async () => {
    deployed();
    const result = await runCli(['test-alert', '--config', configFile(), '--json']);
    expect(JSON.parse(result.stdout)).toEqual(expect.objectContaining({ alarmName: 'root-guard-root-activity', topicArn: TOPIC, notification: expect.objectContaining({ status: 'sent' }), resetToOk: true }));
    expect(result.stderr).toBe('');
  });

  test('refuses, with one line and exit 1, when the alarm is already in ALARM', async () => {
    deployed('ALARM');
    const result = await runCli(['test-alert', '--config', configFile()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^alarm root-guard-root-activity is in ALARM now: a real alert may be open .*--force/);
    expect(cw.commandCalls(SetAlarmStateCommand)).toHaveLength(0);
  });

  test('rejects a timeout out of range as a usage error', async () => {
    const result = await runCli(['test-alert', '--timeout', '1']);
    expect(result.code).toBe(2);
  });
});
