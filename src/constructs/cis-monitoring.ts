import { Duration } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** One CIS control's alarm and the metric filters that feed its metric. */
export interface CisMonitoringAlarm {
  /** CIS id, e.g. `4.1` (used in the construct id and the alarm description). */
  readonly cisId: string;
  readonly title: string;
  /** Security Hub control id, quoted in the alarm description. */
  readonly securityHubControl?: string;
  readonly alarmName: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  /** Filters publishing the metric: one, or two when Security Hub and Prowler want different strings. */
  readonly filters: readonly { readonly filterName: string; readonly pattern: string }[];
}

/** Properties of {@link CisMonitoring}. */
export interface CisMonitoringProps {
  /** Log group the organization trail delivers to (the plan's `organizationTrail.logGroupName`). */
  readonly logGroupName: string;
  readonly alarms: readonly CisMonitoringAlarm[];
  /** ARN of the topic the alarms notify; may be in another account. */
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
 * The CIS AWS Foundations 4.x monitoring filters and alarms on the organization trail's log group,
 * in the same management-account stack as the root alarm: CfCT runs stack sets one at a time, so one
 * stack set less is one execution less per pipeline run (docs/reference/cfct.md#pipeline).
 *
 * Alarm values follow the CIS remediation and Security Hub (metric value 1, GreaterThanOrEqualToThreshold,
 * SNS action) except the statistic: Maximum, not Sum (src/detection/alarm-statistic.ts) (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html).
 * Patterns are used verbatim (`FilterPattern.literal`): Security Hub compares them exactly.
 */
export class CisMonitoring extends Construct {
  public readonly metricFilters: logs.MetricFilter[] = [];
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: CisMonitoringProps) {
    super(scope, id);
    if (props.alarms.length === 0) throw new Error('CisMonitoring: give at least one alarm (leave the construct out when cisMonitoring is off)');
    const logGroup = logs.LogGroup.fromLogGroupName(this, 'LogGroup', props.logGroupName);
    const topic = sns.Topic.fromTopicArn(this, 'Topic', props.topicArn);
    const period = Duration.seconds(props.periodSeconds ?? 300);

    for (const spec of props.alarms) {
      if (spec.filters.length === 0) throw new Error(`CisMonitoring: CIS ${spec.cisId} has no metric filter`);
      const control = new Construct(this, `Cis${spec.cisId.replace('.', '-')}`);
      spec.filters.forEach((filter, index) => {
        this.metricFilters.push(new logs.MetricFilter(control, index === 0 ? 'MetricFilter' : `MetricFilter${index + 1}`, {
          logGroup,
          filterName: filter.filterName,
          filterPattern: logs.FilterPattern.literal(filter.pattern),
          metricNamespace: spec.metricNamespace,
          metricName: spec.metricName,
          metricValue: '1',
        }));
      });
      const alarm = new cloudwatch.Alarm(control, 'Alarm', {
        alarmName: spec.alarmName,
        alarmDescription: `CIS AWS Foundations ${spec.cisId}: ${spec.title}${spec.securityHubControl ? ` (Security Hub ${spec.securityHubControl})` : ''}, organization-wide from ${props.logGroupName}.`,
        metric: new cloudwatch.Metric({ namespace: spec.metricNamespace, metricName: spec.metricName, statistic: props.statistic ?? cloudwatch.Stats.MAXIMUM, period }),
        threshold: props.threshold ?? 1,
        evaluationPeriods: props.evaluationPeriods ?? 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        actionsEnabled: true,
      });
      alarm.addAlarmAction(new actions.SnsAction(topic));
      this.alarms.push(alarm);
    }
  }
}
