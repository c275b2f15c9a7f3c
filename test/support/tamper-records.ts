import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALARM_EVENT_DETAIL_TYPES } from '../../src/detection/alarm-events';
import { compileFilterPattern } from '../../src/filter-pattern';
import type { Plan } from '../../src/plan';
import { REPO_ROOT } from './config';
import { toEventBridgeEvent } from './eventbridge-event';
import { matchesEventPattern } from './eventbridge-pattern';

/**
 * CloudTrail records of tamper calls and the paths that alert on them, for the matrix of
 * docs/tamper-alerts.md. Accounts: management 111111111111, security 222222222222, member 333333333333.
 */
export const ACCOUNTS = { management: '111111111111', security: '222222222222', member: '333333333333' } as const;
export type Where = keyof typeof ACCOUNTS;
export const HOME_REGION = 'us-east-1';

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

/** A role session's identity: `roleName` at `path` in `account`. */
function roleSession(account: string, roleName: string, path = '/'): Record<string, unknown> {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEROLEID2345:${roleName}`,
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/session`,
    accountId: account,
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    sessionContext: {
      attributes: { mfaAuthenticated: 'false', creationDate: '2026-12-05T14:00:00Z' },
      sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEROLEID2345', arn: `arn:aws:iam::${account}:role${path}${roleName}`, accountId: account, userName: roleName },
    },
  };
}

/**
 * The identity of a matrix row's caller in `account`. Callers named `<role> (management)` are sessions
 * of the management account's role, whatever account the call is recorded in.
 */
