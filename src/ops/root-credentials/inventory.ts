import type { Pacer } from '../api-pacer';
import { isTimeoutError } from '../aws-timeouts';
import { describeAwsError, unreadReason } from '../describe-aws-error';
import type { AccountSummary, OrganizationAccount } from '../organization';
import { readAccessKeys, readLoginProfile, readMfaDevices, readSigningCertificates } from './read-credentials';
import type { RootSessionFactory } from './root-session';
import { summarizeRootCredentials } from './summary';
import { TASK_POLICY } from './task-policies';
import type { AccountRootCredentials, RootCredentialsReport } from './types';

/** Options of {@link readRootCredentials}. */
export interface InventoryOptions {
  readonly pacer: Pacer;
  /**
   * Accounts read at once. Each account is an AssumeRoot then two rounds of IAM calls, so a few
   * accounts in flight keep the AssumeRoot bucket (the floor) busy while sessions are on the wire.
   * @default 16
   */
  readonly concurrency?: number;
  /** Called after each account. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Reads the root credentials of `accounts`, each in its own AssumeRoot session scoped to
 * IAMAuditRootUserCredentials. An account whose session or reads fail is kept with `error` (and
 * whatever kinds could be read); the others go on. A call that times out stops the run: the endpoint
 * is silent for every account, and waiting 40 s per account would never end.
 */
export async function readRootCredentials(sessions: RootSessionFactory, accounts: readonly OrganizationAccount[], options: InventoryOptions): Promise<AccountRootCredentials[]> {
  return startReading(sessions, options).finish(accounts);
}

/** Reads handed in one by one; see {@link startReading}. */
export interface StreamingRead {
  /** Starts reading `account` (once per id) as soon as a place is free. */
  add(account: AccountSummary | OrganizationAccount): void;
  /** Reads whatever of `accounts` was not added, waits for all, and returns them sorted, each with its final OU path. */
  finish(accounts: readonly OrganizationAccount[]): Promise<AccountRootCredentials[]>;
  /** Starts nothing more and waits for the reads in flight (nothing runs on after the caller returns). */
  cancel(): Promise<void>;
}

/**
 * Reads accounts as they are handed in, at most `concurrency` at once: the command hands each account
 * in as ListAccounts returns it, so the sessions run while the rest of the organization is still being
 * listed (the account list is the slowest part for 5,000 accounts: docs/root-credentials.md#pace-and-scale).
 * The first error (a timeout) stops it: nothing new starts, and `finish` throws it once the reads in
 * flight are done.
 */
export function startReading(sessions: RootSessionFactory, options: InventoryOptions): StreamingRead {
  const limit = options.concurrency ?? 16;
  const entries = new Map<string, Promise<AccountRootCredentials>>();
  const waiting: (() => void)[] = [];
  let active = 0;
  let settled = 0;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let drained: (() => void) | undefined;
  const idle = () => active === 0 && (waiting.length === 0 || failure !== undefined || stopped);
  const pump = () => {
    while (active < limit && waiting.length > 0 && !failure && !stopped) {
      active += 1;
      waiting.shift()!();
    }
    if (idle()) drained?.();
  };
  const add = (account: AccountSummary | OrganizationAccount) => {
    if (entries.has(account.id)) return;
    let start!: () => void;
    const gate = new Promise<void>((resolve) => { start = resolve; });
    const read = gate.then(() => readOneAccount(sessions, account, options.pacer));
    entries.set(account.id, read);
    read.then(() => undefined, (error: unknown) => { failure ??= { error }; }).finally(() => {
      active -= 1;
      settled += 1;
      options.onProgress?.(settled, entries.size);
      pump();
    });
    waiting.push(start);
    pump();
  };
  const untilIdle = () => (idle() ? Promise.resolve() : new Promise<void>((resolve) => { drained = resolve; }));
  return {
    add,
    async finish(accounts) {
      for (const a of accounts) add(a);
      await untilIdle();
      if (failure) throw failure.error;
      const results = await Promise.all(accounts.map((a) => entries.get(a.id)!));
      return results
        .map((r, i) => (accounts[i].path !== undefined ? { ...r, ou: accounts[i].path } : r))
        .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
    },
    async cancel() {
      stopped = true;
      await untilIdle();
    },
  };
}

/** One account: open the audit session, then read the four kinds at once. */
export async function readOneAccount(sessions: RootSessionFactory, account: AccountSummary | OrganizationAccount, pacer: Pacer): Promise<AccountRootCredentials> {
  const path = 'path' in account ? account.path : undefined;
  const base = { accountId: account.id, accountName: account.name, ...(path !== undefined ? { ou: path } : {}) };
  let session;
  try {
    session = await sessions.open(account.id, TASK_POLICY.audit, pacer);
  } catch (err) {
    // A silent endpoint is not this account's problem: it stops the run with one line (aws-timeouts.ts).
    if (isTimeoutError(err)) throw err;
    const error = { api: 'sts:AssumeRoot', reason: sessionFailure(err) };
    return { ...base, loginProfile: null, accessKeys: null, mfaDevices: null, signingCertificates: null, error, unreadParts: [error] };
  }
  const [password, keys, mfa, certs] = await Promise.all([
    readLoginProfile(session.iam, pacer),
    readAccessKeys(session.iam, pacer),
    readMfaDevices(session.iam, pacer),
    readSigningCertificates(session.iam, pacer),
  ]);
  const unreadParts = [password, keys, mfa, certs].flatMap((r) => (r.ok ? [] : [{ api: r.api, reason: r.reason }]));
  return {
    ...base,
    loginProfile: password.ok ? password.value : null,
    accessKeys: keys.ok ? keys.value : null,
    mfaDevices: mfa.ok ? mfa.value : null,
    signingCertificates: certs.ok ? certs.value : null,
    ...(unreadParts.length > 0 ? { error: unreadParts[0], unreadParts } : {}),
    sessionAccessKeyId: session.accessKeyId,
  };
}

/** Why AssumeRoot failed, with the usual causes named (an SCP without the aws:AssumedRoot exemption is the common one). */
function sessionFailure(err: unknown): string {
  const info = describeAwsError(err);
  if (info.kind === 'access-denied') {
    return `access denied (${info.code}: the caller needs sts:AssumeRoot, and no SCP on the member account may deny root sessions: exempt them with "Null": {"aws:AssumedRoot": "true"}; see docs/root-credentials.md)`;
  }
  return unreadReason(info);
}

/** The report of an inventory: accounts sorted, summary, what was not read at the organization level. */
export function buildReport(accounts: readonly AccountRootCredentials[], orgUnread: RootCredentialsReport['unread'], apiCalls?: Readonly<Record<string, number>>): RootCredentialsReport {
  return {
    summary: summarizeRootCredentials(accounts, orgUnread.length),
    accounts,
    unread: orgUnread,
    ...(apiCalls ? { apiCalls } : {}),
  };
}
