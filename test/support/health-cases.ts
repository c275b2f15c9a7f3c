import type { RootGuardConfig } from '../../src/config/schema';
import type { ExpectedDetection } from '../../src/health';
import { minimalConfig } from './config';
import { expectedOf, healthyResponses, NOW, type HealthCase, type RecordedResponses } from './health-state';

/**
 * The Proof's cases (issue 23): recorded responses of one verification for each thing the sentinel
 * must catch, and a healthy one, with the findings (`check subject status`) each must give. The same
 * cases drive the TypeScript rules, `audit`'s reader and the state machine (test/health/).
 */

export const CASE_CONFIG: RootGuardConfig = minimalConfig({ cisMonitoring: ['4.1'] });
const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const TRAIL = 'aws-controltower-BaselineCloudTrail';
const ROOT = 'root-guard-root-activity';

type Edit = (r: RecordedResponses, e: ExpectedDetection) => RecordedResponses;

const edit = (name: string, findings: string[], change: Edit, config = CASE_CONFIG): HealthCase => {
  const expected = expectedOf(config);
  return { name, expected, responses: change(healthyResponses(expected), expected), findings };
};

const topic = (r: RecordedResponses, change: (t: RecordedResponses['topics'][string]) => RecordedResponses['topics'][string]) => ({ ...r, topics: { ...r.topics, [TOPIC]: change(r.topics[TOPIC]) } });
const roleMissing = { name: 'States.TaskFailed', message: 'Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.' };
const muteRule = (name: string, status: string, alarms: string[]) => ({
  Name: name, AlarmMuteRuleArn: `arn:aws:cloudwatch:us-east-1:111111111111:alarm-mute-rule:${name}`, Status: status, MuteTargets: { AlarmNames: alarms },
});

export const HEALTH_CASES: readonly HealthCase[] = [
  edit('healthy', [], (r) => r),
  edit('muted alarm: a recurring mute rule on the root and tamper alarms', [`alarm-muted ${ROOT} failing`, 'alarm-muted root-guard-tamper failing'],
    (r) => ({ ...r, muteRules: { value: [muteRule('nightly-maintenance', 'SCHEDULED', [ROOT, 'root-guard-tamper', 'some-other-alarm'])] } })),
  edit('mute rule planted before deployment, active now', [`alarm-muted ${ROOT} failing`], (r) => ({ ...r, muteRules: { value: [muteRule('old-quiet-hours', 'ACTIVE', [ROOT])] } })),
  edit('an expired mute rule is not a finding', [], (r) => ({ ...r, muteRules: { value: [muteRule('last-year', 'EXPIRED', [ROOT])] } })),
  edit('changed pattern', [`filter ${ROOT} failing`], (r) => ({
    ...r, metricFilters: { value: ('value' in r.metricFilters ? r.metricFilters.value : []).map((f) => (f.filterName === ROOT ? { ...f, filterPattern: '{ $.userIdentity.type = "Root" && $.eventName = "NeverHappens" }' } : f)) },
  })),
  edit('deleted filter and alarm', ['filter root-guard-sentinel-canary missing', 'alarm root-guard-cis-4.1-unauthorized-api-calls missing'], (r) => ({
    ...r,
    metricFilters: { value: ('value' in r.metricFilters ? r.metricFilters.value : []).filter((f) => f.filterName !== 'root-guard-sentinel-canary') },
    alarms: { value: ('value' in r.alarms ? r.alarms.value : []).filter((a) => a.AlarmName !== 'root-guard-cis-4.1-unauthorized-api-calls') },
  })),
  edit('alarm poisoned and silenced: Sum, actions disabled', [`alarm ${ROOT} failing`], (r) => ({
    ...r, alarms: { value: ('value' in r.alarms ? r.alarms.value : []).map((a) => (a.AlarmName === ROOT ? { ...a, Statistic: 'Sum' as const, ActionsEnabled: false } : a)) },
  })),
  edit('canary stopped: its alarm is in ALARM', ['canary root-guard-sentinel-canary failing'], (r) => ({
    ...r, alarms: { value: ('value' in r.alarms ? r.alarms.value : []).map((a) => (a.AlarmName === 'root-guard-sentinel-canary' ? { ...a, StateValue: 'ALARM' as const } : a)) },
  })),
  edit('stale delivery', [`trail-delivery ${TRAIL} failing`], (r) => ({ ...r, trailStatus: { value: { IsLogging: true, LatestCloudWatchLogsDeliveryTime: '2026-12-08T08:00:00.000Z' } } })),
  edit('delivery error reported by the trail', [`trail-delivery ${TRAIL} failing`], (r) => ({
    ...r, trailStatus: { value: { IsLogging: true, LatestCloudWatchLogsDeliveryTime: '2026-12-08T09:58:00.000Z', LatestCloudWatchLogsDeliveryError: 'AccessDeniedException: User is not authorized to perform: logs:PutLogEvents' } },
  })),
  edit('trail stopped', [`trail-logging ${TRAIL} failing`], (r) => ({ ...r, trailStatus: { value: { IsLogging: false, LatestCloudWatchLogsDeliveryTime: '2026-12-08T09:58:00.000Z' } } })),
  edit('lost publish grant', [`topic-publish ${TOPIC} failing`], (r) => topic(r, (t) => ({
    ...t, attributes: { value: { ...('value' in t.attributes ? t.attributes.value : {}), Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sns:Publish', Resource: TOPIC }] }) } },
  }))),
  edit('publish denied to everyone without a condition', [`topic-publish ${TOPIC} failing`], (r) => topic(r, (t) => {
    const attrs = 'value' in t.attributes ? t.attributes.value : {};
    const doc = JSON.parse(attrs.Policy) as { Statement: object[] };
    return { ...t, attributes: { value: { ...attrs, Policy: JSON.stringify({ ...doc, Statement: [...doc.Statement, { Effect: 'Deny', Principal: '*', Action: ['sns:*'], Resource: TOPIC }] }) } } };
  })),
  edit('unconfirmed subscription', [`topic-subscriptions ${TOPIC} failing`], (r) => topic(r, (t) => ({ ...t, subscriptions: { value: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'security@example.com' }] } }))),
  edit('key no longer lets CloudWatch use it', [`topic-key ${TOPIC} failing`], (r) => topic(r, (t) => ({
    ...t, keyPolicy: { value: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'kms:*', Resource: '*' }] }) },
  }))),
  edit('missing role: every management-account read fails', [
    'read logs:DescribeMetricFilters unknown', 'read cloudwatch:DescribeAlarms unknown', 'read cloudwatch:ListAlarmMuteRules unknown', 'read cloudtrail:GetTrailStatus unknown',
  ], (r) => ({ ...r, metricFilters: { error: roleMissing }, alarms: { error: roleMissing }, muteRules: { error: roleMissing }, trailStatus: { error: roleMissing } })),
  edit('healthy, with fast alerts: EventBridge must be able to publish too', [], (r) => r, minimalConfig({ fastAlerts: { regions: ['us-east-1'], organizationId: 'o-exampleorgid' } })),
];

export { NOW };
