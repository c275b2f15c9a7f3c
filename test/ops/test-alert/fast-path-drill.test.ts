import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { isUserError } from '../../../src/errors';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { type FastPathOptions, runFastPathDrill } from '../../../src/ops/test-alert/fast-path-drill';
import { serviceError } from '../../support/simulated-aws';

const BUS = 'root-guard-root-activity';
const BUS_ARN = `arn:aws:events:us-east-1:222222222222:event-bus/${BUS}`;
const RULE = 'root-guard-root-alert-test';
const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const CALLER = 'arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_SecurityAudit_0123456789abcdef/jane@example.com';

const events = mockClient(EventBridgeClient);
const cw = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
const sts = mockClient(STSClient);
afterEach(() => { events.reset(); cw.reset(); sns.reset(); sts.reset(); });
afterAll(() => { events.restore(); cw.restore(); sns.restore(); sts.restore(); });

/**
 * The security account as the drill sees it: PutEvents accepts the entry, and the test rule's metrics
 * show `invocations` / `failed` from the `fromPoll`-th look on (a poll reads both metrics).
 */
function setUp(metrics: { invocations?: number; failed?: number; fromPoll?: number } = {}) {
  sts.on(GetCallerIdentityCommand).resolves({ Arn: CALLER, Account: '222222222222' });
  sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [{ SubscriptionArn: `${TOPIC}:0b5c1d2e-example`, Protocol: 'email', Endpoint: 'security@example.com' }] });
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860' }] });
  let invocationReads = 0;
  cw.on(GetMetricStatisticsCommand).callsFake((input: { MetricName: string }) => {
    if (input.MetricName === 'Invocations') invocationReads++;
    const show = invocationReads >= (metrics.fromPoll ?? 1);
    const value = input.MetricName === 'Invocations' ? metrics.invocations : metrics.failed;
    // EventBridge sends these metrics only when they are not zero: no data point at all otherwise.
    return { Label: input.MetricName, Datapoints: show && value ? [{ Timestamp: new Date('2026-05-01T10:00:00Z'), Sum: value, Unit: 'Count' }] : [] };
  });
}

function run(overrides: Partial<FastPathOptions> = {}) {
  let t = Date.parse('2026-05-01T10:00:20Z');
  return runFastPathDrill(
    { events: new EventBridgeClient({ region: 'us-east-1' }), cloudwatch: new CloudWatchClient({ region: 'us-east-1' }), sns: new SNSClient({ region: 'us-east-1' }), sts: new STSClient({ region: 'us-east-1' }) },
    {
      eventBusName: BUS, eventBusArn: BUS_ARN, ruleName: RULE, topicArn: TOPIC, securityAccountId: '222222222222', profile: 'security', region: 'us-east-1',
      pacer: createPacer(), timeoutMs: 120_000, pollMs: 15_000, drillId: 'drill-test-1',
      now: () => new Date(t), sleep: async (ms) => { t += ms; }, ...overrides,
    },
  );
}

const metricPolls = () => cw.commandCalls(GetMetricStatisticsCommand).filter((c) => c.args[0].input.MetricName === 'Invocations').length;

