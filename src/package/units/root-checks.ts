import { PACKAGE_PATHS, type Plan } from '../../plan';
import { RootChecksStack } from '../../stacks/root-checks-stack';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/**
 * The one member-account stack set: the AWS Config root checks in the home region and, with fast alerts
 * on, the forwarder in every fast-alert Region (conditions on AWS::Region in one template,
 * src/stacks/root-checks-stack.ts), to the root-check OUs (plus the management account for the forwarder).
 */
export function rootChecksUnit(plan: Plan): PackageUnit {
  const stackSet = plan.stackSets.find((s) => s.key === 'rootChecks');
  if (!stackSet) throw new Error('internal error: the plan has no root-checks stack set');
  const file = PACKAGE_PATHS.rootChecksTemplate;
  const fast = plan.fastAlerts;
  return {
    template: {
      file,
      stackId: 'RootChecks',
      create: (app, id, props) => new RootChecksStack(app, id, {
        ...props,
        description: templateDescription(fast
          ? 'AWS Config rules for the root user (home region only) and the fast-alert forwarder to the security event bus (fast-alert Regions), one stack per account and Region'
          : 'AWS Config rules for the root user (MFA, hardware MFA, access keys), one per account, home region'),
        ruleNames: plan.names.configRules,
        hardwareMfa: plan.rootChecks.hardwareMfa,
        accessKeys: plan.rootChecks.accessKeys,
        maximumExecutionFrequency: plan.rootChecks.maximumExecutionFrequency,
        ...(fast
          ? {
            forwarding: {
              forwarder: {
                ruleName: plan.names.forwarderRule,
                roleNamePrefix: plan.names.forwarderRolePrefix,
                targetEventBusArn: fast.eventBusArn,
                boundaryInAccount: { accountId: plan.accounts.management, policyName: plan.names.forwarderBoundaryPolicy },
              },
              homeRegion: plan.homeRegion,
              regions: fast.regions,
              ...(plan.rootChecks.includeManagementAccount ? {} : { accountWithoutRootChecks: plan.accounts.management }),
            },
          }
          : {}),
      }),
    },
    resources: [stackSetResource(stackSet, fast
      ? 'AWS Config rules for the root user (home region) and the fast-alert forwarder (fast-alert Regions), in every targeted account'
      : 'AWS Config rules for the root user in every targeted account', file)],
  };
}
