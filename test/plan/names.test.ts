import { CFCT_STACK_SET_PREFIX, resourceNames } from '../../src/plan/names';

describe('resourceNames', () => {
  test('prefixes every stack set, SCP and resource name with namePrefix', () => {
    const names = resourceNames('acme-rg');
    expect(names.topicStackSet).toBe('acme-rg-security-topic');
    expect(names.alarmStackSet).toBe('acme-rg-root-activity-alarm');
    expect(names.rootChecksStackSet).toBe('acme-rg-root-checks');
    expect(names.eventBusStackSet).toBe('acme-rg-root-event-bus');
    expect(names.baselineScp).toBe('acme-rg-root-baseline');
    expect(names.topic).toBe('acme-rg-root-activity');
    expect(names.topicKeyAlias).toBe('alias/acme-rg-root-activity-topic');
    expect(names.alarm).toBe('acme-rg-root-activity');
    expect(names.metricName).toBe('acme-rg-RootActivity');
    expect(names.configRules).toEqual({ rootMfa: 'acme-rg-root-mfa', rootHardwareMfa: 'acme-rg-root-hardware-mfa', rootAccessKey: 'acme-rg-root-access-key' });
    expect(names.forwarderRule).toBe('acme-rg-root-activity-forwarder');
    expect(names.forwarderRolePrefix).toBe('acme-rg-root-event-forwarder');
    expect(names.forwarderRoleNamePattern).toBe('acme-rg-root-event-forwarder-*');
    expect(names.formattingRulePrefix).toBe('acme-rg-root-alert');
  });

  test('publishes the metric in the LogMetrics namespace Security Hub CloudWatch.1 suggests', () => {
    expect(resourceNames('x').metricNamespace).toBe('LogMetrics');
  });

  test("knows CfCT's stack set name prefix", () => {
    expect(CFCT_STACK_SET_PREFIX + resourceNames('root-guard').alarmStackSet).toBe('CustomControlTower-root-guard-root-activity-alarm');
  });
});
