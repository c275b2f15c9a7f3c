import { plannedStackSets } from '../../src/plan/stack-sets';
import { fixtureConfig, configWith } from '../support/config';

const FAST = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' };

describe('plannedStackSets', () => {
  test('orders the fixture config: topic, alarm, root checks, with their targets', () => {
    expect(plannedStackSets(fixtureConfig(), ['Root'])).toEqual([
      { key: 'securityTopic', name: 'root-guard-security-topic', accounts: ['222222222222'], regions: ['us-east-1'] },
      { key: 'tamperReceiver', name: 'root-guard-tamper-receiver', accounts: ['222222222222'], regions: ['us-east-1'] },
      { key: 'rootActivityAlarm', name: 'root-guard-root-activity-alarm', accounts: ['111111111111'], regions: ['us-east-1'] },
      { key: 'tamperAlerts', name: 'root-guard-tamper-alerts', accounts: ['111111111111'], regions: ['us-east-1'] },
      { key: 'sentinelReader', name: 'root-guard-sentinel-reader', accounts: ['111111111111'], regions: ['us-east-1'] },
      { key: 'sentinel', name: 'root-guard-sentinel', accounts: ['222222222222'], regions: ['us-east-1'] },
      { key: 'rootChecks', name: 'root-guard-root-checks', organizationalUnits: ['Root'], regions: ['us-east-1'] },
    ]);
  });

  test('with fast alerts, puts the bus before ONE member stack set (root checks + forwarder) on the same OUs plus the management account, in the home and every fast-alert Region', () => {
    const targets = ['Workloads', 'Workloads:Prod'];
    const sets = plannedStackSets(configWith((c) => { c.fastAlerts = FAST; }), targets);
    expect(sets.map((s) => s.key)).toEqual(['securityTopic', 'tamperReceiver', 'rootActivityAlarm', 'tamperAlerts', 'sentinelReader', 'sentinel', 'securityEventBus', 'rootChecks']);
    expect(sets[6]).toEqual({ key: 'securityEventBus', name: 'root-guard-root-event-bus', accounts: ['222222222222'], regions: ['us-east-1'] });
    expect(sets[7]).toEqual({ key: 'rootChecks', name: 'root-guard-root-checks', accounts: ['111111111111'], organizationalUnits: targets, regions: ['us-east-1', 'eu-west-1'] });
  });

  test('adds the home region to the member stack set when fast alerts do not list it (the Config rules live there)', () => {
    const sets = plannedStackSets(configWith((c) => { c.homeRegion = 'eu-west-1'; c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' }; }), ['Root']);
    expect(sets.find((s) => s.key === 'rootChecks')?.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('creates no topic stack set for an existing topic, and puts the bus in its account', () => {
    const sets = plannedStackSets(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; c.fastAlerts = FAST; }), ['Root']);
    expect(sets.map((s) => s.key)).toEqual(['tamperReceiver', 'rootActivityAlarm', 'tamperAlerts', 'sentinelReader', 'sentinel', 'securityEventBus', 'rootChecks']);
    expect(sets.find((s) => s.key === 'sentinel')?.accounts).toEqual(['333333333333']);
    expect(sets.find((s) => s.key === 'securityEventBus')?.accounts).toEqual(['333333333333']);
    expect(sets.find((s) => s.key === 'tamperReceiver')?.accounts).toEqual(['333333333333']);
  });

  test('puts the tamper alerts in the management account, home region, unless tamperAlerts is false', () => {
    expect(plannedStackSets(fixtureConfig(), ['Root']).find((s) => s.key === 'tamperAlerts'))
      .toEqual({ key: 'tamperAlerts', name: 'root-guard-tamper-alerts', accounts: ['111111111111'], regions: ['us-east-1'] });
    expect(plannedStackSets(configWith((c) => { c.tamperAlerts = false; }), ['Root']).map((s) => s.key)).not.toContain('tamperAlerts');
    expect(plannedStackSets(configWith((c) => { c.tamperAlerts = false; }), ['Root']).map((s) => s.key)).not.toContain('tamperReceiver');
    // Outside us-east-1, also there: IAM and Organizations record the management account's calls in us-east-1.
    expect(plannedStackSets(configWith((c) => { c.homeRegion = 'eu-west-1'; }), ['Root']).find((s) => s.key === 'tamperAlerts')?.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('targets the management account with the root checks only when asked', () => {
    const sets = plannedStackSets(configWith((c) => { c.rootChecks.includeManagementAccount = true; }), ['Root']);
    expect(sets.find((s) => s.key === 'rootChecks')?.accounts).toEqual(['111111111111']);
  });

  test('puts the sentinel\'s read-only role in the management account and its verifier in the security account, unless sentinel.enabled is false', () => {
    const sets = plannedStackSets(fixtureConfig(), ['Root']);
    expect(sets.find((s) => s.key === 'sentinelReader')?.accounts).toEqual(['111111111111']);
    expect(sets.find((s) => s.key === 'sentinel')?.accounts).toEqual(['222222222222']);
    expect(plannedStackSets(configWith((c) => { c.sentinel.enabled = false; }), ['Root']).map((s) => s.key)).not.toContain('sentinel');
  });
});
