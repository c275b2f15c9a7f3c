import { CONTROL_TOWER_EXECUTION_ROLE, EXECUTION_ROLE_SIDS, type ExecutionRoleStatement } from '../../../plan';
import { type ManagementRead, needsManagement, NOT_IN_MANAGEMENT, notChecked, PREFLIGHT_API, type PreflightFinding } from '../finding';
import type { InlinePolicySids } from '../read-role-policies';

/** What {@link checkExecutionRolePolicy} needs. */
export interface ExecutionRolePolicyFacts {
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /** The role's inline policies and their Sids; `absent` when there is no role (the execution-role check reports that). */
  readonly policies: ManagementRead<readonly InlinePolicySids[] | 'absent'>;
  /** The statements the config's prerequisite has (src/plan/execution-role.ts). */
  readonly required: readonly ExecutionRoleStatement[];
}

const PREREQUISITE = 'prerequisites/management-account-execution-role.json';
const FIX = `redeploy ${PREREQUISITE}: run \`npx root-guard build\`, then update the CloudFormation stack you created from it in the management account`;

/**
 * The management account's execution role carries every statement the current config's prerequisite
 * has. The prerequisite is deployed by hand, outside the pipeline, so turning on a feature that deploys
 * more in the management account (tamper alerts, on by default; fast alerts; root checks there) leaves
 * an old role without the rights, and CfCT's stack set fails in that account only
 * (docs/tamper-alerts.md, "redeploy the prerequisite"). Compared by Sid: a statement changed in a
 * later version under the same Sid is not detected.
 */
export function checkExecutionRolePolicy(facts: ExecutionRolePolicyFacts): PreflightFinding[] {
  const target = `account ${facts.managementAccountId}`;
  const api = `${PREFLIGHT_API.listRolePolicies}, ${PREFLIGHT_API.getRolePolicy}`;
  const { policies } = facts;
  if (policies === NOT_IN_MANAGEMENT) return [needsManagement('execution-role-policy', target, api, facts.callerAccount)];
  if (!policies.ok) return [notChecked('execution-role-policy', policies.failure, `read the inline policies of ${CONTROL_TOWER_EXECUTION_ROLE}`)];
  // No role: the execution-role check fails with the same fix; one finding is enough.
  if (policies.value === 'absent') return [];

  const present = new Set(policies.value.flatMap((p) => p.sids));
  const known = new Set<string>(Object.values(EXECUTION_ROLE_SIDS));
  if (![...present].some((sid) => known.has(sid))) {
    const names = policies.value.map((p) => p.name).join(', ') || 'none';
    return [{
      check: 'execution-role-policy', status: 'warn', target, api,
      message: `${CONTROL_TOWER_EXECUTION_ROLE} has none of the statements of ${PREREQUISITE} (inline policies: ${names}): it was made another way, so preflight cannot tell whether it allows what the package deploys in the management account (check it by hand, or deploy the prerequisite)`,
    }];
  }
  const missing = facts.required.filter((s) => !present.has(s.sid));
  if (missing.length > 0) {
    const byFeature = new Map<string, string[]>();
    for (const s of missing) byFeature.set(s.neededFor, [...(byFeature.get(s.neededFor) ?? []), s.sid]);
    const listed = [...byFeature].map(([feature, sids]) => `${sids.join(', ')} (for ${feature})`).join('; ');
    return [{
      check: 'execution-role-policy', status: 'fail', target, api,
      message: `${CONTROL_TOWER_EXECUTION_ROLE} lacks ${missing.length} statement(s) of the current prerequisite: ${listed}; CfCT's stack sets in the management account will fail (${FIX})`,
    }];
  }
  const required = new Set(facts.required.map((s) => s.sid));
  const extra = [...present].filter((sid) => known.has(sid) && !required.has(sid));
  return [{
    check: 'execution-role-policy', status: 'pass', target, api,
    message: `${CONTROL_TOWER_EXECUTION_ROLE} has the ${required.size} statements the current prerequisite has`
      + (extra.length > 0 ? `; ${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} no longer needed by this config (redeploying the prerequisite removes ${extra.length === 1 ? 'it' : 'them'})` : ''),
  }];
}
