import {
  type Account,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  type OrganizationsClient,
  type PolicySummary,
} from '@aws-sdk/client-organizations';
import { paced, type Pacer } from '../api-pacer';
import { mapWithConcurrency } from '../concurrency';
import { describeAwsError, unreadReason } from '../describe-aws-error';
import { eachPage } from '../each-page';
import { compareText } from '../text';
import {
  type AccountSummary,
  type OrganizationAccount,
  type OrganizationalUnit,
  ORGANIZATIONS_API as API,
  type OrganizationSnapshot,
  type UnreadParent,
} from './model';

/**
 * The one reader of the organization, paced at the published Organizations rates
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html#throttling-limits)
 * and read with as few calls as those rates allow:
 *
 * - the OU tree from ListOrganizationalUnitsForParent (5/s), level by level, each OU handed to the
 *   account listings as soon as it is found;
 * - with accounts: names and states from ListAccounts (8 requests/s, 20 accounts a page), and the
 *   parent of each account from ListAccountsForParent (5/s) and ListChildren (6/s) at once: two
 *   independent buckets that share the OUs between them, 11 pages/s together.
 *
 * So for N accounts the floor is about N/20/8 seconds (ListAccounts), not N/20/5 (one listing per
 * OU), and ListParents (one call per account) is never used.
 */

/** Progress of {@link readOrganization}. */
export interface OrganizationReadProgress {
  /** Accounts listed by ListAccounts so far (0 when only the tree is read). */
  readonly accounts: number;
  /**
   * Parents (root and OUs) done, and parents known so far. With accounts: parents whose accounts
   * are mapped; for the tree alone: parents whose child OUs are listed.
   */
  readonly parentsDone: number;
  readonly parentsKnown: number;
}

/** Options of {@link readOrganization}. */
export interface ReadOrganizationOptions {
  /** Paces calls at the published rates and counts them (`createPacer(API_RATES)`). */
  readonly pacer: Pacer;
  /**
   * Parents listed at once per API. Each parent's pages come one after another (NextToken), so a
   * few parents in flight keep each bucket busy while a page is on the wire.
   * @default 3
   */
  readonly concurrency?: number;
  /**
   * Whether to read the accounts and their places too.
   * @default true - `false` reads the OU tree alone (resolve-ous, the OU-path checks of preflight)
   */
  readonly accounts?: boolean;
  readonly onProgress?: (progress: OrganizationReadProgress) => void;
  /**
   * Each page of ListAccounts as it arrives (id, name, state; the OU path comes later): lets a caller
   * start work on accounts while the rest of the organization is still being listed.
   */
  readonly onAccountsListed?: (accounts: readonly AccountSummary[]) => void;
}

/** Default number of parents listed at once per API. */
export const DEFAULT_CONCURRENCY = 3;

const PAGE = 20; // Organizations list APIs return at most 20 items a page.

/**
 * Reads the organization. Throws the SDK error if the root (or, with accounts, the account list)
 * cannot be read (nothing is known without them); any other listing that fails is recorded in
 * `unread` and the OUs and accounts below it stay unknown.
 */
