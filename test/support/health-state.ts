import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { RootGuardConfig } from '../../src/config/schema';
import { expectedDetection, type ExpectedDetection } from '../../src/health';
import type { ObservedDetection, ObservedMuteRule, ObservedSubscription, ObservedTrailStatus, Reading } from '../../src/health/observed';
import { createPlan } from '../../src/plan/create-plan';

/**
 * Recorded AWS responses of one verification, in the AWS SDK for JavaScript v3's shapes: the one
 * input that drives the shared rules (src/health/), `root-guard audit` (through aws-sdk-client-mock)
 * and the sentinel's state machine (test/support/states-interpreter.ts, field names in PascalCase as
 * Step Functions returns them). Values are documentation values.
 */

/** A response, or the error the call failed with (`name` as the SDK and Step Functions report it). */
export type Recorded<T> = { readonly value: T } | { readonly error: { readonly name: string; readonly message: string } };

export interface RecordedTopic {
  /** GetTopicAttributes' Attributes (Policy, KmsMasterKeyId …). */
  readonly attributes: Recorded<Record<string, string>>;
  readonly subscriptions: Recorded<ObservedSubscription[]>;
  /** GetKeyPolicy's Policy of the topic's key. */
  readonly keyPolicy?: Recorded<string>;
}

export interface RecordedResponses {
  /** When the verification started (ISO 8601). */
  readonly now: string;
  /** Every filter DescribeMetricFilters lists on the trail's log group (paged by the reader). */
  readonly metricFilters: Recorded<MetricFilter[]>;
  /** Every alarm DescribeAlarms returns for the package's names. */
  readonly alarms: Recorded<MetricAlarm[]>;
  /** GetAlarmMuteRule of every SCHEDULED or ACTIVE rule (ListAlarmMuteRules lists their ARNs). */
  readonly muteRules: Recorded<ObservedMuteRule[]>;
  readonly trailStatus: Recorded<ObservedTrailStatus>;
  readonly topics: Readonly<Record<string, RecordedTopic>>;
}

/** One case of the Proof: recorded responses and the finding keys (`check subject status`) they must give. */
export interface HealthCase {
  readonly name: string;
  readonly responses: RecordedResponses;
  readonly expected: ExpectedDetection;
  readonly findings: readonly string[];
}

export const NOW = '2026-12-08T10:00:00.000Z';
/** Each topic's own key (documentation-style ids, the topic's index last). */
const keyArn = (index: number) => `arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-12345678900${index}`;

/** The expected detection of `config`'s package. */
export function expectedOf(config: RootGuardConfig): ExpectedDetection {
  return expectedDetection(createPlan(config));
}

/** The topic policy the package writes (src/constructs/security-topic.ts), for `topicArn`. */
export function deployedTopicPolicy(topicArn: string, alarmAccount = '111111111111', withEvents = false): string {
  const statements: object[] = [
    { Sid: 'AllowAlarmsOfTheManagementAccountToPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: topicArn,
      Condition: { StringEquals: { 'aws:SourceAccount': alarmAccount }, ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:us-east-1:${alarmAccount}:alarm:root-guard-*` } } },
    { Sid: 'AllowTheManagementAccountToSeeSubscriptions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${alarmAccount}:root` }, Action: ['sns:ListSubscriptionsByTopic', 'sns:GetTopicAttributes'], Resource: topicArn },
    { Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topicArn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ];
  if (withEvents) statements.push({ Sid: 'AllowSecurityEventBusRulesToPublish', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: topicArn });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The key policy the package writes for the topic's key. */
export function deployedKeyPolicy(alarmAccount = '111111111111', withEvents = false): string {
  const statements: object[] = [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'kms:*', Resource: '*' },
    { Sid: 'AllowCloudWatchAlarmsToUseTheKey', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': alarmAccount } } },
    { Sid: 'DenyGrantsToNonAwsServicePrincipals', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } } },
  ];
  if (withEvents) statements.push({ Sid: 'AllowEventBridgeRulesToUseTheKey', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** What a healthy deployment of `expected` answers: every filter and alarm as committed, no mute rule, recent delivery. */
export function healthyResponses(expected: ExpectedDetection, now = NOW): RecordedResponses {
  return {
    now,
    metricFilters: { value: expected.filters.map((f) => ({ filterName: f.filterName, filterPattern: f.pattern, logGroupName: expected.logGroupName, metricTransformations: [{ metricName: f.metricName, metricNamespace: f.metricNamespace, metricValue: '1' }] })) },
    alarms: { value: expected.alarms.map((a) => ({
      AlarmName: a.alarmName, Namespace: a.namespace, MetricName: a.metricName, Statistic: a.statistic as MetricAlarm['Statistic'], Threshold: a.threshold,
      ComparisonOperator: a.comparisonOperator as MetricAlarm['ComparisonOperator'], Period: a.period, EvaluationPeriods: a.evaluationPeriods,
      TreatMissingData: a.treatMissingData, AlarmActions: [...a.actions], ActionsEnabled: true, StateValue: 'OK',
    })) },
    muteRules: { value: [] },
    trailStatus: { value: { IsLogging: true, LatestCloudWatchLogsDeliveryTime: new Date(Date.parse(now) - 4 * 60_000).toISOString() } },
    topics: Object.fromEntries(expected.topics.map((t, i) => [t.arn, {
      attributes: { value: { TopicArn: t.arn, Policy: deployedTopicPolicy(t.arn, t.alarmAccountId, t.publishers.includes('events.amazonaws.com')), KmsMasterKeyId: keyArn(i) } },
      subscriptions: { value: [{ SubscriptionArn: `${t.arn}:0b5c1d2e-example`, Protocol: 'email', Endpoint: 'security@example.com' }] },
      keyPolicy: { value: deployedKeyPolicy(t.alarmAccountId, t.publishers.includes('events.amazonaws.com')) },
    }])),
  };
}

const reading = <T>(r: Recorded<T>): Reading<T> => ('value' in r ? { ok: true, value: r.value } : { ok: false, error: { code: r.error.name, message: r.error.message } });

/** The recorded responses as the shared rules read them (what src/ops/read-detection-health.ts builds from the SDK). */
export function observedOf(responses: RecordedResponses, expected: ExpectedDetection): ObservedDetection {
  return {
    now: responses.now,
    metricFilters: reading(responses.metricFilters),
    alarms: reading(responses.alarms),
    muteRules: reading(responses.muteRules),
    trail: reading(responses.trailStatus),
    topics: expected.topics.map((t) => {
      const topic = responses.topics[t.arn];
      const attributes = reading(topic.attributes);
      const keyed = attributes.ok && !!attributes.value.KmsMasterKeyId && !!topic.keyPolicy;
      return { arn: t.arn, attributes, subscriptions: reading(topic.subscriptions), ...(keyed ? { keyPolicy: reading(topic.keyPolicy!) } : {}) };
    }),
  };
}
