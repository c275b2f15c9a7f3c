import type { OrganizationAccount } from '../../organization';
import type { ScpAttachment } from '../../readers/scp-attachment';
import type { CoverageItem } from '../model';
import { underAnyPath } from '../targeting';

/** What {@link baselineScpItem} needs. */
export interface BaselineScpFacts {
  readonly account: OrganizationAccount;
  /** The baseline SCPs as read (none when every `scp` switch is off). */
  readonly scps: readonly ScpAttachment[];
  /** `scp.organizationalUnits` of the config. */
  readonly paths: readonly string[];
  readonly isManagement: boolean;
  /**
   * The config's scp-reach acknowledgement that covers this account, if any (src/config/acknowledged-gaps.ts):
   * an OU target it sits in or below (`Root`: every account), or its own id.
   */
  readonly acknowledged?: { readonly target: string; readonly reason: string };
}

/**
 * Every baseline SCP reaches the account: attached to the root, an OU on its path, or the account.
 * SCPs never apply to the management account
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 */
export function baselineScpItem(facts: BaselineScpFacts): CoverageItem {
  const { account, scps, paths } = facts;
  const base = { id: 'scp', label: 'baseline SCP' };
  if (scps.length === 0) return { ...base, status: 'n/a', detail: 'the config generates no SCP (every scp switch is off)' };
  if (facts.isManagement) return { ...base, status: 'n/a', detail: 'SCPs never apply to the management account (the alarm covers root there)' };
  if (!underAnyPath(account, paths) && account.path !== undefined) {
    const gap = facts.acknowledged ? `; acknowledged gap (acknowledgedGaps, ${facts.acknowledged.target}): ${JSON.stringify(facts.acknowledged.reason)}` : '';
    return { ...base, status: 'n/a', detail: `not under ${paths.join(', ')} in the config${gap}` };
  }
  const results = scps.map((scp) => scpOnPath(account, scp));
  const worst = (['missing', 'unknown'] as const).find((status) => results.some((r) => r.status === status));
  if (worst) return { ...base, status: worst, detail: results.filter((r) => r.status === worst).map((r) => r.detail).join('; ') };
  return { ...base, status: 'ok', detail: results.map((r) => r.detail).join('; ') };
}

/** Whether one SCP reaches the account: attached to the root, an OU on its path, or the account. */
function scpOnPath(account: OrganizationAccount, scp: ScpAttachment): { status: 'ok' | 'missing' | 'unknown'; detail: string } {
  // An organization-level read failure is said once, by the organization check and under "could not
  // read"; each account only says it is not known because of it (issue 28 §3).
  if (scp.kind === 'unread') return { status: 'unknown', detail: `not known: SCP ${scp.policyName} could not be read (see the organization checks)` };
  if (scp.kind === 'absent') return { status: 'missing', detail: `SCP ${scp.policyName} does not exist` };
  if (!account.ancestorIds) return { status: 'unknown', detail: 'the OU of this account could not be read' };
  const at = [...account.ancestorIds, account.id].find((id) => scp.targetIds.has(id));
  if (at) return { status: 'ok', detail: `${scp.policyName} attached at ${at}` };
  return {
    status: 'missing',
    detail: `${scp.policyName} is attached neither to the root, nor to an OU on the path ${account.path === '' ? 'Root' : account.path}, nor to the account`,
  };
}
