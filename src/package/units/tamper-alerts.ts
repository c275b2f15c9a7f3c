import { PACKAGE_PATHS, type Plan } from '../../plan';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/* Loaded on demand, like the fast-alert stacks: a build with `tamperAlerts: false` never evaluates them. */
const loadTamperAlertsStack = () => (require('../../stacks/tamper-alerts-stack') as typeof import('../../stacks/tamper-alerts-stack')).TamperAlertsStack;
const loadTamperReceiverStack = () => (require('../../stacks/tamper-receiver-stack') as typeof import('../../stacks/tamper-receiver-stack')).TamperReceiverStack;

/**
 * Tamper alerts (docs/tamper-alerts.md), management account side: the tamper filters and alarm, the
 * delivery alarm, the rules of path B and the management account's tamper topic, in their own stack
 * set (home region, plus the Region of global service events when that is another one). Undefined when
 * `tamperAlerts: false`.
 */
export function tamperAlertsUnit(plan: Plan): PackageUnit | undefined {
  const stackSet = plan.stackSets.find((s) => s.key === 'tamperAlerts');
  const tamper = plan.tamperAlerts;
  if (!stackSet || !tamper) return undefined;
  const file = PACKAGE_PATHS.tamperAlertsTemplate;
  const globalRegion = tamper.regions.find((region) => region !== plan.homeRegion);
  return {
    template: {
      file,
      // Each address is one AWS::SNS::Subscription in this template.
      growsWith: { key: ['securityTopic', 'emails'], count: tamper.emails.length, noun: 'address', resourcesEach: 1 },
      stackId: 'TamperAlerts',
      create: (app, id, props) => new (loadTamperAlertsStack())(app, id, {
        ...props,
        description: templateDescription(`tamper alerts: ${tamper.filters.length} metric filters and an alarm on ${tamper.logGroupName}, a delivery alarm, ${tamper.rules.length} EventBridge rules forwarding to the security account, and a tamper topic (management account)`),
        logGroupName: tamper.logGroupName,
        filters: tamper.filters.map((f) => ({ filterName: f.filterName, pattern: f.pattern })),
        metricNamespace: tamper.metricNamespace,
        metricName: tamper.metricName,
        alarmName: tamper.alarmName,
        alarmNamePrefix: `${plan.namePrefix}-`,
        rules: tamper.rules.map((r) => ({ ruleName: r.ruleName, title: r.title, eventPattern: r.eventPattern, kind: r.kind, regions: r.regions })),
        alarmTopicArns: tamper.alarmTopicArns.filter((arn) => arn !== tamper.topicArn),
        tamperBusArn: tamper.receiver.eventBusArn,
        forwarderRoleArn: tamper.receiver.forwarderRoleArn,
        deliveryAlarm: tamper.deliveryAlarm,
        homeRegion: plan.homeRegion,
        ...(globalRegion ? { globalRegion } : {}),
        topicName: tamper.topicName,
        topicKeyAlias: tamper.topicKeyAlias,
        emails: tamper.emails,
      }),
    },
    resources: [stackSetResource(stackSet, 'Tamper alerts: who switched root-guard detection off, in the management account', file)],
  };
}

/**
 * Tamper alerts, security account side: the tamper bus the management account forwards to, its
 * formatting rules and the security account's tamper topic. First of the tamper stack sets in the
 * manifest: the bus exists before the rules that send to it.
 */
export function tamperReceiverUnit(plan: Plan): PackageUnit | undefined {
  const stackSet = plan.stackSets.find((s) => s.key === 'tamperReceiver');
  const tamper = plan.tamperAlerts;
  if (!stackSet || !tamper) return undefined;
  const file = PACKAGE_PATHS.tamperReceiverTemplate;
  return {
    template: {
      file,
      stackId: 'TamperReceiver',
      growsWith: { key: ['securityTopic', 'emails'], count: tamper.emails.length, noun: 'address', resourcesEach: 1 },
      create: (app, id, props) => new (loadTamperReceiverStack())(app, id, {
        ...props,
        description: templateDescription(`tamper alerts: the tamper bus, ${tamper.rules.length} formatting rules and a tamper topic (security account)`),
        eventBusName: tamper.receiver.eventBusName,
        forwarderRoleArn: tamper.receiver.forwarderRoleArn,
        managementAccountId: plan.accounts.management,
        rules: tamper.rules.map((r) => ({ ruleName: r.ruleName, title: r.title, eventPattern: r.receiverPattern, kind: r.kind })),
        securityTopicArn: plan.securityTopic.arn,
        topicName: tamper.receiver.topicName,
        topicKeyAlias: tamper.receiver.topicKeyAlias,
        alarmNamePrefix: `${plan.namePrefix}-`,
        alarmRegion: plan.homeRegion,
        emails: tamper.emails,
        localAlarmNames: plan.sentinel ? [plan.sentinel.silenceAlarmName] : undefined,
      }),
    },
    resources: [stackSetResource(stackSet, 'Tamper alerts: the security account receives what the management account forwards', file)],
  };
}
