import { checkSecurityTopic, policyLetsCloudWatchPublish } from '../../../../src/ops/preflight/rules/security-topic';
import { serviceError } from '../../../support/simulated-aws';
import { failed, read } from '../../../support/reads';

const ARN = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const base = { topicArn: ARN, created: true, topicStackSet: 'root-guard-security-topic', securityAccountId: '222222222222', managementAccountId: '111111111111', callerAccount: '111111111111' };
const CLOUDWATCH_POLICY = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: ARN }] });

describe('checkSecurityTopic', () => {
  test('passes a reachable topic CloudWatch may publish to, with a confirmed subscription', () => {
    expect(checkSecurityTopic({ ...base, attributes: read({ Policy: CLOUDWATCH_POLICY, SubscriptionsConfirmed: '1' }) })).toEqual([{
      check: 'security-topic', status: 'pass', target: `topic ${ARN}`, api: 'sns:GetTopicAttributes', message: 'reachable, 1 confirmed subscription(s)',
    }]);
  });

  test('fails the AWS managed key, warns on a policy without CloudWatch and on no confirmed subscriber', () => {
    const findings = checkSecurityTopic({ ...base, attributes: read({ KmsMasterKeyId: 'alias/aws/sns', SubscriptionsConfirmed: '0', SubscriptionsPending: '1' }) });
    expect(findings.map((f) => f.status)).toEqual(['fail', 'warn', 'warn']);
    expect(findings[0].message).toMatch(/^it is encrypted with the AWS managed key alias\/aws\/sns/);
    expect(findings[1].message).toMatch(/^its policy has no statement letting cloudwatch.amazonaws.com call sns:Publish/);
    expect(findings[2].message).toBe('it has no confirmed subscription (1 pending: confirm the email): alerts reach nobody (CIS 4.3 needs a confirmed subscriber)');
  });

  test('passes a topic not created yet, but fails a configured ARN that does not exist', () => {
    expect(checkSecurityTopic({ ...base, attributes: read('absent' as const) })[0]).toMatchObject({ status: 'pass', message: 'not created yet: the stack set root-guard-security-topic creates it in 222222222222' });
    expect(checkSecurityTopic({ ...base, created: false, attributes: read('absent' as const) })[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/^the topic does not exist \(fix securityTopic.arn/) });
  });

  test('warns when it cannot be read: access denied says what to check by hand, anything else is not checked', () => {
    const denied = failed<never>(`topic ${ARN}`, 'sns:GetTopicAttributes', serviceError('AuthorizationError', 'not authorized'));
    expect(checkSecurityTopic({ ...base, created: false, attributes: denied })[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^cannot read it from 111111111111: check by hand/) });
    const other = failed<never>(`topic ${ARN}`, 'sns:GetTopicAttributes', serviceError('InternalError', 'boom', 500));
    expect(checkSecurityTopic({ ...base, attributes: other })[0].message).toMatch(/^not checked: could not read the topic: InternalError: boom/);
  });
});

describe('policyLetsCloudWatchPublish', () => {
  test('accepts an Allow of sns:Publish to CloudWatch or to everyone', () => {
    expect(policyLetsCloudWatchPublish(CLOUDWATCH_POLICY)).toBe(true);
    expect(policyLetsCloudWatchPublish(JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: ['sns:*'] } }))).toBe(true);
  });

  test('rejects a Deny, another action, another principal, no policy or broken JSON', () => {
    expect(policyLetsCloudWatchPublish(JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish' }] }))).toBe(false);
    expect(policyLetsCloudWatchPublish(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Subscribe' }] }))).toBe(false);
    expect(policyLetsCloudWatchPublish(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish' }] }))).toBe(false);
    expect(policyLetsCloudWatchPublish(undefined)).toBe(false);
    expect(policyLetsCloudWatchPublish('{')).toBe(false);
  });
});
