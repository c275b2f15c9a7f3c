import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient } from '@aws-sdk/client-sns';
import { deployedMetricFilters } from '../../../src/detection/metric-filters';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../../src/detection/root-activity-pattern';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { checkDetection } from '../../../src/ops/readers/detection-checks';
import { healthyDetection, serviceError, simulateAws, type SimModel, type SimOptions, type Simulation } from '../../support/simulated-aws';

let sim: Simulation | undefined;
afterEach(() => sim?.restore());

const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const filter = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard' })[0];
const healthy = healthyDetection({
  alarm: 'root-guard-root-activity', metricFilter: filter.filterName, metricName: filter.metricName, metricNamespace: filter.metricNamespace,
  pattern: ROOT_ACTIVITY_FILTER_PATTERN, topicArn: TOPIC,
});
const model = (overrides: Partial<SimModel> = {}): SimModel => ({
  rootId: 'r-abcd', ous: [], accounts: [], policies: [], stackSets: {}, compliance: {}, aggregatorName: 'a', region: 'us-east-1', ...healthy, ...overrides,
});
async function check(m: SimModel, options: SimOptions = {}) {
  sim = simulateAws(m, options);
  const region = { region: 'us-east-1' };
  const checks = await checkDetection(
    { cloudwatch: new CloudWatchClient(region), logs: new CloudWatchLogsClient(region), sns: new SNSClient(region) },
    { metricFilter: filter, alarmName: 'root-guard-root-activity', topicArn: TOPIC },
    createPacer(),
  );
  return Object.fromEntries(checks.map((c) => [c.id, c]));
}

describe('checkDetection', () => {
  test('passes the whole alert path as the package deploys it', async () => {
    const checks = await check(model());
    expect(Object.values(checks).map((c) => [c.id, c.status])).toEqual([
      ['metric-filter', 'ok'], ['alarm', 'ok'], ['alarm-action', 'ok'], ['alarm-actions-enabled', 'ok'], ['topic-subscribers', 'ok'],
      ['topic-subscriptions-authenticated', 'ok'],
    ]);
    expect(checks['topic-subscribers'].detail).toBe('email:security@example.com');
  });

  test('finds an alarm that notifies another topic, or watches another metric', async () => {
    const checks = await check(model({ alarms: [{ ...healthy.alarms[0], AlarmActions: ['arn:aws:sns:us-east-1:111111111111:other'], MetricName: 'Other' }] }));
    expect(checks['alarm-action']).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining(`${TOPIC} is not among them`) }));
    expect(checks.alarm).toEqual(expect.objectContaining({ status: 'failing', detail: 'watches LogMetrics/Other, not the filter\'s LogMetrics/root-guard-RootActivity' }));
  });

  test('reports a missing alarm, filter and log group as missing', async () => {
    const checks = await check(model({ alarms: [], metricFilters: undefined }));
    expect(checks.alarm.status).toBe('missing');
    expect(checks['metric-filter']).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringContaining('run in the management account and the Control Tower home region') }));
  });

  test('leaves the alarm checks unknown, naming the call, when DescribeAlarms is denied', async () => {
    const checks = await check(model(), { failures: { 'cloudwatch:DescribeAlarms': serviceError('AccessDenied', 'not authorized', 403) } });
    for (const id of ['alarm', 'alarm-action', 'alarm-actions-enabled']) {
      expect(checks[id]).toEqual(expect.objectContaining({ status: 'unknown', api: 'cloudwatch:DescribeAlarms' }));
    }
    expect(checks['metric-filter'].status).toBe('ok');
  });
  describe('email subscriptions confirmed with authentication', () => {
    const sub = (n: string, authenticated: 'true' | 'false', protocol = 'email') =>
      ({ SubscriptionArn: `${TOPIC}:${n}-example`, Protocol: protocol, Endpoint: `${n}@example.com`, ConfirmationWasAuthenticated: authenticated });

    test('fails naming each subscription confirmed by a link, with the fix', async () => {
      const checks = await check(model({ topics: { [TOPIC]: [sub('alice', 'true'), sub('bob', 'false')] } }));
      expect(checks['topic-subscriptions-authenticated']).toEqual(expect.objectContaining({
        status: 'failing', detail: expect.stringMatching(/bob@example\.com.*AuthenticateOnUnsubscribe=true/),
      }));
      expect(checks['topic-subscriptions-authenticated'].detail).not.toContain('alice@example.com');
      expect(checks['topic-subscribers'].status).toBe('ok');
    });

    test('is unknown, naming the call and --topic-profile, when the management account cannot read the attributes', async () => {
      const checks = await check(model(), { failures: { 'sns:GetSubscriptionAttributes': serviceError('AuthorizationError', 'not authorized to perform: SNS:GetSubscriptionAttributes', 403) } });
      expect(checks['topic-subscriptions-authenticated']).toEqual(expect.objectContaining({
        status: 'unknown', api: 'sns:GetSubscriptionAttributes', detail: expect.stringContaining('--topic-profile'),
      }));
    });

    test('reads the attributes with the topic account\'s client when one is given', async () => {
      sim = simulateAws(model({ topics: { [TOPIC]: [sub('bob', 'false')] } }));
      const region = { region: 'us-east-1' };
      const topicSns = new SNSClient(region);
      const sent = jest.spyOn(topicSns, 'send');
      const checks = await checkDetection(
        { cloudwatch: new CloudWatchClient(region), logs: new CloudWatchLogsClient(region), sns: new SNSClient(region), topicSns },
        { metricFilter: filter, alarmName: 'root-guard-root-activity', topicArn: TOPIC },
        createPacer(),
      );
      expect(sent.mock.calls.map(([command]) => command.constructor.name)).toEqual(['GetSubscriptionAttributesCommand']);
      expect(checks.find((c) => c.id === 'topic-subscriptions-authenticated')?.status).toBe('failing');
    });

    test('passes when no email subscription is confirmed (other protocols have no link in a mailbox)', async () => {
      const checks = await check(model({ topics: { [TOPIC]: [sub('q', 'false', 'sqs')] } }));
      expect(checks['topic-subscriptions-authenticated']).toEqual(expect.objectContaining({ status: 'ok', detail: 'no confirmed email subscription' }));
    });
  });
});