export function identity(caller: string, account: string): Record<string, unknown> {
  const management = ACCOUNTS.management;
  switch (caller) {
    case 'admin role': return roleSession(account, 'AWSReservedSSO_AdministratorAccess_0123456789abcdef', '/aws-reserved/sso.amazonaws.com/');
    case 'admin role (management)': return roleSession(management, 'AWSReservedSSO_AdministratorAccess_0123456789abcdef', '/aws-reserved/sso.amazonaws.com/');
    case 'AWSControlTowerExecution': return roleSession(account, 'AWSControlTowerExecution');
    case 'AWSControlTowerExecution at a path': return roleSession(account, 'AWSControlTowerExecution', '/squatted/');
    case 'stacksets-exec': return roleSession(account, 'stacksets-exec-0123456789abcdef0123456789abcdef');
    case 'AWSControlTowerStackSetRole (management)': return roleSession(management, 'AWSControlTowerStackSetRole', '/service-role/');
    case 'AWSControlTowerAdmin (management)': return roleSession(management, 'AWSControlTowerAdmin', '/service-role/');
    case 'CfCT state machine (management)': return roleSession(management, 'CustomControlTowerStateMachineLambdaRole');
    case 'CfCT CodeBuild (management)': return roleSession(management, 'customizations-for-aws-c-StackSetCodeBuildRole-1A2B3C4D5E6F');
    case 'AWSControlTowerAdmin of another account': return roleSession(ACCOUNTS.member, 'AWSControlTowerAdmin', '/service-role/');
    case 'AWS service': return { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' };
    case 'root': return { type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId: 'ASIAIOSFODNN7EXAMPLE' };
    case 'IAM user': return { type: 'IAMUser', principalId: 'AIDACKCEVSQ6C2EXAMPLE', arn: `arn:aws:iam::${account}:user/Alice`, accountId: account, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: 'Alice' };
    default: throw new Error(`unknown caller ${caller}`);
  }
}

/** A CloudTrail record of `call` (`<eventSource prefix>:<eventName>`) made in `where` by `caller`, in `region`. */
export function record(where: Where, call: string, requestParameters: unknown, caller: string, region = HOME_REGION): Record<string, unknown> {
  const [service, eventName] = call.split(':');
  const account = ACCOUNTS[where];
  return {
    ...BASE,
    userIdentity: identity(caller, account),
    eventSource: `${service}.amazonaws.com`,
    eventName,
    awsRegion: region,
    requestParameters,
    responseElements: null,
    resources: undefined,
    eventType: 'AwsApiCall',
    recipientAccountId: account,
  };
}

/**
 * A: the tamper filters (every account's calls, through the organization trail);
 * B: a management-account rule forwards the call to the security account's tamper bus, where a rule
 *    formats it (the call's own CloudTrail event, in the Region it is recorded in);
 * C: CloudWatch's own event about a root-guard alarm the call created, changed or deleted, forwarded the same way.
 */
export type Path = 'A' | 'B' | 'C';

/** CloudWatch calls that change an alarm's configuration, and the operation CloudWatch's event names. */
const ALARM_CONFIG_CALLS: Record<string, string> = { DeleteAlarms: 'delete', PutMetricAlarm: 'update', DisableAlarmActions: 'update' };

/** The alarm names a CloudWatch call's request names. */
function alarmNamesOf(rec: Record<string, unknown>): string[] {
  const params = (rec.requestParameters ?? {}) as Record<string, unknown>;
  if (Array.isArray(params.alarmNames)) return params.alarmNames as string[];
  return typeof params.alarmName === 'string' ? [params.alarmName] : [];
}

/** Evaluates the plan's tamper filters and rules on records. `deletedRules`: rules a previous call removed. */
export function tamperPaths(plan: Plan) {
  const tamper = plan.tamperAlerts;
  if (!tamper) throw new Error('the plan has no tamper alerts');
  const filters = tamper.filters.map((f) => ({ name: f.filterName, compiled: compileFilterPattern(f.pattern) }));
  const forwarded = (event: Record<string, unknown>, region: string, deletedRules: readonly string[], kinds: readonly string[]) =>
    tamper.rules.filter((rule) => kinds.includes(rule.kind) && rule.regions.includes(region) && !deletedRules.includes(rule.ruleName)
      && matchesEventPattern(rule.eventPattern, event) && matchesEventPattern(rule.receiverPattern, event));

  /** The filters that match. */
  const matchingFilters = (rec: Record<string, unknown>) => filters.filter((f) => f.compiled.matches(rec)).map((f) => f.name);

  /** The paths that alert on `rec`. */
  function alertingPaths(rec: Record<string, unknown>, deletedRules: readonly string[] = []): Path[] {
    const paths: Path[] = [];
    if (matchingFilters(rec).length > 0) paths.push('A');
    const event = toEventBridgeEvent(rec) as unknown as Record<string, unknown>;
    const inManagement = rec.recipientAccountId === ACCOUNTS.management;
    if (inManagement && forwarded(event, String(rec.awsRegion), deletedRules, ['api-call']).length > 0) paths.push('B');
    const operation = ALARM_CONFIG_CALLS[String(rec.eventName)];
    if (inManagement && rec.eventSource === 'monitoring.amazonaws.com' && operation && rec.errorCode === undefined) {
      const alarmEvents = alarmNamesOf(rec).map((alarmName) => ({
        version: '0', source: 'aws.cloudwatch', 'detail-type': ALARM_EVENT_DETAIL_TYPES.configurationChange,
        account: ACCOUNTS.management, region: rec.awsRegion, resources: [], detail: { alarmName, operation },
      }));
      if (alarmEvents.some((e) => forwarded(e, String(rec.awsRegion), deletedRules, ['alarm-config']).length > 0)) paths.push('C');
    }
    return paths;
  }
  return { alertingPaths, matchingFilters };
}

/** What each path needs (docs/tamper-alerts.md, "The paths"); `tamper rule` is checked per rule by name. */
export const PATH_DEPENDS_ON: Record<Path, readonly string[]> = {
  A: ['filter', 'alarm', 'alarm actions', 'log group', 'trail', 'trail delivery'],
  // A key on the management account's default bus that EventBridge cannot use stops every rule there.
  B: ['default bus'],
  C: ['default bus'],
};

/** Where each path's messages land: topic → account, and whether the hop needs the tamper bus and forwarder role. */
const SINKS: Record<Path, readonly { topic: string; account: 'security' | 'management'; viaBus: boolean }[]> = {
  A: [
    { topic: 'security topic', account: 'security', viaBus: false },
    { topic: 'security tamper topic', account: 'security', viaBus: false },
    { topic: 'management tamper topic', account: 'management', viaBus: false },
  ],
  B: [
    { topic: 'security topic', account: 'security', viaBus: true },
    { topic: 'security tamper topic', account: 'security', viaBus: true },
    { topic: 'management tamper topic', account: 'management', viaBus: false },
  ],
  C: [
    { topic: 'security topic', account: 'security', viaBus: true },
    { topic: 'security tamper topic', account: 'security', viaBus: true },
  ],
};

/** The accounts a path still delivers to when `off` (what calls switched off) is gone; empty when the path is dead. */
export function deliveredBy(path: Path, switchedOff: readonly string[]): ('security' | 'management')[] {
  // An RCP on the security account can deny both of its topics' keys to AWS services at once.
  const off = switchedOff.flatMap((item) => (item === 'security account topics' ? ['security topic', 'security tamper topic'] : [item]));
  if (PATH_DEPENDS_ON[path].some((d) => off.includes(d))) return [];
  const busDown = off.includes('tamper bus') || off.includes('forwarder role');
  const accounts = SINKS[path].filter((sink) => !off.includes(sink.topic) && !(sink.viaBus && busDown)).map((sink) => sink.account);
  return [...new Set(accounts)];
}

/** The rule names a call removes or disables (`events:DeleteRule` etc. on a tamper rule), for `alertingPaths`' `deletedRules`. */
export function rulesSwitchedOff(rec: Record<string, unknown>): string[] {
  const params = (rec.requestParameters ?? {}) as Record<string, unknown>;
  if (rec.eventSource !== 'events.amazonaws.com' || rec.recipientAccountId !== ACCOUNTS.management) return [];
  const name = typeof params.name === 'string' ? params.name : typeof params.rule === 'string' ? params.rule : undefined;
  return name ? [name] : [];
}
