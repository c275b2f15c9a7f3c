import type { OrgCheck } from '../../readers/detection-checks';
import type { StackSetInstances } from '../../readers/stack-instances';

/** What {@link checkForwarderStackSet} needs. */
export interface ForwarderStackSetFacts {
  /** Full CfCT name of the forwarder's stack set. */
  readonly stackSet: string;
  /** The home region, where the stack set itself lives. */
  readonly homeRegion: string;
  /** Its instances, read once per fast-alert Region (ListStackInstances filters by one Region). */
  readonly reads: readonly { readonly region: string; readonly read: StackSetInstances | undefined }[];
}

/** The forwarder's stack set exists, and its instances could be read in every fast-alert Region. */
export function checkForwarderStackSet(facts: ForwarderStackSetFacts): OrgCheck {
  const name = facts.stackSet;
  const base = { id: `stack-set:${name}`, label: `stack set ${name}` };
  if (facts.reads.some((r) => r.read?.kind === 'absent')) {
    return { ...base, status: 'missing', detail: `does not exist in ${facts.homeRegion} (has the CfCT pipeline run with this package?)` };
  }
  const counts: string[] = [];
  const unread: string[] = [];
  for (const { region, read } of facts.reads) {
    if (read?.kind === 'found') counts.push(`${read.instances.size} in ${region}`);
    else unread.push(`cloudformation:ListStackInstances in ${region}: ${read?.kind === 'unread' ? read.reason : 'not read'}`);
  }
  if (unread.length > 0) return { ...base, status: 'unknown', detail: unread.join('; ') };
  return { ...base, status: 'ok', detail: `instances: ${counts.join(', ')}` };
}
