import { CONTROL_TOWER_EXECUTION_ROLE, EXECUTION_ROLE_SIDS, type ExecutionRoleStatement } from '../../../plan';
import { type ManagementRead, needsManagement, NOT_IN_MANAGEMENT, notChecked, PREFLIGHT_API, type PreflightFinding } from '../finding';
import type { InlinePolicySids, LiveStatement } from '../read-role-policies';

/** What {@link checkExecutionRolePolicy} needs. */
export interface ExecutionRolePolicyFacts {
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /** The role's inline policies and their Sids; `absent` when there is no role (the execution-role check reports that). */
  readonly policies: ManagementRead<readonly InlinePolicySids[] | 'absent'>;
  /** The statements the config's prerequisite has, with their actions (src/plan/execution-role.ts). */
  readonly required: readonly ExecutionRoleStatement[];
  /**
   * The log group the package's metric filters go on, as the ARN ManageMetricFilter must allow:
   * landing zone 4.0 renames it, and a role deployed for the old name cannot create filters on the new one.
   */
  readonly metricFilterLogGroupArn?: string;
}

const PREREQUISITE = 'prerequisites/management-account-execution-role.json';
const FIX = `redeploy ${PREREQUISITE}: run \`npx root-guard build\`, then update the CloudFormation stack you created from it in the management account`;

/**
 * The management account's execution role carries every statement the current config's prerequisite
 * has. The prerequisite is deployed by hand, outside the pipeline, so turning on a feature that deploys
 * more in the management account (tamper alerts, on by default; fast alerts; root checks there) leaves
 * an old role without the rights, and CfCT's stack set fails in that account only
 * (docs/tamper-alerts.md, "redeploy the prerequisite"). Compared by Sid, then within each statement:
 * every action the prerequisite lists must be allowed (patterns such as `logs:*` count, matched as IAM
 * matches actions: case-insensitive, `*` and `?`), and ManageMetricFilter must allow the log group the
 * filters go on. Other resources and conditions are not compared.
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
  const changed = changedStatements(facts, policies.value.flatMap((p) => p.statements));
  if (changed.length > 0) {
    return [{
      check: 'execution-role-policy', status: 'fail', target, api,
      message: `${CONTROL_TOWER_EXECUTION_ROLE} has the current prerequisite's statements, but ${changed.length === 1 ? 'one allows' : `${changed.length} allow`} less than it: ${changed.join('; ')}; CfCT's stack sets in the management account will fail (${FIX})`,
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

/** What the live statements of each required Sid lack: actions, and for ManageMetricFilter the log group. */
function changedStatements(facts: ExecutionRolePolicyFacts, live: readonly LiveStatement[]): string[] {
  const problems: string[] = [];
  for (const statement of facts.required) {
    const same = live.filter((l) => l.sid === statement.sid);
    if (same.length === 0) continue; // a Deny, or no statement: the missing-Sid check above speaks for it
    const actions = same.flatMap((l) => l.actions);
    const lacking = statement.actions.filter((action) => !actions.some((pattern) => matches(pattern, action, 'i')));
    if (lacking.length > 0) problems.push(`${statement.sid} lacks ${lacking.join(', ')}`);
    if (statement.sid === EXECUTION_ROLE_SIDS.manageMetricFilter && facts.metricFilterLogGroupArn) {
      const resources = same.flatMap((l) => l.resources);
      if (!resources.some((pattern) => matches(pattern, facts.metricFilterLogGroupArn!, ''))) {
        problems.push(`${statement.sid} allows ${resources.join(', ') || 'no resource'}, not ${facts.metricFilterLogGroupArn}, the log group the metric filters go on (was the log group renamed, e.g. by landing zone 4.0?)`);
      }
    }
  }
  return problems;
}

/**
 * IAM's matching of an Action or Resource element: `*` any run of characters, `?` one character;
 * actions case-insensitively (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 */
function matches(pattern: string, value: string, flags: '' | 'i'): boolean {
  const source = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, flags).test(value);
}
