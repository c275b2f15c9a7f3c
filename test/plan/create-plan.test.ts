import { parseOuResolution } from '../../src/config/ou-resolution';
import { createPlan } from '../../src/plan/create-plan';
import { fixtureConfig, configWith } from '../support/config';

describe('createPlan', () => {
  test('holds the fixture config\'s accounts, topic, alarm, filters, stack sets and SCPs', () => {
    const plan = createPlan(fixtureConfig());
    expect(plan.accounts).toEqual({ management: '111111111111', security: '222222222222' });
    expect(plan.securityTopic).toEqual({ arn: 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity', created: { accountId: '222222222222', emails: ['security@example.com'] } });
    expect(plan.alarm).toEqual({ periodSeconds: 300, evaluationPeriods: 1, threshold: 1, statistic: 'Maximum' });
    expect(plan.metricFilters.map((f) => f.id)).toEqual(['root-activity']);
    expect(plan.cisAlarms).toEqual([]);
    expect(plan.fastAlerts).toBeUndefined();
    expect(plan.stackSets.map((s) => s.name)).toEqual(['root-guard-security-topic', 'root-guard-tamper-receiver', 'root-guard-root-activity-alarm', 'root-guard-tamper-alerts', 'root-guard-sentinel-reader', 'root-guard-sentinel', 'root-guard-root-checks']);
    expect(plan.scp.organizationalUnits).toEqual(['Workloads']);
    expect(plan.scp.policies.map((p) => p.name)).toEqual(['root-guard-root-baseline']);
    expect(plan.expectations.alarmStackSet).toBe('CustomControlTower-root-guard-root-activity-alarm');
  });

  test('with an existing topic, creates none and alarms to that topic', () => {
    const plan = createPlan(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; }));
    expect(plan.securityTopic).toEqual({ arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' });
    expect(plan.accounts.security).toBe('333333333333');
    expect(plan.expectations.topicStackSet).toBeUndefined();
  });

  test('with fast alerts and CIS monitoring, plans the bus, the named accounts and the CIS alarms', () => {
    const plan = createPlan(configWith((c) => {
      c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid', accountNames: { '333333333333': 'Workloads Prod' } };
      c.cisMonitoring = ['4.1', '4.4'];
    }));
    expect(plan.fastAlerts).toEqual({
      regions: ['us-east-1', 'eu-west-1'],
      organizationId: 'o-exampleorgid',
      eventBusArn: 'arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity',
      accountNames: { '111111111111': 'management account', '222222222222': 'security account', '333333333333': 'Workloads Prod' },
    });
    expect(plan.cisAlarms.map((a) => a.cisId)).toEqual(['4.1', '4.4']);
    expect(plan.metricFilters[0].id).toBe('root-activity');
    expect(plan.expectations.fastAlerts?.regions).toEqual(['us-east-1', 'eu-west-1']);
  });

  test('with includeNestedOUs, targets the recorded nested OUs with the root checks and the forwarders', () => {
    const resolution = parseOuResolution([
      'resolvedAt: 2026-01-31T12:00:00.000Z',
      'targets:',
      '  rootChecks.organizationalUnits:',
      '    from: [Workloads]',
      '    paths: [Workloads, "Workloads:Prod"]',
    ].join('\n'), 'root-guard.ous.yaml');
    const config = configWith((c) => {
      c.rootChecks.organizationalUnits = ['Workloads'];
      c.rootChecks.includeNestedOUs = true;
      c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' };
    });
    const plan = createPlan(config, resolution);
    expect(plan.rootChecks.targets).toEqual(['Workloads', 'Workloads:Prod']);
    expect(plan.stackSets.find((s) => s.key === 'rootChecks')?.organizationalUnits).toEqual(['Workloads', 'Workloads:Prod']);
    expect(() => createPlan(config)).toThrow(/run `root-guard resolve`/);
  });
});

describe('createPlan: tamper alerts', () => {
  test('are on by default, with a filter per call group and a rule per group that can switch the filter path off', () => {
    const plan = createPlan(fixtureConfig());
    expect(plan.tamperAlerts).toMatchObject({ alarmName: 'root-guard-tamper', metricName: 'root-guard-Tamper', topicName: 'root-guard-tamper-alerts', emails: ['security@example.com'] });
    expect(plan.tamperAlerts!.filters).toHaveLength(36);
    expect(plan.tamperAlerts!.rules.map((r) => r.id)).toEqual([
      'alarms', 'alarm-edits', 'alarm-mutes', 'log-filters', 'log-group', 'log-group-policies', 'log-account-policies', 'trail',
      'stack-set-deletes', 'stack-set-changes', 'trusted-access', 'roles', 'managed-policies', 'landing-zone', 'event-rules', 'event-targets',
      'alarm-state', 'alarm-config',
    ]);
  });

  test('are absent with tamperAlerts: false', () => {
    expect(createPlan(configWith((c) => { c.tamperAlerts = false; })).tamperAlerts).toBeUndefined();
  });
});
