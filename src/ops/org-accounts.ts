import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { paced, type Pacer } from './api-pacer';
import { mapWithConcurrency } from './concurrency';
import { describeAwsError, unreadReason, type UnreadItem } from './describe-aws-error';

/**
 * Every account of the organization with its place in the OU tree, read with as few calls as the
 * published Organizations rates allow (orgs_reference_limits.html#throttling-limits):
 *
 * - names and states from ListAccounts (8 requests/s, 20 accounts a page);
 * - the parent of each account from ListAccountsForParent (5/s) and ListChildren (6/s) at once:
 *   two independent buckets that share the OUs between them, 11 pages/s together;
 * - the OU tree from ListOrganizationalUnitsForParent (5/s), level by level, each OU handed to the
 *   account listings as soon as it is found.
 *
 * So for N accounts the floor is about N/20/8 seconds (ListAccounts), not N/20/5 (one listing per
 * OU), and ListParents (one call per account) is never used.
 */

/** An OU with its CfCT path (`Workloads:Prod`, no `Root:`) and the ids above it. */
export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  readonly path: string;
  /** Root id first, down to the parent. */
  readonly ancestorIds: readonly string[];
}

/** An account and where it sits; the place is unknown when its parent could not be listed. */
export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE` … (`State`, or the deprecated `Status`). */
  readonly state: string;
  readonly parentId?: string;
  /** CfCT path of the parent OU; `''` for an account directly under the root. */
  readonly path?: string;
  /** Root id first, down to the parent (the ids an SCP can be attached to above the account). */
  readonly ancestorIds?: readonly string[];
}

/** The organization as far as it could be read. */
export interface OrgSnapshot {
  readonly rootId: string;
  readonly units: readonly OrgUnit[];
  /** Sorted by account id. */
  readonly accounts: readonly OrgAccount[];
  /** Parents whose OUs or accounts could not be listed. */
  readonly unread: readonly UnreadItem[];
}

/** Progress of {@link readOrgAccounts}. */
export interface OrgReadProgress {
  /** Accounts listed by ListAccounts so far. */
  readonly accounts: number;
  /** Parents (root and OUs) whose accounts are mapped, and parents known so far. */
  readonly parentsDone: number;
  readonly parentsKnown: number;
}

/** Options of {@link readOrgAccounts}. */
export interface ReadOrgAccountsOptions {
  readonly pacer: Pacer;
  /**
   * Parents listed at once per API. Each parent's pages come one after another (NextToken), so a
   * few parents in flight keep each bucket busy while a page is on the wire.
   * @default 3
   */
  readonly concurrency?: number;
  readonly onProgress?: (progress: OrgReadProgress) => void;
}

const PAGE = 20; // Organizations list APIs return at most 20 items a page.

/**
 * Reads the organization. Throws the SDK error if the root or the account list cannot be read
 * (no audit is possible without them); any other listing that fails is recorded in `unread` and
 * the accounts below it keep an unknown place.
 */
export async function readOrgAccounts(client: OrganizationsClient, options: ReadOrgAccountsOptions): Promise<OrgSnapshot> {
  const { pacer } = options;
  const concurrency = options.concurrency ?? 3;
  const roots = await paced(pacer, 'organizations:ListRoots', () => client.send(new ListRootsCommand({})));
  const rootId = roots.Roots?.[0]?.Id;
  if (!rootId) throw new Error('organizations:ListRoots returned no root');

  const units = new Map<string, OrgUnit>();
  const parentOf = new Map<string, string>();
  const unread: UnreadItem[] = [];
  const queue = new ParentQueue();
  let listedAccounts = 0;
  let parentsDone = 0;
  let parentsKnown = 1;
  const report = () => options.onProgress?.({ accounts: listedAccounts, parentsDone, parentsKnown });
  const describeParent = (id: string) => (id === rootId ? `root ${rootId}` : `OU ${units.get(id)?.path ?? '?'} (${id})`);

  queue.push(rootId);

  const walkTree = async () => {
    let level: string[] = [rootId];
    while (level.length > 0) {
      const found = await mapWithConcurrency(level, concurrency, async (parentId) => {
        const parent = units.get(parentId);
        const children: string[] = [];
        try {
          await eachPage(async (token) => {
            const page = await paced(pacer, 'organizations:ListOrganizationalUnitsForParent', () =>
              client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken: token, MaxResults: PAGE })));
            for (const ou of page.OrganizationalUnits ?? []) {
              if (!ou.Id || ou.Name === undefined) continue;
              units.set(ou.Id, {
                id: ou.Id,
                name: ou.Name,
                parentId,
                path: parent ? `${parent.path}:${ou.Name}` : ou.Name,
                ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [rootId],
              });
              children.push(ou.Id);
              parentsKnown++;
              queue.push(ou.Id);
            }
            return page.NextToken;
          });
        } catch (err) {
          unread.push({ target: describeParent(parentId), api: 'organizations:ListOrganizationalUnitsForParent', reason: unreadReason(describeAwsError(err)) });
        }
        return children;
      });
      level = found.flat();
    }
    queue.close();
  };

  // One lane per API that maps accounts to parents; both drain the same queue of parents.
  const lane = async (api: 'organizations:ListAccountsForParent' | 'organizations:ListChildren') => {
    const worker = async () => {
      for (let parentId = await queue.next(); parentId !== undefined; parentId = await queue.next()) {
        const id = parentId;
        try {
          await eachPage(async (token) => {
            if (api === 'organizations:ListAccountsForParent') {
              const page = await paced(pacer, api, () => client.send(new ListAccountsForParentCommand({ ParentId: id, NextToken: token, MaxResults: PAGE })));
              for (const account of page.Accounts ?? []) if (account.Id) parentOf.set(account.Id, id);
              return page.NextToken;
            }
            const page = await paced(pacer, api, () =>
              client.send(new ListChildrenCommand({ ParentId: id, ChildType: 'ACCOUNT', NextToken: token, MaxResults: PAGE })));
            for (const child of page.Children ?? []) if (child.Id) parentOf.set(child.Id, id);
            return page.NextToken;
          });
        } catch (err) {
          unread.push({ target: `accounts in ${describeParent(id)}`, api, reason: unreadReason(describeAwsError(err)) });
        }
        parentsDone++;
        report();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };

  const listAll = async () => {
    const accounts: { id: string; name: string; state: string }[] = [];
    await eachPage(async (token) => {
      const page = await paced(pacer, 'organizations:ListAccounts', () => client.send(new ListAccountsCommand({ NextToken: token, MaxResults: PAGE })));
      for (const a of page.Accounts ?? []) {
        if (a.Id) accounts.push({ id: a.Id, name: a.Name ?? '', state: a.State ?? a.Status ?? 'UNKNOWN' });
      }
      listedAccounts = accounts.length;
      report();
      return page.NextToken;
    });
    return accounts;
  };

  const [listed] = await Promise.all([listAll(), walkTree(), lane('organizations:ListAccountsForParent'), lane('organizations:ListChildren')]);

  const accounts = listed.map((a): OrgAccount => {
    const parentId = parentOf.get(a.id);
    if (parentId === undefined) return a;
    if (parentId === rootId) return { ...a, parentId, path: '', ancestorIds: [rootId] };
    const unit = units.get(parentId);
    return unit ? { ...a, parentId, path: unit.path, ancestorIds: [...unit.ancestorIds, unit.id] } : { ...a, parentId };
  });
  accounts.sort((a, b) => compareText(a.id, b.id));
  return {
    rootId,
    units: [...units.values()].sort((a, b) => compareText(a.path, b.path)),
    accounts,
    unread: unread.sort((a, b) => compareText(a.target, b.target)),
  };
}

/** Calls `fetch` with each NextToken until there is none. */
export async function eachPage(fetch: (token: string | undefined) => Promise<string | undefined>): Promise<void> {
  let token: string | undefined;
  do {
    token = await fetch(token);
  } while (token);
}

/** Byte-order comparison: the same order on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parents waiting for their accounts to be listed; `next()` waits while the tree walk may add more. */
class ParentQueue {
  private readonly items: string[] = [];
  private readonly waiting: ((id: string | undefined) => void)[] = [];
  private closed = false;

  push(id: string): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(id);
    else this.items.push(id);
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter(undefined);
  }

  next(): Promise<string | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
