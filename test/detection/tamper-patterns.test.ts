import { ALARM_EVENT_DETAIL_TYPES, alarmConfigurationChangePattern, alarmStateChangePattern } from '../../src/detection/alarm-events';
import { deployedMetricFilters, METRIC_FILTERS_PER_LOG_GROUP } from '../../src/detection/metric-filters';
import { tamperCallGroups, type TamperNames } from '../../src/detection/tamper-calls';
import { FILTER_PATTERN_MAX_LENGTH, tamperEventPattern, tamperFilterPattern } from '../../src/detection/tamper-patterns';
import { compileFilterPattern } from '../../src/filter-pattern';
import { createPlan } from '../../src/plan';
import { fixtureConfig, configWith } from '../support/config';
import { matchesEventPattern } from '../support/eventbridge-pattern';
import { ACCOUNTS, record, tamperPaths } from '../support/tamper-records';

const plan = createPlan(fixtureConfig());
const tamper = plan.tamperAlerts!;
const { alertingPaths } = tamperPaths(plan);

const NAMES: TamperNames = {
  namePrefix: 'root-guard',
  stackSetPrefix: 'CustomControlTower-',
  logGroupName: 'aws-controltower/CloudTrailLogs',
  logGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs',
  managementAccountId: '111111111111',
  partition: 'aws',
  topics: [{ label: 'security', arn: 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity' }],
};

/** Every comparison a filter makes on the caller's identity: `<selector> <op> <value>`. */
function identityComparisons(pattern: string): { selector: string; op: string; value: string }[] {
  return [...pattern.matchAll(/(\$\.userIdentity[\w.]*) (!=|=) ("[^"]*"|%[^%]*%)/g)].map((m) => ({ selector: m[1], op: m[2], value: m[3] }));
}

describe('tamper filters', () => {
  test('each pattern fits CloudWatch Logs\' 1,024 characters and 2 regular expressions, and compiles', () => {
    for (const f of tamper.filters) {
      expect(f.pattern.length).toBeLessThanOrEqual(FILTER_PATTERN_MAX_LENGTH);
      expect((f.pattern.match(/ %/g) ?? []).length).toBeLessThanOrEqual(2);
      expect(() => compileFilterPattern(f.pattern)).not.toThrow();
    }
  });

  test('with every option on, the log group carries 52 filters, within the 100 per log group', () => {
    const all = createPlan(configWith((c) => { c.cisMonitoring = 'all'; }));
    const cis = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard', cisMonitoring: 'all' }).length;
    const total = cis + all.tamperAlerts!.filters.length;
    expect({ rootAndCis: cis, tamper: all.tamperAlerts!.filters.length, total }).toEqual({ rootAndCis: 16, tamper: 36, total: 52 });
    expect(total).toBeLessThanOrEqual(METRIC_FILTERS_PER_LOG_GROUP);
  });

  test('the longest names the config allows still fit every pattern (20-character prefix, long log group, 256-character topic, GovCloud)', () => {
    const topicName = 't'.repeat(256);
    const groups = tamperCallGroups({
      namePrefix: 'a'.repeat(20),
      stackSetPrefix: 'CustomControlTower-',
      logGroupName: `aws-controltower/CloudTrailLogs-${'x'.repeat(60)}`,
      logGroupArn: `arn:aws-us-gov:logs:us-gov-west-1:111111111111:log-group:aws-controltower/CloudTrailLogs-${'x'.repeat(60)}`,
      managementAccountId: '111111111111',
      partition: 'aws-us-gov',
      topics: [{ label: 'security', arn: `arn:aws-us-gov:sns:us-gov-west-1:222222222222:${topicName}` }],
    });
    for (const g of groups) {
      expect({ group: g.id, fits: tamperFilterPattern(g, { ...ACCOUNTS, partition: 'aws-us-gov' }).length <= FILTER_PATTERN_MAX_LENGTH })
        .toEqual({ group: g.id, fits: true });
    }
  });

  test('a group too long for one filter is refused with the fix', () => {
    const [group] = tamperCallGroups(NAMES);
    const huge = { ...group, eventNames: Array.from({ length: 40 }, (_, i) => `DeleteSomething${i}`) };
    expect(() => tamperFilterPattern(huge, ACCOUNTS)).toThrow(/split the group/);
  });

  test('no pattern exempts a role by a name prefix or pattern: every exemption is an exact name or the execution role\'s exact ARN', () => {
    for (const f of tamper.filters) {
      for (const c of identityComparisons(f.pattern).filter((c) => c.op === '!=')) {
        const exact = c.value.startsWith('"') && !c.value.includes('*');
        const executionRoleAnyAccount = c.value === '%^arn:aws:iam::\\d{12}:role/AWSControlTowerExecution$%';
        expect({ filter: f.filterName, comparison: `${c.selector} != ${c.value}`, pinned: exact || executionRoleAnyAccount })
          .toEqual({ filter: f.filterName, comparison: `${c.selector} != ${c.value}`, pinned: true });
      }
    }
    for (const r of tamper.rules) {
      const text = JSON.stringify(r.eventPattern);
      for (const m of text.matchAll(/"anything-but":\{"prefix":"([^"]*)"\}/g)) {
        // A session ARN prefix that ends with the complete role name: the exact role, any session.
        expect(m[1]).toMatch(/^arn:aws:sts::111111111111:assumed-role\/AWSControlTowerExecution\/$/);
      }
    }
  });

  test('the execution role is exempt only at its exact ARN, in the accounts a group watches', () => {
    const rec = record('management', 'monitoring:PutMetricAlarm', { alarmName: 'root-guard-root-activity' }, 'AWSControlTowerExecution');
    expect(alertingPaths(rec)).not.toContain('A');
    const otherAccount = structuredClone(rec);
    const issuer = (otherAccount.userIdentity as any).sessionContext.sessionIssuer;
    issuer.arn = 'arn:aws:iam::999999999999:role/AWSControlTowerExecution';
    issuer.accountId = '999999999999';
    expect(alertingPaths(otherAccount)).toContain('A');
    const lookAlike = structuredClone(rec);
    (lookAlike.userIdentity as any).sessionContext.sessionIssuer.arn = 'arn:aws:iam::111111111111:role/AWSControlTowerExecution2';
    expect(alertingPaths(lookAlike)).toContain('A');
  });

  test('a failed attempt alerts too (an AccessDenied DeleteAlarms is still someone trying)', () => {
    const rec = { ...record('management', 'monitoring:DeleteAlarms', { alarmNames: ['root-guard-tamper'] }, 'admin role'), errorCode: 'AccessDenied' };
    expect(alertingPaths(rec)).toEqual(['A', 'B']);
  });
});

describe('tamper rules (path B)', () => {
  test('cover every group that can switch path A off, and CloudWatch\'s alarm events', () => {
    const aDependencies = ['metric filter', 'alarm', 'alarm actions', 'log group', 'trail', 'trail delivery'];
    const needed = tamper.filters.map((f) => f.group).filter((g) => g.disables.some((d) => aDependencies.includes(d))).map((g) => `root-guard-tamper-${g.id}`);
    const ruleNames = tamper.rules.map((r) => r.ruleName);
    expect(needed.filter((name) => !ruleNames.includes(name))).toEqual([]);
    expect(ruleNames).toEqual(expect.arrayContaining(['root-guard-tamper-alarm-state', 'root-guard-tamper-alarm-config']));
  });

  test('forward the same events the formatting rule on the tamper bus accepts, and only the management account\'s there', () => {
    for (const r of tamper.rules) {
      expect(r.receiverPattern).toEqual({ account: [ACCOUNTS.management], ...r.eventPattern });
    }
  });

  test('exempt only the management account\'s AWSControlTowerExecution, by ARN prefix, in the partition of the home region', () => {
    const [group] = tamperCallGroups(NAMES);
    expect(tamperEventPattern(group, 'aws-us-gov', ACCOUNTS.management)).toEqual({
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['monitoring.amazonaws.com'],
        eventName: ['DeleteAlarms', 'DisableAlarmActions'],
        userIdentity: { arn: [{ 'anything-but': { prefix: 'arn:aws-us-gov:sts::111111111111:assumed-role/AWSControlTowerExecution/' } }] },
        requestParameters: { alarmNames: [{ prefix: 'root-guard-' }] },
      },
    });
  });

  test('IAM and Organizations rules go to us-east-1, where those services record their events, when the home region is another', () => {
    const euPlan = createPlan(configWith((c) => { c.homeRegion = 'eu-west-1'; }));
    const t = euPlan.tamperAlerts!;
    expect(t.regions).toEqual(['eu-west-1', 'us-east-1']);
    const regionsOf = (id: string) => t.rules.find((r) => r.id === id)?.regions;
    expect(regionsOf('roles')).toEqual(['us-east-1']);
    expect(regionsOf('trusted-access')).toEqual(['us-east-1']);
    expect(regionsOf('alarms')).toEqual(['eu-west-1']);
    expect(regionsOf('alarm-state')).toEqual(['eu-west-1']);
    expect(euPlan.stackSets.find((s) => s.key === 'tamperAlerts')?.regions).toEqual(['eu-west-1', 'us-east-1']);
    // The IAM call that breaks the trail's delivery role is recorded in us-east-1: the rule there forwards it.
    const { alertingPaths: euPaths } = tamperPaths(euPlan);
    const detach = record('management', 'iam:DetachRolePolicy', { roleName: 'aws-controltower-CloudWatchLogsRole', policyArn: 'arn:aws:iam::aws:policy/x' }, 'admin role', 'us-east-1');
    expect(euPaths(detach)).toEqual(['A', 'B']);
    expect(euPaths({ ...detach, awsRegion: 'eu-west-1' })).toEqual(['A']);
  });
});

/**
 * CloudWatch's own events, in the shape of the examples on
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
 * ("Single Metric Alarm" state change; configuration change), with root-guard's alarm names.
 */
function stateChange(alarmName: string, state: string): Record<string, unknown> {
  return {
    version: '0', id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92', 'detail-type': ALARM_EVENT_DETAIL_TYPES.stateChange, source: 'aws.cloudwatch',
    account: ACCOUNTS.management, time: '2026-12-08T03:04:40Z', region: 'us-east-1', resources: [`arn:aws:cloudwatch:us-east-1:${ACCOUNTS.management}:alarm:${alarmName}`],
    detail: { alarmName, state: { value: state, reason: 'Threshold Crossed: 1 datapoint [1.0] was greater than or equal to the threshold (1.0).', timestamp: '2026-12-08T03:04:40.985+0000' }, previousState: { value: 'OK' } },
  };
}
function configurationChange(alarmName: string, operation: string): Record<string, unknown> {
  return {
    version: '0', id: 'bba1bcdd-2b8c-4c5c-9f0f-1e3f7a3b8d7e', 'detail-type': ALARM_EVENT_DETAIL_TYPES.configurationChange, source: 'aws.cloudwatch',
    account: ACCOUNTS.management, time: '2026-12-08T03:04:40Z', region: 'us-east-1', resources: [`arn:aws:cloudwatch:us-east-1:${ACCOUNTS.management}:alarm:${alarmName}`],
    detail: { alarmName, operation, state: { value: 'OK' }, configuration: { actionsEnabled: false } },
  };
}

describe('alarm events (path C)', () => {
  const state = alarmStateChangePattern('root-guard-');
  const config = alarmConfigurationChangePattern('root-guard-');

  test('a root-guard alarm going into ALARM is forwarded whatever its actions (a mute rule stops actions, not state changes)', () => {
    expect(matchesEventPattern(state, stateChange('root-guard-root-activity', 'ALARM'))).toBe(true);
    expect(matchesEventPattern(state, stateChange('root-guard-trail-delivery', 'ALARM'))).toBe(true);
    expect(matchesEventPattern(state, stateChange('root-guard-root-activity', 'OK'))).toBe(false);
    expect(matchesEventPattern(state, stateChange('team-billing', 'ALARM'))).toBe(false);
  });

  test('a root-guard alarm created, updated or deleted is forwarded; another team\'s is not', () => {
    for (const operation of ['create', 'update', 'delete']) expect(matchesEventPattern(config, configurationChange('root-guard-tamper', operation))).toBe(true);
    expect(matchesEventPattern(config, configurationChange('team-billing', 'delete'))).toBe(false);
    expect(matchesEventPattern(config, stateChange('root-guard-tamper', 'ALARM'))).toBe(false);
  });
});
