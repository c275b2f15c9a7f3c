import {
  type Account,
  type OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPoliciesForTarget,
  paginateListRoots,
  type PolicySummary,
} from '@aws-sdk/client-organizations';
import { closest } from '../aws/regions';
import { mapWithConcurrency } from './concurrency';
import { describeAwsError, unreadReason, type UnreadItem } from './describe-aws-error';

/**
 * The organization's OU tree as CfCT sees it, and OU-path resolution with CfCT's rules
 * (../shared/reference/cfct/RULES.md §5.2, code: `OrganizationsData`): a path is `Parent:Child`
 * without `Root:`, each segment matched exactly (case-sensitive) against the OU names under the
 * previous one, and `Root` alone is the organization root.
 */

/** API names as the findings print them. */
export const ORGANIZATIONS_API = {
  listRoots: 'organizations:ListRoots',
  listOrganizationalUnitsForParent: 'organizations:ListOrganizationalUnitsForParent',
  listAccountsForParent: 'organizations:ListAccountsForParent',
  listAccounts: 'organizations:ListAccounts',
  listPoliciesForTarget: 'organizations:ListPoliciesForTarget',
  describeOrganization: 'organizations:DescribeOrganization',
} as const;

/** The CfCT target that means the organization root. */
export const ROOT_TARGET = 'Root';

/** One OU with its CfCT path. */
export interface OrganizationalUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  /** CfCT path: names from the top-level OU down, joined with `:`, without `Root:`. */
  readonly path: string;
  /**
   * Why CfCT cannot address this OU by path, if it cannot: a name containing `:` (CfCT splits on
   * it) or with spaces at either end (CfCT strips segments before matching).
   */
  readonly unaddressable?: string;
}

/** The OU tree, as far as it could be read. */
export interface OrganizationTree {
  readonly rootId: string;
  /** Every OU that could be read, sorted by path. */
  readonly units: readonly OrganizationalUnit[];
  /** Parents whose child OUs could not be listed: the tree below them is missing. */
  readonly unread: readonly UnreadParent[];
}

/** A parent whose child OUs could not be listed. */
export interface UnreadParent extends UnreadItem {
  /** Root or OU id. */
  readonly parentId: string;
}

/** Options of {@link readOrganizationTree}. */
export interface ReadOrganizationTreeOptions {
  /**
   * ListOrganizationalUnitsForParent calls in flight at once.
   * @default 4 - Organizations throttles per account; the SDK's adaptive retries absorb short bursts.
   */
  readonly concurrency?: number;
  /** Called after each parent is listed, with the parents listed and the parents known so far. */
  readonly onProgress?: (listed: number, known: number) => void;
}

/** Default number of Organizations calls in flight at once. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Walks the whole OU tree level by level, each level's parents with bounded concurrency, every
 * listing paginated. A parent whose children cannot be listed (access denied, throttled past the
 * retries) is recorded in `unread` and the walk goes on. Throws the SDK error if the root itself
 * cannot be listed (nothing else can be read then).
 */
export async function readOrganizationTree(
  client: OrganizationsClient,
  options: ReadOrganizationTreeOptions = {},
): Promise<OrganizationTree> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  let rootId: string | undefined;
  for await (const page of paginateListRoots({ client }, {})) {
    rootId ??= page.Roots?.[0]?.Id;
  }
  if (!rootId) throw new Error('organizations:ListRoots returned no root');

  const units: OrganizationalUnit[] = [];
  const unread: UnreadParent[] = [];
  let level: { id: string; path: string }[] = [{ id: rootId, path: '' }];
  let listed = 0;
  let known = 1;
  while (level.length > 0) {
    const children = await mapWithConcurrency(level, concurrency, async (parent) => {
      try {
        const found: OrganizationalUnit[] = [];
        for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parent.id })) {
          for (const ou of page.OrganizationalUnits ?? []) {
            if (!ou.Id || ou.Name === undefined) continue;
            found.push(makeUnit(ou.Id, ou.Name, parent.id, parent.path));
          }
        }
        return found;
      } catch (err) {
        unread.push({
          parentId: parent.id,
          target: parent.path === '' ? `root ${parent.id}` : `OU ${parent.path} (${parent.id})`,
          api: ORGANIZATIONS_API.listOrganizationalUnitsForParent,
          reason: unreadReason(describeAwsError(err)),
        });
        return [];
      } finally {
        options.onProgress?.(++listed, known);
      }
    });
    level = children.flat().map((u) => ({ id: u.id, path: u.path }));
    units.push(...children.flat());
    known += level.length;
  }
  units.sort((a, b) => compareText(a.path, b.path));
  unread.sort((a, b) => compareText(a.target, b.target));
  return { rootId, units, unread };
}

