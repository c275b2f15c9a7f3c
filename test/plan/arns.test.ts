import { securityEventBusArn, securityTopicArn } from '../../src/plan/arns';
import { fixtureConfig, configWith, minimalConfig } from '../support/config';

describe('securityTopicArn', () => {
  test('derives the topic ARN from the security account, or takes the configured one', () => {
    expect(securityTopicArn(minimalConfig())).toBe('arn:aws:sns:us-east-1:222222222222:root-guard-root-activity');
    const existing = minimalConfig({ securityTopic: { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' } });
    expect(securityTopicArn(existing)).toBe('arn:aws:sns:us-east-1:222222222222:security-alerts');
  });

  test('uses the GovCloud partition for the topic ARN in a GovCloud home region', () => {
    const config = configWith((c) => { c.homeRegion = 'us-gov-west-1'; });
    expect(securityTopicArn(config)).toBe('arn:aws-us-gov:sns:us-gov-west-1:222222222222:root-guard-root-activity');
  });
});

describe('securityEventBusArn', () => {
  test('puts the central bus in the security account, home region', () => {
    expect(securityEventBusArn(fixtureConfig())).toBe('arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity');
  });

  test("puts it in the existing topic's account", () => {
    const config = configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; c.namePrefix = 'acme-rg'; });
    expect(securityEventBusArn(config)).toBe('arn:aws:events:us-east-1:333333333333:event-bus/acme-rg-root-activity');
  });
});
