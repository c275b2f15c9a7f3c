import { SNSClient } from '@aws-sdk/client-sns';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { readConfirmationAuthentication, readTopicSubscriptions } from '../../../src/ops/readers/topic-subscriptions';
import { serviceError, simulateAws, type SimModel, type Simulation } from '../../support/simulated-aws';

let sim: Simulation | undefined;
afterEach(() => sim?.restore());

const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const model = (topics: SimModel['topics']): SimModel => ({
  rootId: 'r-abcd', ous: [], accounts: [], policies: [], stackSets: {}, compliance: {}, aggregatorName: 'a', region: 'us-east-1', alarms: [], topics,
});
const read = () => readTopicSubscriptions(new SNSClient({ region: 'us-east-1' }), TOPIC, createPacer());

describe('readTopicSubscriptions', () => {
  test('tells confirmed subscriptions (an ARN) from pending ones, across pages', async () => {
    sim = simulateAws(model({
      [TOPIC]: [
        { SubscriptionArn: `${TOPIC}:0b5c1d2e-example`, Protocol: 'email', Endpoint: 'security@example.com' },
        { SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'soc@example.com' },
      ],
    }), { pageSize: { sns: 1 } });
    expect(await read()).toEqual({
      kind: 'found',
      topicArn: TOPIC,
      subscriptions: [
        { protocol: 'email', endpoint: 'security@example.com', confirmed: true, subscriptionArn: `${TOPIC}:0b5c1d2e-example` },
        { protocol: 'email', endpoint: 'soc@example.com', confirmed: false },
      ],
    });
    expect(sim.calls['sns:ListSubscriptionsByTopic']).toBe(2);
  });

  test('says the topic is absent when SNS does not find it', async () => {
    sim = simulateAws(model({}));
    expect(await read()).toEqual({ kind: 'absent', topicArn: TOPIC });
  });

  test('reports the security account denying access (no grant in the topic policy) as unread', async () => {
    sim = simulateAws(model({ [TOPIC]: [] }), { failures: { 'sns:ListSubscriptionsByTopic': serviceError('AuthorizationError', 'User is not authorized to perform: SNS:ListSubscriptionsByTopic', 403) } });
    expect(await read()).toEqual({ kind: 'unread', topicArn: TOPIC, reason: expect.stringMatching(/^access denied \(AuthorizationError/) });
  });
});

describe('readConfirmationAuthentication', () => {
  const subs = [
    { protocol: 'email', endpoint: 'security@example.com', confirmed: true, subscriptionArn: `${TOPIC}:1111-example` },
    { protocol: 'email-json', endpoint: 'soc@example.com', confirmed: true, subscriptionArn: `${TOPIC}:2222-example` },
    { protocol: 'email', endpoint: 'new@example.com', confirmed: false },
    { protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:222222222222:q', confirmed: true, subscriptionArn: `${TOPIC}:3333-example` },
  ];
  const topics = {
    [TOPIC]: [
      { SubscriptionArn: `${TOPIC}:1111-example`, Protocol: 'email', Endpoint: 'security@example.com', ConfirmationWasAuthenticated: 'true' as const },
      { SubscriptionArn: `${TOPIC}:2222-example`, Protocol: 'email-json', Endpoint: 'soc@example.com', ConfirmationWasAuthenticated: 'false' as const },
    ],
  };
  const readAuth = () => readConfirmationAuthentication(new SNSClient({ region: 'us-east-1' }), subs, createPacer());

  test('reads ConfirmationWasAuthenticated of confirmed email subscriptions only', async () => {
    sim = simulateAws(model(topics));
    expect(await readAuth()).toEqual([
      { kind: 'authenticated', endpoint: 'security@example.com', subscriptionArn: `${TOPIC}:1111-example` },
      { kind: 'unauthenticated', endpoint: 'soc@example.com', subscriptionArn: `${TOPIC}:2222-example` },
    ]);
    expect(sim.calls['sns:GetSubscriptionAttributes']).toBe(2);
  });

  test('a cross-account caller is denied once; the rest are not tried and say how to read them', async () => {
    sim = simulateAws(model(topics), { failures: { 'sns:GetSubscriptionAttributes': serviceError('AuthorizationError', 'User: arn:aws:sts::111111111111:assumed-role/Admin/jane is not authorized to perform: SNS:GetSubscriptionAttributes', 403) } });
    const results = await readAuth();
    expect(results.map((r) => r.kind)).toEqual(['unread', 'unread']);
    expect(results[1]).toEqual(expect.objectContaining({ reason: expect.stringContaining('--topic-profile') }));
    expect(sim.calls['sns:GetSubscriptionAttributes']).toBe(1);
  });

  test('throttling beyond the retries is unread for that subscription only', async () => {
    sim = simulateAws(model(topics), { failures: { [`sns:GetSubscriptionAttributes:${TOPIC}:1111-example`]: serviceError('Throttling', 'Rate exceeded') } });
    expect((await readAuth()).map((r) => r.kind)).toEqual(['unread', 'unauthenticated']);
  });
});
