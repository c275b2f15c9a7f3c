import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployedMetricFilters, METRIC_FILTERS_PER_LOG_GROUP } from '../../src/detection/metric-filters';
import { tamperCallGroups } from '../../src/detection/tamper-calls';
import { DEPLOYMENT_ROLE_NAMES, FILTER_PATTERN_MAX_LENGTH, tamperEventPattern, tamperFilterPattern } from '../../src/detection/tamper-patterns';
import { compileFilterPattern } from '../../src/filter-pattern';
import { createPlan } from '../../src/plan';
import { fixtureConfig, configWith, REPO_ROOT } from '../support/config';
import { toEventBridgeEvent } from '../support/eventbridge-event';
import { matchesEventPattern } from '../support/eventbridge-pattern';

const ACCOUNTS = { management: '111111111111', security: '222222222222', member: '333333333333' } as const;
type Where = keyof typeof ACCOUNTS;
const HOME_REGION = 'us-east-1';

const plan = createPlan(fixtureConfig());
const tamper = plan.tamperAlerts!;
const filters = tamper.filters.map((f) => ({ name: f.filterName, compiled: compileFilterPattern(f.pattern) }));

/**
 * The CloudTrail record shape of the AssumedRole sample in test/fixtures/cloudtrail (from the IAM User
 * Guide's "Example AWS STS role assumption" event), with the call, caller and account replaced.
 * userIdentity shapes: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
function assumedRoleSample(): Record<string, unknown> {
  const lines = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'cloudtrail', 'cloudtrail-samples.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const sample = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((r) => (r.userIdentity as Record<string, unknown>).type === 'AssumedRole' && r.eventName === 'AssumeRole');
  if (!sample) throw new Error('the fixture has no AssumeRole record');
  return Object.fromEntries(Object.entries(sample).filter(([k]) => !k.startsWith('_')));
}
const BASE = assumedRoleSample();

function identity(caller: string, account: string): Record<string, unknown> {
  const role = (roleName: string) => ({
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEROLEID2345:${caller}`,
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/session`,
    accountId: account,
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    sessionContext: {
      attributes: { mfaAuthenticated: 'false', creationDate: '2026-12-05T14:00:00Z' },
      sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEROLEID2345', arn: `arn:aws:iam::${account}:role/${roleName}`, accountId: account, userName: roleName },
    },
  });
  switch (caller) {
    case 'admin role': return role('AWSReservedSSO_AdministratorAccess_0123456789abcdef');
    case 'AWSControlTowerExecution': return role('AWSControlTowerExecution');
    case 'stacksets-exec': return role('stacksets-exec-0123456789abcdef0123456789abcdef');
    case 'root': return { type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId: 'ASIAIOSFODNN7EXAMPLE' };
    case 'IAM user': return { type: 'IAMUser', principalId: 'AIDACKCEVSQ6C2EXAMPLE', arn: `arn:aws:iam::${account}:user/Alice`, accountId: account, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: 'Alice' };
    default: throw new Error(`unknown caller ${caller}`);
  }
}

/** A CloudTrail record of `call` (`<eventSource prefix>:<eventName>`) made in `where` by `caller`. */
function record(where: Where, call: string, requestParameters: unknown, caller: string): Record<string, unknown> {
  const [service, eventName] = call.split(':');
  const account = ACCOUNTS[where];
  return {
    ...BASE,
    userIdentity: identity(caller, account),
    eventSource: `${service}.amazonaws.com`,
    eventName,
    awsRegion: HOME_REGION,
    requestParameters,
    responseElements: null,
    resources: undefined,
    eventType: 'AwsApiCall',
    recipientAccountId: account,
  };
}

type Path = 'A' | 'B';

/** Which paths alert on `rec`: A = any tamper filter (any account, via the org trail), B = a tamper rule (management account's bus only). */
function alertingPaths(rec: Record<string, unknown>): Path[] {
  const paths: Path[] = [];
  if (filters.some((f) => f.compiled.matches(rec))) paths.push('A');
  const event = toEventBridgeEvent(rec);
  if (event.account === ACCOUNTS.management && tamper.rules.some((r) => matchesEventPattern(r.eventPattern, event))) paths.push('B');
  return paths;
}

/** What each path needs to work (docs/tamper-alerts.md, "The two paths"). */
const PATH_DEPENDS_ON: Record<Path, readonly string[]> = {
  A: ['filter', 'alarm', 'log group', 'trail'],
  B: ['tamper rule', 'tamper topic'],
};

interface MatrixRow { n: string; where: Where; call: string; request: unknown; caller: string; switchesOff: string; alertedBy: Path[] }

/** The matrix table of docs/tamper-alerts.md: the docs are what is tested. */
function matrixRows(): MatrixRow[] {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'tamper-alerts.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## The matrix'), doc.indexOf('## Residual risk'));
  return section.split('\n').filter((l) => /^\| \d+ \|/.test(l)).map((line) => {
    const cells = line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    const unquote = (c: string) => c.replace(/^`|`$/g, '');
    const [n, where, call, request, caller, switchesOff, alertedBy] = cells;
    return {
      n, where: where as Where, call: unquote(call), request: JSON.parse(unquote(request)), caller, switchesOff,
      alertedBy: alertedBy === 'none' ? [] : alertedBy.split(', ') as Path[],
    };
  });
}
const rows = matrixRows();

/** Watched calls without a row of their own; each is in the same group (same filter clause) as a row. */
const UNTESTED_SIBLINGS = ['DeleteRole', 'PutRolePolicy', 'PutTargets', 'UpdateAssumeRolePolicy'];

