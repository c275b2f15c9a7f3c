import { plannedTamperAlerts } from '../../src/plan/tamper-alerts';
import { fixtureConfig, configWith } from '../support/config';

describe('plannedTamperAlerts', () => {
  test('names every filter and rule after its group, under <prefix>-tamper', () => {
    const tamper = plannedTamperAlerts(configWith((c) => { c.namePrefix = 'acme'; }), 'aws-controltower/CloudTrailLogs')!;
    expect(tamper.filters.map((f) => f.filterName)).toContain('acme-tamper-trail');
    expect(tamper.filters.every((f) => f.filterName === `acme-tamper-${f.group.id}`)).toBe(true);
    expect(tamper.rules.every((r) => r.ruleName === `acme-tamper-${r.group.id}` && r.group.fastRule)).toBe(true);
    expect(tamper.filters.find((f) => f.group.id === 'config-rules')?.pattern).toContain('$.requestParameters.configRuleName = "acme-*"');
  });

  test('watches the security account the config names (the existing topic\'s account) and subscribes nobody then', () => {
    const tamper = plannedTamperAlerts(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }; }), 'aws-controltower/CloudTrailLogs')!;
    expect(tamper.filters.find((f) => f.group.id === 'event-bus')?.pattern).toContain('$.recipientAccountId = "333333333333"');
    expect(tamper.emails).toEqual([]);
  });

  test('uses the home region\'s partition in the rules\' exemption', () => {
    const tamper = plannedTamperAlerts(fixtureConfig(), 'aws-controltower/CloudTrailLogs')!;
    expect(JSON.stringify(tamper.rules[0].eventPattern)).toContain('arn:aws:sts::111111111111:assumed-role/AWSControlTowerExecution/');
  });
});
