import { Duration } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Properties of {@link RootActivityAlarm}. */
export interface RootActivityAlarmProps {
  /** Log group the organization trail delivers to (the plan's `organizationTrail.logGroupName`). */
  readonly logGroupName: string;
  /** Filter pattern, used verbatim. */
  readonly filterPattern: string;
  readonly filterName: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly alarmName: string;
  /** ARN of the topic the alarm notifies; may be in another account. */
  readonly topicArn: string;
  /** @default 300 */
  readonly periodSeconds?: number;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default 1 */
  readonly threshold?: number;
  /** Never `Sum` (src/detection/alarm-statistic.ts). @default 'Maximum' */
  readonly statistic?: 'Maximum' | 'SampleCount';
}

/**
 * A metric filter on the organization trail's log group and an alarm on its metric: Security Hub
 * CloudWatch.1 / CIS 4.3, in the one place Control Tower delivers every account's events.
 *
 * Values follow Security Hub's remediation (metric value 1, GreaterThanOrEqualToThreshold 1 over 300 s)
 * except the statistic: Maximum, which a negative PutMetricData cannot hide (src/detection/alarm-statistic.ts) (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1).
 * Missing data is not breaching: no root activity means no data points, which is the healthy state.
 */
export class RootActivityAlarm extends Construct {
  public readonly metricFilter: logs.MetricFilter;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: RootActivityAlarmProps) {
    super(scope, id);
    const periodSeconds = props.periodSeconds ?? 300;
    const evaluationPeriods = props.evaluationPeriods ?? 1;
    if (periodSeconds < 60 || periodSeconds % 60 !== 0) {
      throw new Error(`RootActivityAlarm: periodSeconds must be a multiple of 60, got ${periodSeconds}`);
    }
    if (periodSeconds * evaluationPeriods > 86400) {
      throw new Error(`RootActivityAlarm: periodSeconds x evaluationPeriods must be at most 86400 s, got ${periodSeconds * evaluationPeriods}`);
    }

    this.metricFilter = new logs.MetricFilter(this, 'MetricFilter', {
      logGroup: logs.LogGroup.fromLogGroupName(this, 'LogGroup', props.logGroupName),
      filterName: props.filterName,
      // literal(): CloudWatch.1 compares the string exactly, so no re-rendering by the CDK.
      filterPattern: logs.FilterPattern.literal(props.filterPattern),
      metricNamespace: props.metricNamespace,
      metricName: props.metricName,
      metricValue: '1',
    });

    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription: `Root user activity in the organization (CIS 4.3 / Security Hub CloudWatch.1). Investigate with: root-guard investigate --since 1h`,
      metric: this.metricFilter.metric({ statistic: props.statistic ?? cloudwatch.Stats.MAXIMUM, period: Duration.seconds(periodSeconds) }),
      threshold: props.threshold ?? 1,
      evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
    });
    this.alarm.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, 'Topic', props.topicArn)));
  }
}
