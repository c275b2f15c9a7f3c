import { expectationsOf } from '../../src/plan/expectations';
import { fixtureConfig, configWith } from '../support/config';

const FAST = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' };

describe('expectationsOf', () => {
  test("expects the fixture config's stack sets by their full CfCT names, and its Config rules", () => {
    expect(expectationsOf(fixtureConfig())).toEqual({
      topicStackSet: 'CustomControlTower-root-guard-security-topic',
      alarmStackSet: 'CustomControlTower-root-guard-root-activity-alarm',
      rootChecksStackSet: 'CustomControlTower-root-guard-root-checks',
      tamperStackSet: 'CustomControlTower-root-guard-tamper-alerts',
      sentinel: { readerStackSet: 'CustomControlTower-root-guard-sentinel-reader', verifierStackSet: 'CustomControlTower-root-guard-sentinel', securityAccountId: '222222222222' },
      rules: [
        { name: 'root-guard-root-mfa', failing: 'root user has no MFA (ROOT_ACCOUNT_MFA_ENABLED: NON_COMPLIANT)' },
        { name: 'root-guard-root-access-key', failing: 'root user has an access key (IAM_ROOT_ACCESS_KEY_CHECK: NON_COMPLIANT)' },
      ],
    });
  });

  test('expects the hardware-MFA rule only when asked, and the access-key rule only when on', () => {
    const config = configWith((c) => { c.rootChecks.hardwareMfa = true; c.rootChecks.accessKeys = false; });
    expect(expectationsOf(config).rules.map((r) => r.name)).toEqual(['root-guard-root-mfa', 'root-guard-root-hardware-mfa']);
  });

  test('expects no topic stack set when the config names an existing topic', () => {
    expect(expectationsOf(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' }; })).topicStackSet).toBeUndefined();
  });

  test('expects the bus in the security account and the forwarder in every fast-alert Region', () => {
    expect(expectationsOf(configWith((c) => { c.fastAlerts = FAST; })).fastAlerts).toEqual({
      eventBusStackSet: 'CustomControlTower-root-guard-root-event-bus',
      // One member stack set carries the root checks and the forwarder: audit reads it in every fast-alert Region.
      forwarderStackSet: 'CustomControlTower-root-guard-root-checks',
      regions: ['us-east-1', 'eu-west-1'],
      securityAccountId: '222222222222',
    });
    const existing = configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; c.fastAlerts = FAST; });
    expect(expectationsOf(existing).fastAlerts?.securityAccountId).toBe('333333333333');
  });

  test('expects no fast-alert stack sets without fastAlerts', () => {
    expect(expectationsOf(fixtureConfig()).fastAlerts).toBeUndefined();
  });
});
