import { Template } from 'aws-cdk-lib/assertions';
import { securityTopicUnit } from '../../../src/package/units/security-topic';
import { createPlan } from '../../../src/plan';
import { fixtureConfig, configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('securityTopicUnit', () => {
  test('creates the topic in the security account, home region', () => {
    const unit = securityTopicUnit(createPlan(fixtureConfig()));
    expect(unit?.resources).toEqual([expect.objectContaining({ name: 'root-guard-security-topic', accounts: ['222222222222'], regions: ['us-east-1'] })]);
    Template.fromStack(createStack(unit?.template)).hasResourceProperties('AWS::SNS::Topic', { TopicName: 'root-guard-root-activity' });
  });

  test('is left out when the config names an existing topic', () => {
    expect(securityTopicUnit(createPlan(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' }; })))).toBeUndefined();
  });
});
