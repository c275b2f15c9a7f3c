/**
 * The events CloudWatch sends to EventBridge about root-guard's alarms, as patterns: the channel that
 * mute rules and `DisableAlarmActions` do not stop.
 *
 * "CloudWatch sends events to Amazon EventBridge whenever a CloudWatch alarm is created, updated,
 * deleted, or changes alarm state", and "CloudWatch guarantees the delivery of alarm state change events
 * to EventBridge" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html,
 * read 2026-12-08). A muted alarm still changes state: "targeted alarms continue to evaluate metrics and
 * transition between states, but their configured actions ... are muted"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarmmuterule.html,
 * read 2026-12-08). Events carry `detail.alarmName`; the state change's new state is `detail.state.value`.
 */
import type { EventPattern } from './root-event-pattern';

/** The two detail types, as CloudWatch names them. */
export const ALARM_EVENT_DETAIL_TYPES = {
  stateChange: 'CloudWatch Alarm State Change',
  configurationChange: 'CloudWatch Alarm Configuration Change',
} as const;

/** A root-guard alarm (name starting with `alarmNamePrefix`) going into ALARM, muted or not. */
export function alarmStateChangePattern(alarmNamePrefix: string): EventPattern {
  return {
    source: ['aws.cloudwatch'],
    'detail-type': [ALARM_EVENT_DETAIL_TYPES.stateChange],
    detail: { alarmName: [{ prefix: alarmNamePrefix }], state: { value: ['ALARM'] } },
  };
}

/** A root-guard alarm created, updated (its actions disabled, say) or deleted. */
export function alarmConfigurationChangePattern(alarmNamePrefix: string): EventPattern {
  return {
    source: ['aws.cloudwatch'],
    'detail-type': [ALARM_EVENT_DETAIL_TYPES.configurationChange],
    detail: { alarmName: [{ prefix: alarmNamePrefix }] },
  };
}