function makeUnit(id: string, name: string, parentId: string, parentPath: string): OrganizationalUnit {
  const path = parentPath === '' ? name : `${parentPath}:${name}`;
  let unaddressable: string | undefined;
  if (name.includes(':')) unaddressable = `the OU name "${name}" contains ":", which CfCT reads as a path separator (rename the OU)`;
  else if (name !== name.trim()) unaddressable = `the OU name "${name}" has spaces at either end, which CfCT strips before matching (rename the OU)`;
  return unaddressable ? { id, name, parentId, path, unaddressable } : { id, name, parentId, path };
}

/** Byte-order comparison: the same order on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The result of resolving one CfCT OU path. */
export type OuPathResolution =
  | { readonly kind: 'root'; readonly id: string }
  | { readonly kind: 'found'; readonly unit: OrganizationalUnit }
  | {
    readonly kind: 'missing';
    /** Path of the deepest OU that exists ('' for the root). */
    readonly parentPath: string;
    /** The first segment with no OU. */
    readonly segment: string;
    /** A close name under that parent, for "did you mean". */
    readonly suggestion?: string;
    /** The names that do exist there. */
    readonly siblings: readonly string[];
  }
  | { readonly kind: 'unread'; readonly parentPath: string; readonly reason: string };

/** Index of a tree for lookups by parent. */
export class OrganizationIndex {
  private readonly children = new Map<string, OrganizationalUnit[]>();
  private readonly unreadIds = new Map<string, UnreadItem>();

  constructor(public readonly tree: OrganizationTree) {
    for (const unit of tree.units) {
      const list = this.children.get(unit.parentId) ?? [];
      list.push(unit);
      this.children.set(unit.parentId, list);
    }
    for (const item of tree.unread) this.unreadIds.set(item.parentId, item);
  }

  /** Child OUs of a parent, sorted by name. */
  childrenOf(parentId: string): readonly OrganizationalUnit[] {
    return this.children.get(parentId) ?? [];
  }

  /** Resolves a CfCT path (`Root`, `Workloads`, `Workloads:Prod`). Exact, case-sensitive, as CfCT matches. */
  resolve(path: string): OuPathResolution {
    if (path === ROOT_TARGET) return { kind: 'root', id: this.tree.rootId };
    let parentId = this.tree.rootId;
    let parentPath = '';
    let unit: OrganizationalUnit | undefined;
    for (const segment of path.split(':')) {
      const siblings = this.childrenOf(parentId);
      unit = siblings.find((u) => u.name === segment);
      if (!unit) {
        const unread = this.unreadIds.get(parentId);
        if (unread) return { kind: 'unread', parentPath, reason: unread.reason };
        const names = siblings.map((u) => u.name);
        const suggestion = names.find((n) => n.toLowerCase() === segment.toLowerCase()) ?? closest(segment, names);
        return { kind: 'missing', parentPath, segment, siblings: names, ...(suggestion ? { suggestion } : {}) };
      }
      parentId = unit.id;
      parentPath = unit.path;
    }
    return { kind: 'found', unit: unit! };
  }

  /** The OU and every OU below it, depth-first. */
  subtree(unit: OrganizationalUnit): OrganizationalUnit[] {
    const out = [unit];
    for (const child of this.childrenOf(unit.id)) out.push(...this.subtree(child));
    return out;
  }