describe('runFastPathDrill', () => {
  test('puts the drill event on the central bus and reports it delivered once Invocations counts it without a failure', async () => {
    setUp({ invocations: 1, fromPoll: 3 });
    const result = await run();
    const put = events.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0];
    expect(put).toEqual({ EventBusName: BUS_ARN, Source: 'root-guard.test-alert', DetailType: 'root-guard test alert', Detail: expect.any(String) });
    expect(JSON.parse(put.Detail!)).toEqual({ drillId: 'drill-test-1', caller: CALLER, time: '2026-05-01T10:00:20.000Z' });
    expect(result.delivery).toEqual({ status: 'delivered', invocations: 1, failedInvocations: 0, detail: `EventBridge delivered to ${TOPIC}: Invocations 1, FailedInvocations 0 on rule ${RULE} on bus ${BUS} (email delivery itself is SNS's part)` });
    expect(result.eventId).toBe('11710aed-b79e-4468-a20b-bb3c0c3b4860');
    // Seen on the 3rd look, confirmed on the 4th (a late FailedInvocations data point of the same minute would show there).
    expect(metricPolls()).toBe(4);
    expect(result.expect[0]).toBe('email to security@example.com: from "AWS Notifications" <no-reply@sns.amazonaws.com>, the text starts "TEST — root-guard fast-path drill, no action needed", then drill drill-test-1, who ran it and when');
    expect(result.expect).toContain('this drill starts at the central bus: the forwarding rules in the member accounts and their cross-account PutEvents are not exercised');
  });

  test('reads the rule\'s metrics with the dimensions of a rule on a custom bus, per minute, from the drill\'s minute on', async () => {
    setUp({ invocations: 1 });
    await run();
    const input = cw.commandCalls(GetMetricStatisticsCommand)[0].args[0].input;
    expect(input).toMatchObject({
      Namespace: 'AWS/Events', MetricName: 'Invocations', Period: 60, Statistics: ['Sum'],
      Dimensions: [{ Name: 'EventBusName', Value: BUS }, { Name: 'RuleName', Value: RULE }],
      StartTime: new Date('2026-05-01T10:00:00Z'),
    });
    expect(input.EndTime!.getTime()).toBeGreaterThan(Date.parse('2026-05-01T10:00:20Z'));
  });

  test('reports a delivery EventBridge could not make (FailedInvocations), with the grants to check', async () => {
    setUp({ invocations: 1, failed: 1, fromPoll: 2 });
    const result = await run();
    expect(result.delivery.status).toBe('failed');
    expect(result.delivery.failedInvocations).toBe(1);
    expect(result.delivery.detail).toMatch(/^EventBridge could NOT deliver to .*: FailedInvocations 1 on rule root-guard-root-alert-test/);
    expect(result.delivery.detail).toContain("the topic policy must let events.amazonaws.com publish for rules of this bus, and an encrypted topic's KMS key policy must let events.amazonaws.com use the key");
  });

  test('reports an entry PutEvents rejected as a failed path, with its error code and the fix, and waits for no metric', async () => {
    setUp({ invocations: 1 });
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' }] });
    const result = await run();
    expect(result.delivery).toEqual({
      status: 'failed', invocations: 0, failedInvocations: 0,
      detail: `PutEvents rejected the drill event: NotAuthorizedForSourceException: Not authorized for the source. (the --security-profile credentials need events:PutEvents on ${BUS_ARN})`,
    });
    expect(result.eventId).toBeUndefined();
    expect(metricPolls()).toBe(0);
  });

  test('gives up when no metric appears within the timeout, saying what it waited for and why it can be late', async () => {
    setUp();
    const result = await run({ timeoutMs: 60_000 });
    expect(result.delivery.status).toBe('not-seen');
    expect(result.delivery.detail).toBe(`neither Invocations nor FailedInvocations of rule ${RULE} on bus ${BUS} appeared within 60 s: EventBridge sends these metrics per minute and a data point can be late, and a delivery still being retried counts only when it ends (check the inbox, or run again with a longer --fast-timeout)`);
    expect(metricPolls()).toBe(5); // at 0, 15, 30, 45 and 60 s
  });

  test('stops before putting anything when the credentials are not the security account\'s', async () => {
    setUp({ invocations: 1 });
    sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:sts::111111111111:assumed-role/Admin/jane', Account: '111111111111' });
    const error = await run().catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe('wrong account: --security-profile security is account 111111111111 (arn:aws:sts::111111111111:assumed-role/Admin/jane); the central bus is in the security account 222222222222 (pass a profile of that account)');
    expect(events.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  test('stops with the permission to grant when PutEvents is denied, and names the stack set when the bus is missing', async () => {
    setUp();
    events.on(PutEventsCommand).rejects(serviceError('AccessDeniedException', 'not authorized to perform: events:PutEvents', 400));
    await expect(run()).rejects.toThrow(`events:PutEvents on ${BUS_ARN}: access denied (AccessDeniedException): the --security-profile credentials need events:PutEvents on ${BUS_ARN}`);
    events.on(PutEventsCommand).rejects(serviceError('ResourceNotFoundException', `Event bus ${BUS} does not exist.`, 400));
    await expect(run()).rejects.toThrow(/no such bus \(has CfCT deployed the fast-alert bus stack set to the security account\?\)/);
  });

  test('says the event was put and to check the inbox when the metrics cannot be read', async () => {
    setUp();
    cw.on(GetMetricStatisticsCommand).rejects(serviceError('AccessDenied', 'not authorized to perform: cloudwatch:GetMetricStatistics', 403));
    const result = await run();
    expect(result.delivery.status).toBe('not-seen');
    expect(result.delivery.detail).toMatch(/^cloudwatch:GetMetricStatistics: access denied .*the drill event was put on the bus: check the inbox; the --security-profile credentials need cloudwatch:GetMetricStatistics/);
  });
});
