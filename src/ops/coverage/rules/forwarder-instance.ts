import type { StackSetInstances } from '../../readers/stack-instances';
import type { CoverageItem } from '../model';
import { regionalInstance } from '../regional-instance';

/** What {@link forwarderInstanceItem} needs. */
export interface ForwarderInstanceFacts {
  /** Full CfCT name of the forwarder's stack set. */
  readonly stackSet: string;
  /** The home region, where the stack set itself lives. */
  readonly homeRegion: string;
  /** `fastAlerts.regions`, each with its ListStackInstances read. */
  readonly reads: readonly { readonly region: string; readonly read: StackSetInstances | undefined }[];
  readonly accountId: string;
  readonly isManagement: boolean;
  /** Appended to the fix when an instance is missing (e.g. for a nested OU); '' for the default fix. */
  readonly hint: string;
}

/**
 * The fast-alert forwarder of one account: a CURRENT instance in every Region of `fastAlerts.regions`.
 * One item for all Regions, naming each Region with a gap.
 */
export function forwarderInstanceItem(facts: ForwarderInstanceFacts): CoverageItem {
  const name = facts.stackSet;
  // `#forwarder`: with one member stack set the root checks' item has `stack-set:<name>` in the same account.
  const base = { id: `stack-set:${name}#forwarder`, label: 'the fast-alert forwarder' };
  const results = facts.reads.map(({ region, read }) => ({ region, result: regionalInstance(name, region, read, facts.accountId) }));
  if (results.some((r) => r.result.kind === 'absent')) {
    return { ...base, status: 'missing', detail: `stack set ${name} does not exist in ${facts.homeRegion}` };
  }
  const problems: string[] = [];
  const noInstance = results.filter((r) => r.result.kind === 'no-instance').map((r) => r.region);
  if (noInstance.length > 0) {
    const fix = facts.hint || (facts.isManagement
      ? ' (run the CfCT pipeline, after redeploying prerequisites/management-account-execution-role.json if fast alerts or Regions were added)'
      : ' (run the CfCT pipeline; for Root, CfCT reaches only enrolled accounts, and for an OU only the accounts directly in it)');
    problems.push(`no instance of ${name} in ${noInstance.join(', ')}${fix}`);
  }
  for (const { result } of results) if (result.kind === 'not-current') problems.push(result.detail);
  if (problems.length > 0) return { ...base, status: 'missing', detail: problems.join('; ') };

  const unread = results.flatMap(({ result }) => (result.kind === 'unread' ? [result.detail] : []));
  if (unread.length > 0) return { ...base, status: 'unknown', detail: unread.join('; ') };
  return { ...base, status: 'ok', detail: `${name} CURRENT in ${facts.reads.map((r) => r.region).join(', ')}` };
}
