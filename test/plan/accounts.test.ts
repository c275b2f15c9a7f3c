import { alertAccountNames, securityAccountId } from '../../src/plan/accounts';
import { fixtureConfig, configWith } from '../support/config';

describe('securityAccountId', () => {
  test('is the account the package creates the topic in', () => {
    expect(securityAccountId(fixtureConfig())).toBe('222222222222');
  });

  test("is the existing topic's account when the config names a topic ARN", () => {
    expect(securityAccountId(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; }))).toBe('333333333333');
  });
});

describe('alertAccountNames', () => {
  test('names the management and security accounts in alerts, and lets the config rename any account', () => {
    const fast = configWith((c) => { c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid', accountNames: { '333333333333': 'Workloads Prod' } }; });
    expect(alertAccountNames(fast)).toEqual({ '111111111111': 'management account', '222222222222': 'security account', '333333333333': 'Workloads Prod' });
    const renamed = configWith((c) => { c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid', accountNames: { '111111111111': 'Org management' } }; });
    expect(alertAccountNames(renamed)['111111111111']).toBe('Org management');
  });
});
