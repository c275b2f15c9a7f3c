import { configSchema } from '../../src/config/schema';
import { CONTROL_TOWER_TRAIL_NAME, plannedSentinel } from '../../src/plan/sentinel';
import { fixtureConfig, configWith, minimalConfig } from '../support/config';

describe('plannedSentinel', () => {
  test('runs every 15 minutes by default, from the security account, reading the management account with its own role', () => {
    const s = plannedSentinel(fixtureConfig(), 'aws-controltower/CloudTrailLogs')!;
    expect(s).toEqual(expect.objectContaining({
      intervalMinutes: 15,
      accountId: '222222222222',
      stateMachineArn: 'arn:aws:states:us-east-1:222222222222:stateMachine:root-guard-sentinel',
      verifierRoleArn: 'arn:aws:iam::222222222222:role/root-guard-sentinel-verifier',
      readerRoleArn: 'arn:aws:iam::111111111111:role/root-guard-sentinel-reader',
      trailName: CONTROL_TOWER_TRAIL_NAME,
      silencePeriodSeconds: 1800,
      deliveryMaxAgeMinutes: 30,
      notifyTopicArns: ['arn:aws:sns:us-east-1:222222222222:root-guard-root-activity'],
    }));
    expect(s.canary).toEqual(expect.objectContaining({ filterName: 'root-guard-sentinel-canary', metricName: 'root-guard-SentinelCanary', periodSeconds: 1800, evaluationPeriods: 2 }));
    expect(s.canary.pattern).toBe('{ ($.eventSource = "cloudtrail.amazonaws.com") && ($.eventName = "GetTrailStatus") && ($.userIdentity.sessionContext.sessionIssuer.arn = "arn:aws:iam::111111111111:role/root-guard-sentinel-reader") }');
    expect(s.organizationId).toBeUndefined();
  });

  test('follows the interval, the organization id the config names, and is absent when disabled', () => {
    const s = plannedSentinel(minimalConfig({ sentinel: { intervalMinutes: 5 }, fastAlerts: { regions: ['us-east-1'], organizationId: 'o-exampleorgid' } }), 'g')!;
    expect([s.intervalMinutes, s.silencePeriodSeconds, s.canary.periodSeconds, s.organizationId]).toEqual([5, 600, 600, 'o-exampleorgid']);
    expect(plannedSentinel(configWith((c) => { c.sentinel.enabled = false; }), 'g')).toBeUndefined();
  });

  test('the config refuses an interval outside 5-60 minutes, naming the range', () => {
    const parsed = configSchema.safeParse({ ...minimalConfig(), sentinel: { intervalMinutes: 90 } });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('90 minutes is out of range (use 5 to 60; 15 is the default)');
  });
});
