import type { Pacer } from '../api-pacer';
import { mapWithConcurrency } from '../concurrency';
import { isTimeoutError } from '../aws-timeouts';
import { describeAwsError, unreadReason } from '../describe-aws-error';
import type { OrganizationAccount } from '../organization';
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
  let done = 0;
  const results = await mapWithConcurrency(accounts, options.concurrency ?? 16, async (account) => {
    const result = await readOneAccount(sessions, account, options.pacer);
    options.onProgress?.(++done, accounts.length);
    return result;
  });
  return results.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
}

/** One account: open the audit session, then read the four kinds at once. */
export async function readOneAccount(sessions: RootSessionFactory, account: OrganizationAccount, pacer: Pacer): Promise<AccountRootCredentials> {
  const base = { accountId: account.id, accountName: account.name, ...(account.path !== undefined ? { ou: account.path } : {}) };
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