describe('the tamper matrix of docs/tamper-alerts.md', () => {
  test('has its rows, numbered in order, with positive and negative rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(58);
    expect(rows.map((r) => r.n)).toEqual(rows.map((_, i) => String(i + 1)));
    expect(rows.filter((r) => r.alertedBy.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  test.each(rows.map((r) => [`${r.n} ${r.where} ${r.call} by ${r.caller}`, r] as const))('row %s: alerted by exactly the listed paths', (_name, row) => {
    expect(alertingPaths(record(row.where, row.call, row.request, row.caller))).toEqual(row.alertedBy);
  });

  test.each(rows.filter((r) => r.switchesOff !== '-').map((r) => [`${r.n} ${r.call}`, r] as const))(
    'row %s: a path that the call does not switch off alerts on it',
    (_name, row) => {
      const alive = row.alertedBy.filter((path) => !PATH_DEPENDS_ON[path].includes(row.switchesOff));
      expect({ row: row.n, alive: alive.length > 0 }).toEqual({ row: row.n, alive: true });
    },
  );

  test('every call of every group appears in the matrix (no watched call is untested)', () => {
    const tested = new Set(rows.filter((r) => r.alertedBy.length > 0).map((r) => r.call.split(':')[1]));
    const watched = tamperCallGroups({ namePrefix: 'root-guard', stackSetPrefix: 'CustomControlTower-', logGroupName: 'aws-controltower/CloudTrailLogs' })
      .flatMap((g) => g.eventNames);
    const untested = watched.filter((name) => !tested.has(name));
    // Watched but not in the table: each is matched by the same clause (same group) as a tested sibling.
    expect(untested.sort()).toEqual(UNTESTED_SIBLINGS);
  });
});

describe('tamper filters', () => {
  test('each pattern fits CloudWatch Logs\' 1,024-character limit and compiles', () => {
    for (const f of tamper.filters) {
      expect(f.pattern.length).toBeLessThanOrEqual(FILTER_PATTERN_MAX_LENGTH);
      expect(() => compileFilterPattern(f.pattern)).not.toThrow();
    }
  });

  test('with every option on, the log group carries 30 filters, within the 100 per log group', () => {
    const all = createPlan(configWith((c) => { c.cisMonitoring = 'all'; }));
    const cis = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard', cisMonitoring: 'all' }).length;
    const total = cis + all.tamperAlerts!.filters.length;
    expect({ rootAndCis: cis, tamper: all.tamperAlerts!.filters.length, total }).toEqual({ rootAndCis: 16, tamper: 14, total: 30 });
    expect(total).toBeLessThanOrEqual(METRIC_FILTERS_PER_LOG_GROUP);
  });

  test('a long name prefix still fits every pattern', () => {
    const groups = tamperCallGroups({ namePrefix: 'a'.repeat(20), stackSetPrefix: 'CustomControlTower-', logGroupName: 'aws-controltower/CloudTrailLogs' });
    for (const g of groups) expect(tamperFilterPattern(g, { management: ACCOUNTS.management, security: ACCOUNTS.security }).length).toBeLessThanOrEqual(FILTER_PATTERN_MAX_LENGTH);
  });

  test('a group too long for one filter is refused with the fix', () => {
    const [group] = tamperCallGroups({ namePrefix: 'root-guard', stackSetPrefix: 'CustomControlTower-', logGroupName: 'x' });
    const huge = { ...group, eventNames: Array.from({ length: 40 }, (_, i) => `DeleteSomething${i}`) };
    expect(() => tamperFilterPattern(huge, ACCOUNTS)).toThrow(/split the group/);
  });

  test('a deployment role\'s calls never alert, whatever the call; the same call by a look-alike role does', () => {
    expect(DEPLOYMENT_ROLE_NAMES).toEqual(['AWSControlTowerExecution', 'stacksets-exec-*']);
    const rec = record('member', 'config:DeleteConfigRule', { configRuleName: 'root-guard-root-mfa' }, 'AWSControlTowerExecution');
    expect(alertingPaths(rec)).toEqual([]);
    const lookAlike = structuredClone(rec);
    ((lookAlike.userIdentity as any).sessionContext.sessionIssuer).userName = 'AWSControlTowerExecution2';
    expect(alertingPaths(lookAlike)).toEqual(['A']);
  });

  test('a failed attempt alerts too (an AccessDenied DeleteAlarms is still someone trying)', () => {
    const rec = { ...record('management', 'monitoring:DeleteAlarms', { alarmNames: ['root-guard-tamper'] }, 'admin role'), errorCode: 'AccessDenied' };
    expect(alertingPaths(rec)).toEqual(['A', 'B']);
  });
});

describe('tamper rules (management account default bus)', () => {
  test('are the groups that can switch the filter path off', () => {
    expect(tamper.rules.map((r) => r.ruleName)).toEqual([
      'root-guard-tamper-alarms', 'root-guard-tamper-alarm-edits', 'root-guard-tamper-log-filters', 'root-guard-tamper-trail', 'root-guard-tamper-stack-sets',
    ]);
  });

  test('exempt only the management account\'s AWSControlTowerExecution, by ARN prefix, in the partition of the home region', () => {
    const [group] = tamperCallGroups({ namePrefix: 'root-guard', stackSetPrefix: 'CustomControlTower-', logGroupName: 'x' });
    expect(tamperEventPattern(group, 'aws-us-gov', ACCOUNTS.management)).toEqual({
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['monitoring.amazonaws.com'],
        eventName: ['DeleteAlarms', 'DisableAlarmActions'],
        userIdentity: { arn: [{ 'anything-but': { prefix: 'arn:aws-us-gov:sts::111111111111:assumed-role/AWSControlTowerExecution/' } }] },
      },
    });
  });
});
