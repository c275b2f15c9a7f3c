/**
 * SCP attachment slots per CfCT target.
 *
 * AWS Organizations limits how many SCPs attach to one root, OU or account: 5 in the documentation
 * of the last years, 10 since a reported 2026-05-15 raise; 5 is the number that is safe everywhere
 * (docs/reference/detection.md#scp-quotas; docs/reference/cfct.md#policies-scp-and-rcp). Attaching one more fails in CfCT's
 * SCP stage with ConstraintViolationException, after the build passed.
 */
export const SCP_ATTACHMENT_LIMIT = 5;

/**
 * Slots Control Tower takes on a target before this package attaches anything, at least:
 * - every root, OU and account keeps `FullAWSAccess` (SCPs only filter; without an Allow nothing is allowed);
 * - every OU registered with Control Tower also carries Control Tower's own `aws-guardrails-*` SCP(s), into
 *   which it packs the enabled preventive controls (mandatory ones always; more SCPs as more controls are
 *   enabled — landing-zone-accelerator-on-aws#186, #705, #889).
 * These are minimums: `root-guard preflight` counts the real attachments.
 */
export function controlTowerMinimumSlots(target: string): { readonly count: number; readonly policies: string } {
  return target === 'Root'
    ? { count: 1, policies: 'FullAWSAccess' }
    : { count: 2, policies: 'FullAWSAccess + aws-guardrails-* (at least one on a registered OU)' };
}

/** Slot use on one CfCT target. */
export interface ScpSlotUsage {
  /** The target as written in the manifest (`Root`, `Workloads`, `Workloads:Prod`). */
  readonly target: string;
  /** Names of this package's SCPs attached to it. */
  readonly ours: readonly string[];
  /** Slots Control Tower takes at least (see {@link controlTowerMinimumSlots}). */
  readonly controlTowerMinimum: number;
  /** Which policies those are. */
  readonly controlTowerPolicies: string;
  readonly limit: number;
  /** `limit - ours - controlTowerMinimum`; negative means the attachment will fail. */
  readonly free: number;
}

/** Slot use on every target the baseline SCPs are attached to, in the order given. */
export function reportScpSlots(
  targets: readonly string[],
  policies: readonly { readonly name: string }[],
  limit: number = SCP_ATTACHMENT_LIMIT,
): ScpSlotUsage[] {
  return targets.map((target) => {
    const controlTower = controlTowerMinimumSlots(target);
    const ours = policies.map((p) => p.name);
    return {
      target,
      ours,
      controlTowerMinimum: controlTower.count,
      controlTowerPolicies: controlTower.policies,
      limit,
      free: limit - ours.length - controlTower.count,
    };
  });
}

/** One line per target, for the build's output. */
export function describeScpSlots(usages: readonly ScpSlotUsage[]): string[] {
  return usages.map((u) => {
    const used = u.ours.length + u.controlTowerMinimum;
    const verdict = u.free < 0
      ? `OVER the limit by ${-u.free}: detach an SCP from ${u.target} or remove it from scp.organizationalUnits`
      : `${u.free} free`;
    return `SCP slots on ${u.target}: ${used} of ${u.limit} (root-guard ${u.ours.length}, Control Tower at least ${u.controlTowerMinimum}: ${u.controlTowerPolicies}); ${verdict}`;
  });
}
