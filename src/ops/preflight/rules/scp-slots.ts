import { listSome } from '../../text';
import { notChecked, PREFLIGHT_API, type PreflightFinding, type Read } from '../finding';

/** One root or OU the baseline SCP is attached to, with the SCPs already there. */
export interface ScpTarget {
  /** The config's path (`Root`, `Workloads`). */
  readonly path: string;
  /** `root r-…` or `OU Workloads`. */
  readonly label: string;
  /** Names (or ids) of the SCPs attached directly to it (organizations:ListPoliciesForTarget). */
  readonly attached: Read<readonly string[]>;
}

/** What {@link checkScpSlots} needs. */
export interface ScpSlotsFacts {
  /** The targets of `scp.organizationalUnits` that resolved (ou-path reports the others). */
  readonly targets: readonly ScpTarget[];
  /** Name of the baseline SCP the package creates. */
  readonly ourPolicyName: string;
  /** SCPs allowed per root, OU or account. */
  readonly scpLimit: number;
}

/**
 * Existing SCP attachments + ours must stay within the quota on every target: "Maximum number of
 * SCPs attached to a root, OU, or account: 5"
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
 */
export function checkScpSlots(facts: ScpSlotsFacts): PreflightFinding[] {
  const { ourPolicyName: ours, scpLimit } = facts;
  return facts.targets.map((t): PreflightFinding => {
    if (!t.attached.ok) return notChecked('scp-slots', t.attached.failure, 'list its SCPs');
    const names = t.attached.value;
    const already = names.includes(ours);
    const after = names.length + (already ? 0 : 1);
    const detail = `${names.length} attached (${listSome(names, 6) || 'none'})${already ? `, ${ours} among them` : ` + ${ours}`} = ${after} of ${scpLimit}`;
    return {
      check: 'scp-slots',
      status: after > scpLimit ? 'fail' : 'pass',
      target: t.label,
      api: PREFLIGHT_API.listPoliciesForTarget,
      message: after > scpLimit
        ? `${detail}: AWS Organizations refuses the attachment and CfCT's SCP stage fails (detach or merge an SCP on ${t.path}, or attach ours higher up; if your organization has the 2026 raise to 10, pass --scp-limit 10)`
        : detail,
    };
  });
}
