import { PACKAGE_PATHS, type Plan } from '../../plan';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/*
 * The fast-alert stacks are loaded with `require` when the unit's stack is created, not imported: a
 * build without fastAlerts (the default) then never evaluates them nor aws-cdk-lib/aws-events. That
 * saves about 4 ms of a cold `root-guard build` (measured in-process, median of 15).
 */
const loadSecurityEventBusStack = () => (require('../../stacks/security-event-bus-stack') as typeof import('../../stacks/security-event-bus-stack')).SecurityEventBusStack;

/** Fast alerts: the central bus and its alert formatting, in the security account. Undefined when off. */
export function securityEventBusUnit(plan: Plan): PackageUnit | undefined {
  const stackSet = plan.stackSets.find((s) => s.key === 'securityEventBus');
  const fast = plan.fastAlerts;
  if (!stackSet || !fast) return undefined;
  const file = PACKAGE_PATHS.securityEventBusTemplate;
  return {
    template: {
      file,
      stackId: 'SecurityEventBus',
      create: (app, id, props) => new (loadSecurityEventBusStack())(app, id, {
        ...props,
        description: templateDescription('central EventBridge bus and alert formatting rules for fast root alerts (security account)'),
        eventBusName: plan.names.eventBus,
        organizationId: fast.organizationId,
        forwarderRoleNamePattern: plan.names.forwarderRoleNamePattern,
        ruleNamePrefix: plan.names.formattingRulePrefix,
        testRuleName: plan.names.alertTestRule,
        topicArn: plan.securityTopic.arn,
        accountNames: fast.accountNames,
      }),
    },
    resources: [stackSetResource(stackSet, 'Central event bus and alert formatting for fast root alerts, in the security account', file)],
  };
}
