import type { StackSetInstances } from '../../readers/stack-instances';
import type { CoverageItem } from '../model';

/** What {@link stackSetInstanceItem} needs. */
export interface StackSetInstanceFacts {
  /** Full CfCT name of the stack set. */
  readonly stackSet: string;
  /** The home region, where its instances are. */
  readonly region: string;
  readonly read: StackSetInstances | undefined;
  readonly accountId: string;
  /** The item's label: `the security topic`, `the root-activity alarm`, `the root checks`. */
  readonly what: string;
  /** Appended to the fix when there is no instance (e.g. for a nested OU); '' for the default fix. */
  readonly hint?: string;
}

/**
 * The account has a CURRENT instance of the stack set. CfCT reaches only enrolled accounts for
 * Root, and only the accounts directly in a named OU (CfCT issue #131).
 */
export function stackSetInstanceItem(facts: StackSetInstanceFacts): CoverageItem {
  const { stackSet, region, read, hint = '' } = facts;
  const base = { id: `stack-set:${stackSet}`, label: facts.what };
  if (!read || read.kind === 'unread') return { ...base, status: 'unknown', detail: `cloudformation:ListStackInstances ${stackSet}: ${read?.reason ?? 'not read'}` };
  if (read.kind === 'absent') return { ...base, status: 'missing', detail: `stack set ${stackSet} does not exist in ${region}` };
  const instance = read.instances.get(facts.accountId);
  if (!instance) {
    return {
      ...base,
      status: 'missing',
      detail: hint
        ? `no instance of ${stackSet} in ${region}${hint}`
        : `no instance of ${stackSet} in ${region} (run the CfCT pipeline; for Root, CfCT reaches only enrolled accounts, and for an OU only the accounts directly in it)`,
    };
  }
  if (instance.status !== 'CURRENT') {
    const why = [instance.detailedStatus, instance.reason].filter(Boolean).join(': ');
    return { ...base, status: 'missing', detail: `instance of ${stackSet} is ${instance.status}${why ? ` (${why})` : ''}` };
  }
  return { ...base, status: 'ok', detail: `${stackSet} CURRENT` };
}
