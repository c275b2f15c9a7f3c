import { SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { createPacer } from '../../../../src/ops/api-pacer';
import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight/finding';
import { checkCloudWatch1Topic } from '../../../../src/ops/preflight/rules/cloudwatch1-topic';
import { readTopicVisibility } from '../../../../src/ops/topic-visibility';
import { serviceError } from '../../../support/simulated-aws';
import { read } from '../../../support/reads';

const ARN = 'arn:aws:sns:us-east-1:222222222222:security-alerts';
const base = { topicArn: ARN, created: false, managementAccountId: '111111111111', callerAccount: '111111111111' };
const sns = mockClient(SNSClient);
afterEach(() => sns.reset());
afterAll(() => sns.restore());

/** What preflight reads, from SNS's answer to the management account's ListSubscriptionsByTopic (SNS API Reference, errors AuthorizationError / NotFound). */
async function visibility() {
  return readTopicVisibility(new SNSClient({ region: 'us-east-1' }), ARN, createPacer());
}

describe('checkCloudWatch1Topic (Security Hub CloudWatch.1, issue 24 §2)', () => {
  test('fails, naming CloudWatch.1 and the statement to add, when securityTopic.arn names a topic whose policy does not let the management account list subscriptions', async () => {
    sns.on(ListSubscriptionsByTopicCommand).rejects(serviceError('AuthorizationError', 'User: arn:aws:iam::111111111111:root is not authorized to perform: SNS:ListSubscriptionsByTopic', 403));
    const [finding] = checkCloudWatch1Topic({ ...base, visibility: read(await visibility()) });
    expect(finding).toEqual({
      check: 'cloudwatch1-topic', status: 'fail', target: `topic ${ARN}`, api: 'sns:ListSubscriptionsByTopic',
      message: `Security Hub CloudWatch.1 will report WARNING, not PASSED: the management account 111111111111 may not call sns:ListSubscriptionsByTopic on it (AuthorizationError); add to the policy of ${ARN} a statement allowing principal arn:aws:iam::111111111111:root the actions sns:ListSubscriptionsByTopic and sns:GetTopicAttributes`,
    });
  });

  test('says the generated statement was removed when the package\'s own topic denies it', async () => {
    sns.on(ListSubscriptionsByTopicCommand).rejects(serviceError('AuthorizationError', 'not authorized', 403));
    const [finding] = checkCloudWatch1Topic({ ...base, created: true, visibility: read(await visibility()) });
    expect(finding.message).toContain('statement AllowTheManagementAccountToSeeSubscriptions): someone removed it');
  });

  test('passes when the subscriptions can be listed, and for the package\'s topic before its first deployment', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    expect(checkCloudWatch1Topic({ ...base, visibility: read(await visibility()) })[0].status).toBe('pass');
    sns.on(ListSubscriptionsByTopicCommand).rejects(serviceError('NotFound', 'Topic does not exist', 404));
    expect(checkCloudWatch1Topic({ ...base, created: true, visibility: read(await visibility()) })[0]).toMatchObject({ status: 'pass', message: expect.stringMatching(/^not created yet/) });
    expect(checkCloudWatch1Topic({ ...base, visibility: read(await visibility()) })[0].status).toBe('fail');
  });

  test('needs the management account\'s credentials: Security Hub evaluates the control there', () => {
    expect(checkCloudWatch1Topic({ ...base, callerAccount: '333333333333', visibility: NOT_IN_MANAGEMENT })[0]).toMatchObject({ status: 'warn', message: expect.stringContaining('needs the management account') });
  });
});
