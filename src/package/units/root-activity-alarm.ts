import type { CisMonitoringProps } from '../../constructs/cis-monitoring';
import { PACKAGE_PATHS, type Plan } from '../../plan';
import { RootActivityAlarmStack } from '../../stacks/root-activity-alarm-stack';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/**
 * The org-wide root-activity filter and alarm, in the management account where the org trail's log
 * group is; with `cisMonitoring`, the CIS filters and alarms join the same stack (same account and
 * log group, one stack set less for CfCT to run).
 */
export function rootActivityAlarmUnit(plan: Plan): PackageUnit {
  const stackSet = plan.stackSets.find((s) => s.key === 'rootActivityAlarm');
  if (!stackSet) throw new Error('internal error: the plan has no root-activity alarm stack set');
  const [rootFilter] = plan.metricFilters;
  const cisMonitoring = cisMonitoringProps(plan);
  const what = cisMonitoring
    ? `root-activity metric filter and alarm, and CIS AWS Foundations ${cisMonitoring.alarms.map((a) => a.cisId).join(', ')} monitoring filters and alarms,`
    : 'root-activity metric filter and alarm';
  const file = PACKAGE_PATHS.alarmTemplate;
  return {
    template: {
      file,
      stackId: 'RootActivityAlarm',
      create: (app, id, props) => new RootActivityAlarmStack(app, id, {
        ...props,
        description: templateDescription(`${what} on ${plan.organizationTrail.logGroupName} (management account)`),
        logGroupName: rootFilter.logGroupName,
        filterPattern: rootFilter.pattern,
        filterName: rootFilter.filterName,
        metricNamespace: rootFilter.metricNamespace,
        metricName: rootFilter.metricName,
        alarmName: plan.names.alarm,
        topicArn: plan.securityTopic.arn,
        ...plan.alarm,
        cisMonitoring,
      }),
    },
    resources: [stackSetResource(stackSet, 'Root-activity metric filter and alarm on the Control Tower log group, in the management account', file)],
  };
}

/** Props of the CIS monitoring in the alarm stack, or undefined when `cisMonitoring` is off. */
function cisMonitoringProps(plan: Plan): CisMonitoringProps | undefined {
  if (plan.cisAlarms.length === 0) return undefined;
  return { logGroupName: plan.organizationTrail.logGroupName, alarms: plan.cisAlarms, topicArn: plan.securityTopic.arn, ...plan.alarm };
}
