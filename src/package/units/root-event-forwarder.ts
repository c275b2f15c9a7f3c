import { PACKAGE_PATHS, type Plan } from '../../plan';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/* Loaded on demand, like the bus (security-event-bus.ts): a build without fastAlerts never evaluates it. */
const loadRootEventForwarderStack = () => (require('../../stacks/root-event-forwarder-stack') as typeof import('../../stacks/root-event-forwarder-stack')).RootEventForwarderStack;

/**
 * Fast alerts: the rule forwarding root activity to the central bus, in every root-check account and
 * the management account, in every Region of `fastAlerts.regions`. Undefined when off.
 */
export function rootEventForwarderUnit(plan: Plan): PackageUnit | undefined {
  const stackSet = plan.stackSets.find((s) => s.key === 'rootEventForwarder');
  const fast = plan.fastAlerts;
  if (!stackSet || !fast) return undefined;
  const file = PACKAGE_PATHS.rootEventForwarderTemplate;
  return {
    template: {
      file,
      stackId: 'RootEventForwarder',
      create: (app, id, props) => new (loadRootEventForwarderStack())(app, id, {
        ...props,
        description: templateDescription('EventBridge rule forwarding root activity to the security event bus (every covered account and Region)'),
        ruleName: plan.names.forwarderRule,
        roleNamePrefix: plan.names.forwarderRolePrefix,
        targetEventBusArn: fast.eventBusArn,
        boundaryInAccount: { accountId: plan.accounts.management, policyName: plan.names.forwarderBoundaryPolicy },
      }),
    },
    resources: [stackSetResource(stackSet, 'Forwards root activity to the security event bus, in every root-check account and the management account', file)],
  };
}
