import type { Plan } from '../../plan';
import type { PackageUnit } from './package-unit';

/**
 * The SCP baseline: one `deploy_method: scp` entry and one policy file per policy (none when every
 * switch is off). CfCT's SCP stage runs before the stack sets; their place in the manifest is cosmetic.
 */
export function baselineScpsUnit(plan: Plan): PackageUnit {
  const { policies, organizationalUnits } = plan.scp;
  return {
    resources: policies.map((policy) => ({
      name: policy.name,
      description: policy.description,
      resourceFile: policy.fileName,
      deployMethod: 'scp' as const,
      organizationalUnits,
    })),
    files: new Map(policies.map((policy) => [policy.fileName, policy.text])),
  };
}
