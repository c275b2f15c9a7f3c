import { SNSClient } from '@aws-sdk/client-sns';
import { createPacer } from '../../src/ops/api-pacer';
import { readTopicSubscriptions } from '../../src/ops/topic-subscriptions';
import { serviceError, simulateAws, type SimModel, type Simulation } from '../support/simulated-aws';

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
        { protocol: 'email', endpoint: 'security@example.com', confirmed: true },
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
