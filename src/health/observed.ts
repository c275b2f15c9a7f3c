/**
 * What the sentinel and `root-guard audit` read, as the AWS SDK for JavaScript v3 returns it (field
 * names and shapes of each API's response; only the fields a rule reads). Step Functions' AWS SDK
 * integration returns the same responses with every field name in PascalCase
 * (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html, read
 * 2026-12-08): CloudWatch Logs' `metricFilters` is `MetricFilters` there, the other services already
 * use PascalCase.
 */

/** One read: its response, or the error that stopped it (an unread fact is never treated as healthy). */
export type Reading<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ReadError };

/** Why a read failed: the error's name (`AccessDeniedException` …) and message. */
export interface ReadError {
  readonly code: string;
  readonly message: string;
}

/** logs:DescribeMetricFilters, one filter (camelCase: the CloudWatch Logs API's own names). */
export interface ObservedMetricFilter {
  readonly filterName?: string;
  readonly filterPattern?: string;
  readonly logGroupName?: string;
  readonly metricTransformations?: readonly { readonly metricName?: string; readonly metricNamespace?: string; readonly metricValue?: string }[];
}

/** cloudwatch:DescribeAlarms, one metric alarm. */
export interface ObservedAlarm {
  readonly AlarmName?: string;
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Statistic?: string;
  readonly Threshold?: number;
  readonly ComparisonOperator?: string;
  readonly Period?: number;
  readonly EvaluationPeriods?: number;
  readonly TreatMissingData?: string;
  readonly AlarmActions?: readonly string[];
  readonly ActionsEnabled?: boolean;
  readonly StateValue?: string;
}

/** cloudwatch:GetAlarmMuteRule of a rule ListAlarmMuteRules listed as SCHEDULED or ACTIVE. */
export interface ObservedMuteRule {
  readonly Name?: string;
  readonly AlarmMuteRuleArn?: string;
  readonly Status?: string;
  readonly MuteTargets?: { readonly AlarmNames?: readonly string[] };
}

/** cloudtrail:GetTrailStatus (a Date from the SDK; an ISO string or epoch number in recorded JSON). */
export interface ObservedTrailStatus {
  readonly IsLogging?: boolean;
  readonly LatestCloudWatchLogsDeliveryTime?: Date | string | number;
  readonly LatestCloudWatchLogsDeliveryError?: string;
}

/** sns:ListSubscriptionsByTopic, one subscription (`PendingConfirmation` until confirmed). */
export interface ObservedSubscription {
  readonly SubscriptionArn?: string;
  readonly Protocol?: string;
  readonly Endpoint?: string;
}

/** One topic the alarms notify: its attributes (Policy, KmsMasterKeyId), subscriptions and key policy. */
export interface ObservedTopic {
  readonly arn: string;
  readonly attributes: Reading<Readonly<Record<string, string>>>;
  readonly subscriptions: Reading<readonly ObservedSubscription[]>;
  /** kms:GetKeyPolicy of the topic's key; absent when the topic has no key or its attributes were not read. */
  readonly keyPolicy?: Reading<string>;
}

/** Everything one verification read: the management account's detection and the topics. */
export interface ObservedDetection {
  /** When the verification started (ISO 8601): delivery age is measured from it. */
  readonly now: string;
  readonly metricFilters: Reading<readonly ObservedMetricFilter[]>;
  readonly alarms: Reading<readonly ObservedAlarm[]>;
  readonly muteRules: Reading<readonly ObservedMuteRule[]>;
  readonly trail: Reading<ObservedTrailStatus>;
  readonly topics: readonly ObservedTopic[];
}

/** Milliseconds since the epoch of a recorded time: a Date, an ISO string, or epoch seconds or milliseconds. */
export function timeMillis(value: Date | string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
