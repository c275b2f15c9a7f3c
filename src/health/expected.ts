import type { Plan } from '../plan/create-plan';
import { CONTROL_TOWER_TRAIL_NAME } from '../plan/sentinel';

/** A metric filter the package deploys on the organization trail's log group. */
export interface ExpectedFilter {
  readonly filterName: string;
  readonly pattern: string;
  readonly metricNamespace: string;
  readonly metricName: string;
}

/** An alarm the package deploys in the management account, as CloudWatch describes it. */
export interface ExpectedAlarm {
  readonly alarmName: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: string;
  readonly threshold: number;
  readonly comparisonOperator: string;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly treatMissingData: string;
  /** Actions the alarm must have (it may have more). */
  readonly actions: readonly string[];
  /** The canary's alarm: in ALARM means the path is broken (`canary` finding). */
  readonly canary?: boolean;
}

/** A topic alarms notify, and who must be able to publish to it and use its key. */
export interface ExpectedTopic {
  readonly arn: string;
  /** Service principals that publish (cloudwatch.amazonaws.com; events.amazonaws.com with fast alerts). */
  readonly publishers: readonly string[];
  /** The account whose alarms publish: an `aws:SourceAccount` condition must admit it. */
  readonly alarmAccountId: string;
}

/** What healthy detection looks like, from the plan: the one input both audit and the verifier compare with. */
export interface ExpectedDetection {
  readonly logGroupName: string;
  /** The trail GetTrailStatus reads. */
  readonly trailName: string;
  readonly filters: readonly ExpectedFilter[];
  readonly alarms: readonly ExpectedAlarm[];
  readonly topics: readonly ExpectedTopic[];
  /** The last CloudWatch Logs delivery may be at most this old. */
  readonly deliveryMaxAgeMinutes: number;
}

/** CloudWatch's names for what every root-guard constructs write (src/constructs/*: GREATER_THAN_OR_EQUAL_TO_THRESHOLD, NOT_BREACHING). */
const AT_OR_ABOVE = 'GreaterThanOrEqualToThreshold';
const NOT_BREACHING = 'notBreaching';

/** The delivery age allowed when the plan has no sentinel (audit alone): an hour. */
export const DEFAULT_DELIVERY_MAX_AGE_MINUTES = 60;

/**
 * The expected detection of a plan: every filter on the trail's log group (root, CIS, tamper, canary)
 * and every alarm on their metrics, with the settings the constructs write (test/health/expected.test.ts
 * compares this list with the synthesized templates, so the two cannot drift apart).
 */
export function expectedDetection(plan: Plan): ExpectedDetection {
  const topic = plan.securityTopic.arn;
  const logGroupName = plan.organizationTrail.logGroupName;
  const filters: ExpectedFilter[] = plan.metricFilters.map((f) => ({ filterName: f.filterName, pattern: f.pattern, metricNamespace: f.metricNamespace, metricName: f.metricName }));
  const settings = {
    statistic: plan.alarm.statistic,
    threshold: plan.alarm.threshold,
    comparisonOperator: AT_OR_ABOVE,
    period: plan.alarm.periodSeconds,
    evaluationPeriods: plan.alarm.evaluationPeriods,
    treatMissingData: NOT_BREACHING,
    actions: [topic],
  };
  const root = plan.metricFilters[0];
  const alarms: ExpectedAlarm[] = [
    { alarmName: plan.names.alarm, namespace: root.metricNamespace, metricName: root.metricName, ...settings },
    ...plan.cisAlarms.map((a) => ({ alarmName: a.alarmName, namespace: a.metricNamespace, metricName: a.metricName, ...settings })),
  ];
  const tamper = plan.tamperAlerts;
  if (tamper) {
    filters.push(...tamper.filters.map((f) => ({ filterName: f.filterName, pattern: f.pattern, metricNamespace: tamper.metricNamespace, metricName: tamper.metricName })));
    // src/constructs/tamper-alerts.ts: Maximum >= 1 over 300 s, one period; the delivery alarm: AWS/Logs
    // IncomingLogEvents Sum < 1 over its period, missing data breaching. Both notify every tamper topic.
    const actions = [...tamper.alarmTopicArns];
    alarms.push({ alarmName: tamper.alarmName, namespace: tamper.metricNamespace, metricName: tamper.metricName, statistic: 'Maximum', threshold: 1, comparisonOperator: AT_OR_ABOVE, period: 300, evaluationPeriods: 1, treatMissingData: NOT_BREACHING, actions });
    const delivery = tamper.deliveryAlarm;
    alarms.push({ alarmName: delivery.alarmName, namespace: 'AWS/Logs', metricName: 'IncomingLogEvents', statistic: 'Sum', threshold: 1, comparisonOperator: 'LessThanThreshold', period: delivery.periodSeconds, evaluationPeriods: 1, treatMissingData: 'breaching', actions });
  }
  const sentinel = plan.sentinel;
  if (sentinel) {
    const c = sentinel.canary;
    filters.push({ filterName: c.filterName, pattern: c.pattern, metricNamespace: c.metricNamespace, metricName: c.metricName });
    // src/constructs/sentinel-reader.ts: SampleCount < 1, missing data breaching.
    // Like the tamper alarms, it notifies every tamper topic too when there are any.
    const canaryActions = tamper ? [...tamper.alarmTopicArns] : [topic];
    alarms.push({ alarmName: c.alarmName, namespace: c.metricNamespace, metricName: c.metricName, statistic: 'SampleCount', threshold: 1, comparisonOperator: 'LessThanThreshold', period: c.periodSeconds, evaluationPeriods: c.evaluationPeriods, treatMissingData: 'breaching', actions: canaryActions, canary: true });
  }
  return {
    logGroupName,
    trailName: sentinel?.trailName ?? CONTROL_TOWER_TRAIL_NAME,
    filters,
    alarms,
    topics: [
      // EventBridge publishes to the security topic from the fast-alert bus and from the tamper bus (src/package/units/security-topic.ts).
      { arn: topic, publishers: plan.fastAlerts || tamper ? ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] : ['cloudwatch.amazonaws.com'], alarmAccountId: plan.accounts.management },
      // The security account's tamper topic: the alarms and the tamper bus's rules notify it (src/constructs/tamper-topic.ts).
      ...(tamper ? [{ arn: tamper.receiver.topicArn, publishers: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'], alarmAccountId: plan.accounts.management }] : []),
    ],
    deliveryMaxAgeMinutes: sentinel?.deliveryMaxAgeMinutes ?? DEFAULT_DELIVERY_MAX_AGE_MINUTES,
  };
}
