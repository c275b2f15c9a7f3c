/**
 * The statistic every root-guard alarm on a metric-filter metric uses (root, CIS, tamper).
 *
 * Not `Sum`: anyone allowed `cloudwatch:PutMetricData` can publish large negative values into a
 * custom namespace such as `LogMetrics`, and a `Sum >= 1` alarm then never sees the filter's 1s
 * (PutMetricData accepts values from -2^360 to 2^360,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html, read
 * 2026-12-08). `Maximum` cannot be pushed down by another data point: a period with one real match
 * has a maximum of at least 1, whatever else was published. `SampleCount` counts data points, which
 * PutMetricData can add to (a false alarm) but not take away: it is used only when the config asks
 * for more than one event per period (`alarm.threshold` > 1), which `Maximum` cannot count.
 *
 * Security Hub CloudWatch.1 does not check the statistic: its checks are the filter pattern on the
 * log group of an active multi-Region trail and an alarm on the filter's metric whose SNS topic has a
 * subscriber; `--statistic Sum` appears only in its remediation steps
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1,
 * read 2026-12-08; docs/reference/detection.md#alarm-statistic).
 */
export type LogMetricStatistic = 'Maximum' | 'SampleCount';

/** The statistic for an alarm that fires at `threshold` matching events per period. */
export function logMetricAlarmStatistic(threshold: number): LogMetricStatistic {
  return threshold <= 1 ? 'Maximum' : 'SampleCount';
}

/** Statistics an alarm on a root-guard metric must never use (a negative data point hides a match). */
export const POISONABLE_STATISTICS: readonly string[] = ['Sum', 'Average', 'Minimum'];
