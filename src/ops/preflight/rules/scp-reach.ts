import { type AcknowledgedGap, acknowledgementOf } from '../../../config/acknowledged-gaps';
import { reachFix, scpReachesPath } from '../../../plan/scp-reach';
import { type PreflightFinding, type Read, notChecked } from '../finding';

/** What {@link checkScpReach} judges. */
export interface ScpReachFacts {
  /** False when `scp.protectBaseline` (or every SCP switch) is off: nothing to reach. */
  readonly protects: boolean;
  /** `scp.organizationalUnits` (CfCT paths). */
  readonly scpOus: readonly string[];
  /** The root-check (and forwarder) stack set targets, as CfCT paths (`Root` = every account). */
  readonly memberTargets: readonly string[];
  /** The security account (topic, key, bus), unless it is the management account. */
  readonly securityAccount?: {
    readonly id: string;
    /** CfCT path of the OU the account is in (`''` directly under the root), from organizations:ListParents. */
    readonly parentPath: Read<string>;
  };
  readonly managementAccountId: string;
  readonly tamperAlerts: boolean;
  /** The config's `acknowledgedGaps` (those of other checks are ignored here). */
  readonly acknowledged?: readonly AcknowledgedGap[];
}

/** The message of an acknowledged gap: the reason first, then what is not reached. */
function acknowledgedMessage(gap: AcknowledgedGap, unreached: string): string {
  return `acknowledged gap (acknowledgedGaps in root-guard.config.yaml: ${JSON.stringify(gap.reason)}): ${unreached}`;
}

/**
 * Does the SCP baseline reach what `scp.protectBaseline` protects? An SCP applies to the accounts
 * under the root or OU it is attached to and to every OU nested below
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html),
 * never to the management account
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 * A protected resource in an account outside those OUs can be deleted by that account's administrator.
 */
export function checkScpReach(facts: ScpReachFacts): PreflightFinding[] {
  const check = 'scp-reach' as const;
  if (!facts.protects) return [];
  const api = 'root-guard.config.yaml';
  const under = facts.scpOus.join(', ');
  const used = new Set<AcknowledgedGap>();
  const acknowledged = (name: string) => {
    const gap = acknowledgementOf(facts.acknowledged, check, name);
    if (gap) used.add(gap);
    return gap;
  };
  const findings: PreflightFinding[] = facts.memberTargets.map((path) => {
    const target = path === 'Root' ? 'root checks on Root' : `root checks on OU ${path}`;
    if (scpReachesPath(facts.scpOus, path)) return { check, status: 'pass', target, api, message: `the SCP on ${under} reaches the root checks and forwarders there` };
    const gap = acknowledged(path);
    return gap
      ? { check, status: 'warn', target, api, message: acknowledgedMessage(gap, `the SCP on ${under} does not reach every account this stack set deploys to`), acknowledged: gap.reason }
      : { check, status: 'fail', target, api, message: `the SCP on ${under} does not reach every account this stack set deploys to: ${reachFix(path)}` };
  });
  const security = facts.securityAccount;
  if (security) {
    const target = `account ${security.id}`;
    if (!security.parentPath.ok) {
      findings.push(notChecked(check, security.parentPath.failure, 'find the OU of the security account'));
    } else {
      const path = security.parentPath.value;
      const place = path === '' ? 'directly under the root' : `in OU ${path}`;
      const api = 'organizations:ListParents';
      const unreached = `the security account is ${place}, which the SCP on ${under} does not reach, so its administrators can change the topic, its key and the bus`;
      const gap = scpReachesPath(facts.scpOus, path) ? undefined : acknowledged(security.id);
      findings.push(scpReachesPath(facts.scpOus, path)
        ? { check, status: 'pass', target, api, message: `the security account is ${place}, which the SCP on ${under} reaches: the topic, its key and the bus are protected` }
        : gap
          ? { check, status: 'warn', target, api, message: acknowledgedMessage(gap, unreached), acknowledged: gap.reason }
          : { check, status: 'fail', target, api, message: `${unreached}: ${reachFix(path, security.id)}` });
    }
  }
  // An acknowledgement must not outlive its gap: one that matches none is said (unless its target could not be checked).
  const unchecked = security && !security.parentPath.ok ? security.id : undefined;
  for (const gap of facts.acknowledged ?? []) {
    if (gap.check !== check || used.has(gap) || gap.target === unchecked) continue;
    findings.push({
      check, status: 'warn', target: /^\d{12}$/.test(gap.target) ? `account ${gap.target}` : `OU ${gap.target}`, api,
      message: `acknowledgedGaps lists ${JSON.stringify(gap.target)} for scp-reach, but there is no such gap: the SCP reaches it, or nothing is deployed there (remove the acknowledgement)`,
    });
  }
  findings.push({
    check,
    status: facts.tamperAlerts ? 'pass' : 'warn',
    target: `account ${facts.managementAccountId}`,
    api,
    message: facts.tamperAlerts
      ? 'no SCP applies to the management account; tamper alerts report changes to the alarm, filter, trail, SCP and stack sets there'
      : 'no SCP applies to the management account and tamper alerts are off: nobody hears of changes to the alarm, filter, trail, SCP or stack sets there (remove `tamperAlerts: false`)',
  });
  return findings;
}
