import { closest } from '../../aws/regions';
import type { UnreadItem } from '../aws/describe-aws-error';
import { compareText, listSome } from '../text';
import { type OrganizationalUnit, ORGANIZATIONS_API, ROOT_TARGET, type UnreadParent } from './model';

/**
 * Lookups in the OU tree as CfCT makes them: a path resolves segment by segment, exact and
 * case-sensitive (CfCT's `OrganizationsData`,
 * https://github.com/aws-solutions/aws-control-tower-customizations), `Root` is the root.
 */

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

/** What the index is built from: the tree part of an {@link OrganizationSnapshot}. */
export interface OuTree {
  readonly rootId: string;
  readonly units: readonly OrganizationalUnit[];
  /** Parents whose listings failed; only failed OU listings leave the tree incomplete. */
  readonly unread: readonly UnreadParent[];
}

/** Index of the OU tree for lookups by parent and by CfCT path. */
export class OuIndex {
  private readonly children = new Map<string, OrganizationalUnit[]>();
  private readonly unreadIds = new Map<string, UnreadItem>();

  constructor(public readonly tree: OuTree) {
    for (const unit of tree.units) {
      const list = this.children.get(unit.parentId) ?? [];
      list.push(unit);
      this.children.set(unit.parentId, list);
    }
    for (const item of tree.unread) {
      if (item.api === ORGANIZATIONS_API.listOrganizationalUnitsForParent) this.unreadIds.set(item.parentId, item);
    }
  }

  /** Child OUs of a parent, in the tree's order (by path). */
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
 * named OU (CfCT issue #131, https://github.com/aws-solutions/aws-control-tower-customizations/issues/131),
 * so "this OU and everything below it" must be spelled out. `Root` stays `Root` (it already means
 * every enrolled account).
 */
export function expandOuPaths(index: OuIndex, paths: readonly string[]): ExpandedOuPaths {
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
