import type { OrgCheck } from '../../readers/detection-checks';
import type { OrganizationalUnit } from '../../organization';
import type { ScpAttachment } from '../../readers/scp-attachment';

/** What {@link checkScpAttached} needs. */
export interface ScpAttachedFacts {
  /** One baseline SCP, as read (ListPolicies, ListTargetsForPolicy). */
  readonly scp: ScpAttachment;
  /** `scp.organizationalUnits` of the config. */
  readonly paths: readonly string[];
  readonly rootId: string;
  readonly units: readonly OrganizationalUnit[];
}

/** The baseline SCP exists and is attached to every root or OU the config names. */
export function checkScpAttached(facts: ScpAttachedFacts): OrgCheck[] {
  const { scp } = facts;
  const label = `SCP ${scp.policyName}`;
  if (scp.kind === 'absent') return [{ id: 'scp', label, status: 'missing', detail: 'no SCP of that name in the organization (has the CfCT pipeline run?)' }];
  if (scp.kind === 'unread') return [{ id: 'scp', label, status: 'unknown', detail: `${scp.api}: ${scp.reason}` }];
  const checks: OrgCheck[] = [{ id: 'scp', label, status: 'ok', detail: `${scp.policyId}, attached to ${scp.targetIds.size} target(s)` }];
  for (const path of facts.paths) {
    const id = path === 'Root' ? facts.rootId : facts.units.find((u) => u.path === path)?.id;
    if (!id) continue; // reported by the OU path check
    checks.push(scp.targetIds.has(id)
      ? { id: `scp-target:${path}`, label: `SCP attached to ${path}`, status: 'ok', detail: id }
      : { id: `scp-target:${path}`, label: `SCP attached to ${path}`, status: 'missing', detail: `not attached to ${path} (${id}): run the CfCT pipeline` });
  }
  return checks;
}
