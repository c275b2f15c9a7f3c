import { FILTER_PATTERN_MAX_LENGTH } from '../../src/detection/tamper-patterns';
import { UserError } from '../../src/errors';
import { plannedTamperAlerts } from '../../src/plan/tamper-alerts';
import { fixtureConfig, configWith } from '../support/config';

describe('plannedTamperAlerts', () => {
  test('names every filter and rule after its group, under <prefix>-tamper', () => {
    const tamper = plannedTamperAlerts(configWith((c) => { c.namePrefix = 'acme'; }), 'aws-controltower/CloudTrailLogs')!;
    expect(tamper.filters.map((f) => f.filterName)).toContain('acme-tamper-trail');
    expect(tamper.filters.every((f) => f.filterName === `acme-tamper-${f.group.id}`)).toBe(true);
    expect(tamper.rules.every((r) => r.ruleName === `acme-tamper-${r.id}` && (r.group === undefined || r.group.fastRule))).toBe(true);
    expect(tamper.rules.filter((r) => r.group === undefined).map((r) => r.id)).toEqual(['alarm-state', 'alarm-config']);
    expect(tamper.deliveryAlarm).toEqual({ alarmName: 'acme-trail-delivery', logGroupName: 'aws-controltower/CloudTrailLogs', periodSeconds: 3600 });
    expect(tamper.filters.find((f) => f.group.id === 'config-rules')?.pattern).toContain('$.requestParameters.configRuleName = "acme-*"');
  });

  test('watches the security account the config names (the existing topic\'s account) and subscribes nobody then', () => {
    const tamper = plannedTamperAlerts(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; }), 'aws-controltower/CloudTrailLogs')!;
    expect(tamper.filters.find((f) => f.group.id === 'event-bus')?.pattern).toContain('$.recipientAccountId = "333333333333"');
    expect(tamper.emails).toEqual([]);
    expect(tamper.receiver).toMatchObject({ accountId: '333333333333', eventBusArn: 'arn:aws:events:us-east-1:333333333333:event-bus/root-guard-tamper' });
    expect(tamper.alarmTopicArns).toEqual([
      'arn:aws:sns:us-east-1:333333333333:security-alerts',
      'arn:aws:sns:us-east-1:111111111111:root-guard-tamper-alerts',
      'arn:aws:sns:us-east-1:333333333333:root-guard-tamper-alerts',
    ]);
    expect(tamper.filters.find((f) => f.group.id === 'topic-security')?.pattern).toContain('$.requestParameters.topicArn = "arn:aws:sns:us-east-1:333333333333:security-alerts"');
  });

  test('uses the home region\'s partition in the rules\' exemption', () => {
    const tamper = plannedTamperAlerts(fixtureConfig(), 'aws-controltower/CloudTrailLogs')!;
    expect(JSON.stringify(tamper.rules[0].eventPattern)).toContain('arn:aws:sts::111111111111:assumed-role/AWSControlTowerExecution/');
  });
});

describe('plannedTamperAlerts: the log group name is the one name a user chooses that goes into the patterns', () => {
  const planFor = (region: string, length: number) => () => plannedTamperAlerts(configWith((c) => { c.homeRegion = region; }), `/${'a'.repeat(length - 1)}`);

  test('a name longer than the delivery alarm\'s dimension holds is refused at organizationTrail.logGroupName, not an internal error', () => {
    expect(planFor('us-east-1', 256)).toThrow(UserError);
    expect(planFor('us-east-1', 256)).toThrow(/^organizationTrail\.logGroupName: .* 256 characters; .* at most 255 \(send the trail to a log group with a shorter name, or set tamperAlerts: false\)$/);
  });

  test('every name up to 255 characters either fits every filter or is refused at its key with the length that fits (commercial and GovCloud)', () => {
    for (const region of ['us-east-1', 'us-gov-west-1']) {
      for (const length of [1, 100, 200, 240, 250, 255]) {
        try {
          const tamper = planFor(region, length)()!;
          expect(tamper.filters.every((f) => f.pattern.length <= FILTER_PATTERN_MAX_LENGTH)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          expect((err as Error).message).toMatch(/^organizationTrail\.logGroupName: .* can be at most \d+ characters/);
        }
      }
    }
  });
});
