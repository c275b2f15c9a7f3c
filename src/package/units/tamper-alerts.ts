import { PACKAGE_PATHS, type Plan } from '../../plan';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/* Loaded on demand, like the fast-alert stacks: a build with `tamperAlerts: false` never evaluates it. */
const loadTamperAlertsStack = () => (require('../../stacks/tamper-alerts-stack') as typeof import('../../stacks/tamper-alerts-stack')).TamperAlertsStack;

/**
 * Tamper alerts (docs/tamper-alerts.md): the tamper filters, alarm, rules and topic in the management
 * account, home region, in their own stack set. Undefined when `tamperAlerts: false`.
 */
export function tamperAlertsUnit(plan: Plan): PackageUnit | undefined {
  const stackSet = plan.stackSets.find((s) => s.key === 'tamperAlerts');
  const tamper = plan.tamperAlerts;
  if (!stackSet || !tamper) return undefined;
  const file = PACKAGE_PATHS.tamperAlertsTemplate;
  return {
    template: {
      file,
      // Each address is one AWS::SNS::Subscription in this template.
      growsWith: { key: ['securityTopic', 'emails'], count: tamper.emails.length, noun: 'address', resourcesEach: 1 },
      stackId: 'TamperAlerts',
      create: (app, id, props) => new (loadTamperAlertsStack())(app, id, {
        ...props,
        description: templateDescription(`tamper alerts: ${tamper.filters.length} metric filters and an alarm on ${tamper.logGroupName}, ${tamper.rules.length} EventBridge rules and a tamper topic (management account)`),
        logGroupName: tamper.logGroupName,
        filters: tamper.filters.map((f) => ({ filterName: f.filterName, pattern: f.pattern })),
        metricNamespace: tamper.metricNamespace,
        metricName: tamper.metricName,
        alarmName: tamper.alarmName,
        rules: tamper.rules.map((r) => ({ ruleName: r.ruleName, title: r.group.title, eventPattern: r.eventPattern })),
        securityTopicArn: plan.securityTopic.arn,
        topicName: tamper.topicName,
        topicKeyAlias: tamper.topicKeyAlias,
        emails: tamper.emails,
      }),
    },
    resources: [stackSetResource(stackSet, 'Tamper alerts: who switched root-guard detection off, in the management account', file)],
  };
}