  /** Whether the children of this OU (or of one below it) could not be listed. */
  unreadBelow(unit: OrganizationalUnit): UnreadItem | undefined {
    for (const u of this.subtree(unit)) {
      const item = this.unreadIds.get(u.id);
      if (item) return item;
    }
    return undefined;
  }
}

/** One sentence for a path that did not resolve. */
export function describeUnresolved(path: string, resolution: Exclude<OuPathResolution, { kind: 'root' | 'found' }>): string {
  const under = resolution.parentPath === '' ? 'at the top level of the organization' : `under ${resolution.parentPath}`;
  if (resolution.kind === 'unread') return `"${path}" could not be checked: the OUs ${under} could not be listed (${resolution.reason})`;
  const fix = resolution.suggestion
    ? `did you mean "${[resolution.parentPath, resolution.suggestion].filter(Boolean).join(':')}"? OU names are case-sensitive`
    : resolution.siblings.length > 0
      ? `OUs there: ${listSome(resolution.siblings, 8)}`
      : 'there are no OUs there';
  return `no OU named "${resolution.segment}" ${under} (${fix})`;
}

/** The result of expanding OU paths to every OU below them. */
export interface ExpandedOuPaths {
  /** The explicit CfCT paths, sorted, without duplicates. */
  readonly paths: readonly string[];
  /** One line per path that could not be expanded completely. */
  readonly problems: readonly string[];
}

/**
 * Expands each path to itself and every OU below it: CfCT reaches only accounts directly in a
 * named OU (RULES.md R6, #131), so "this OU and everything below it" must be spelled out.
 * `Root` stays `Root` (it already means every enrolled account).
 */
export function expandOuPaths(index: OrganizationIndex, paths: readonly string[]): ExpandedOuPaths {
  const out = new Set<string>();
  const problems: string[] = [];
  for (const path of paths) {
    const resolution = index.resolve(path);
    if (resolution.kind === 'root') {
      out.add(ROOT_TARGET);
      continue;
    }
    if (resolution.kind !== 'found') {
      problems.push(`${path}: ${describeUnresolved(path, resolution)}`);
      continue;
    }
    const unread = index.unreadBelow(resolution.unit);
    if (unread) problems.push(`${path}: the OUs below ${unread.target} could not be listed (${unread.reason})`);
    for (const unit of index.subtree(resolution.unit)) {
      if (unit.unaddressable) problems.push(`${path}: ${unit.path}: ${unit.unaddressable}`);
      else out.add(unit.path);
    }
  }
  return { paths: [...out].sort(compareText), problems };
}

/** An account as the checks need it. */
export interface AccountSummary {
  readonly id: string;
  readonly name: string;
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE` …: `State`, or the deprecated `Status` for older responses. */
  readonly state: string;
}

function summarize(account: Account): AccountSummary | undefined {
  if (!account.Id) return undefined;
  return { id: account.Id, name: account.Name ?? '', state: account.State ?? account.Status ?? 'UNKNOWN' };
}

/** Accounts directly in an OU (or the root), every page. Throws the SDK error. */
export async function listAccountsForParent(client: OrganizationsClient, parentId: string): Promise<AccountSummary[]> {
  const accounts: AccountSummary[] = [];
  for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
    for (const account of page.Accounts ?? []) {
      const summary = summarize(account);
      if (summary) accounts.push(summary);
    }
  }
  return accounts;
}

/** SCPs attached directly to a root, OU or account, every page. Throws the SDK error. */
export async function listAttachedScps(client: OrganizationsClient, targetId: string): Promise<PolicySummary[]> {
  const policies: PolicySummary[] = [];
  for await (const page of paginateListPoliciesForTarget({ client }, { TargetId: targetId, Filter: 'SERVICE_CONTROL_POLICY' })) {
    policies.push(...(page.Policies ?? []));
  }
  return policies;
}

/** "a, b, c and 4 more". */
export function listSome(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