export async function readOrganization(client: OrganizationsClient, options: ReadOrganizationOptions): Promise<OrganizationSnapshot> {
  const { pacer } = options;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const withAccounts = options.accounts ?? true;
  const roots = await paced(pacer, API.listRoots, () => client.send(new ListRootsCommand({})));
  const rootId = roots.Roots?.[0]?.Id;
  if (!rootId) throw new Error(`${API.listRoots} returned no root`);

  const units = new Map<string, OrganizationalUnit>();
  const parentOf = new Map<string, string>();
  const unread: UnreadParent[] = [];
  const queue = new ParentQueue();
  let listedAccounts = 0;
  let parentsDone = 0;
  let parentsKnown = 1;
  const report = () => options.onProgress?.({ accounts: listedAccounts, parentsDone, parentsKnown });
  const describeParent = (id: string) => (id === rootId ? `root ${rootId}` : `OU ${units.get(id)?.path ?? '?'} (${id})`);
  const failed = (parentId: string, target: string, api: string, err: unknown) =>
    unread.push({ parentId, target, api, reason: unreadReason(describeAwsError(err)) });

  if (withAccounts) queue.push(rootId);

  const walkTree = async () => {
    let level: string[] = [rootId];
    while (level.length > 0) {
      const found = await mapWithConcurrency(level, concurrency, async (parentId) => {
        const parent = units.get(parentId);
        const children: string[] = [];
        try {
          await eachPage(async (token) => {
            const page = await paced(pacer, API.listOrganizationalUnitsForParent, () =>
              client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken: token, MaxResults: PAGE })));
            for (const ou of page.OrganizationalUnits ?? []) {
              if (!ou.Id || ou.Name === undefined) continue;
              units.set(ou.Id, makeUnit(ou.Id, ou.Name, parentId, parent, rootId));
              children.push(ou.Id);
              parentsKnown++;
              if (withAccounts) queue.push(ou.Id);
            }
            return page.NextToken;
          });
        } catch (err) {
          failed(parentId, describeParent(parentId), API.listOrganizationalUnitsForParent, err);
        }
        if (!withAccounts) {
          parentsDone++;
          report();
        }
        return children;
      });
      level = found.flat();
    }
    queue.close();
  };

  // One lane per API that maps accounts to parents; both drain the same queue of parents.
  const lane = async (api: typeof API.listAccountsForParent | typeof API.listChildren) => {
    const worker = async () => {
      for (let parentId = await queue.next(); parentId !== undefined; parentId = await queue.next()) {
        const id = parentId;
        try {
          await eachPage(async (token) => {
            if (api === API.listAccountsForParent) {
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
          failed(id, `accounts in ${describeParent(id)}`, api, err);
        }
        parentsDone++;
        report();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };

  const listAll = () => listAccounts(client, pacer, (count, page) => {
    listedAccounts = count;
    report();
    options.onAccountsListed?.(page);
  });

  const [listed] = withAccounts
    ? await Promise.all([listAll(), walkTree(), lane(API.listAccountsForParent), lane(API.listChildren)])
    : [[], await walkTree()];

  const accounts = listed.map((a): OrganizationAccount => {
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

function makeUnit(id: string, name: string, parentId: string, parent: OrganizationalUnit | undefined, rootId: string): OrganizationalUnit {
  const path = parent ? `${parent.path}:${name}` : name;
  const ancestorIds = parent ? [...parent.ancestorIds, parent.id] : [rootId];
  let unaddressable: string | undefined;
  if (name.includes(':')) unaddressable = `the OU name "${name}" contains ":", which CfCT reads as a path separator (rename the OU)`;
  else if (name !== name.trim()) unaddressable = `the OU name "${name}" has spaces at either end, which CfCT strips before matching (rename the OU)`;
  return unaddressable ? { id, name, parentId, path, ancestorIds, unaddressable } : { id, name, parentId, path, ancestorIds };
}

function summarize(account: Account): AccountSummary | undefined {
  if (!account.Id) return undefined;
  return { id: account.Id, name: account.Name ?? '', state: account.State ?? account.Status ?? 'UNKNOWN' };
}

/** Every account of the organization (ListAccounts), every page; `onPage` gets the count so far and the page's accounts. Throws the SDK error. */
export async function listAccounts(client: OrganizationsClient, pacer: Pacer, onPage?: (count: number, page: readonly AccountSummary[]) => void): Promise<AccountSummary[]> {
  const accounts: AccountSummary[] = [];
  await eachPage(async (token) => {
    const page = await paced(pacer, API.listAccounts, () => client.send(new ListAccountsCommand({ NextToken: token, MaxResults: PAGE })));
    const summaries: AccountSummary[] = [];
    for (const account of page.Accounts ?? []) {
      const summary = summarize(account);
      if (summary) summaries.push(summary);
    }
    accounts.push(...summaries);
    onPage?.(accounts.length, summaries);
    return page.NextToken;
  });
  return accounts;
}

/** Accounts directly in an OU (or the root), every page. Throws the SDK error. */
export async function listAccountsForParent(client: OrganizationsClient, pacer: Pacer, parentId: string): Promise<AccountSummary[]> {
  const accounts: AccountSummary[] = [];
  await eachPage(async (token) => {
    const page = await paced(pacer, API.listAccountsForParent, () =>
      client.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken: token, MaxResults: PAGE })));
    for (const account of page.Accounts ?? []) {
      const summary = summarize(account);
      if (summary) accounts.push(summary);
    }
    return page.NextToken;
  });
  return accounts;
}

/** SCPs attached directly to a root, OU or account, every page. Throws the SDK error. */
export async function listAttachedScps(client: OrganizationsClient, pacer: Pacer, targetId: string): Promise<PolicySummary[]> {
  const policies: PolicySummary[] = [];
  await eachPage(async (token) => {
    const page = await paced(pacer, API.listPoliciesForTarget, () =>
      client.send(new ListPoliciesForTargetCommand({ TargetId: targetId, Filter: 'SERVICE_CONTROL_POLICY', NextToken: token, MaxResults: PAGE })));
    policies.push(...(page.Policies ?? []));
    return page.NextToken;
  });
  return policies;
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
