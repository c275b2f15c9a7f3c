import { PACKAGE_PATHS, type Plan } from '../../plan';
import { RootChecksStack } from '../../stacks/root-checks-stack';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/** The per-account AWS Config root checks: one stack set to the root-check OUs, home region only. */
export function rootChecksUnit(plan: Plan): PackageUnit {
  const stackSet = plan.stackSets.find((s) => s.key === 'rootChecks');
  if (!stackSet) throw new Error('internal error: the plan has no root-checks stack set');
  const file = PACKAGE_PATHS.rootChecksTemplate;
  return {
    template: {
      file,
      stackId: 'RootChecks',
      create: (app, id, props) => new RootChecksStack(app, id, {
        ...props,
        description: templateDescription('AWS Config rules for the root user (MFA, hardware MFA, access keys), one per account, home region'),
        ruleNames: plan.names.configRules,
        hardwareMfa: plan.rootChecks.hardwareMfa,
        accessKeys: plan.rootChecks.accessKeys,
        maximumExecutionFrequency: plan.rootChecks.maximumExecutionFrequency,
      }),
    },
    resources: [stackSetResource(stackSet, 'AWS Config rules for the root user in every targeted account', file)],
  };
}
