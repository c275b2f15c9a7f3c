import type { AccountRootCredentials } from './types';

/** What `--delete` may name. */
export const DELETE_KINDS = ['PASSWORD', 'KEYS', 'CERTS', 'MFA'] as const;
export type DeleteKind = (typeof DELETE_KINDS)[number];

/** What one removal step removes. */
export type DeletionWhat = 'password' | 'access-key' | 'signing-certificate' | 'mfa-device';

/** One removal: one IAM call in one account, on the identifiers the inventory listed. */
export interface DeletionStep {
  readonly accountId: string;
  readonly accountName: string;
  readonly what: DeletionWhat;
  /** Access key id, certificate id or MFA serial number; `LoginProfile` for the password. */
  readonly identifiers: readonly string[];
}

/** The plan: every step, and the accounts left out because the kind could not be read there. */
export interface DeletionPlan {
  readonly kinds: readonly DeleteKind[];
  readonly steps: readonly DeletionStep[];
  readonly skipped: readonly { readonly accountId: string; readonly reason: string }[];
  /**
   * Accounts the plan would leave with a password and no MFA (or with MFA deactivated while the
   * password is unknown): a plan with any is refused, naming them. Absent on plans read from files.
   */
  readonly unsafe?: readonly { readonly accountId: string; readonly accountName: string; readonly reason: string }[];
}

/**
 * The order of removal within an account: what a person can sign in or call with first, MFA last.
 * A run that stops part-way (a failure, an expired 15-minute session, Ctrl-C) then leaves, at worst,
 * a root user that still has MFA, never one with a password and no MFA.
 */
export const REMOVAL_ORDER: readonly DeletionWhat[] = ['password', 'access-key', 'signing-certificate', 'mfa-device'];

/** The password's identifier in a step (IAM calls the password a login profile). */
export const PASSWORD_IDENTIFIER = 'LoginProfile';

/** Parses `PASSWORD,KEYS,CERTS,MFA` (any order, any case); throws with the allowed values on anything else. */
export function parseDeleteKinds(text: string): DeleteKind[] {
  const items = text.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const bad = items.filter((s) => !(DELETE_KINDS as readonly string[]).includes(s));
  if (items.length === 0 || bad.length > 0) {
    throw new Error(`${bad.length > 0 ? `"${bad.join(',')}" is not a kind` : 'names no kind'} (use a comma-separated list of ${DELETE_KINDS.join(', ')})`);
  }
  return DELETE_KINDS.filter((k) => items.includes(k));
}

/** The identity of a step, stable across runs: what the journal matches on resume. */
export function stepKey(step: Pick<DeletionStep, 'accountId' | 'what' | 'identifiers'>): string {
  return `${step.accountId}/${step.what}/${step.identifiers.join(',')}`;
}

/**
 * The removals `kinds` call for, from an inventory: only identifiers the inventory listed (so
 * nothing created after it is touched), MFA only when `MFA` is named, each account's steps in
 * {@link REMOVAL_ORDER}. An account whose session or kind could not be read is skipped for that kind
 * and listed. An account whose MFA would be deactivated while its password stays (PASSWORD not named)
 * or is unknown is listed in `unsafe`.
 */
export function planDeletions(accounts: readonly AccountRootCredentials[], kinds: readonly DeleteKind[]): DeletionPlan {
  const steps: DeletionStep[] = [];
  const skipped: { accountId: string; reason: string }[] = [];
  const unsafe: { accountId: string; accountName: string; reason: string }[] = [];
  const unreadApi = (a: AccountRootCredentials, api: string) => (a.unreadParts ?? (a.error ? [a.error] : [])).find((p) => p.api === api || p.api === 'sts:AssumeRoot');
  for (const a of accounts) {
    const base = { accountId: a.accountId, accountName: a.accountName };
    const take = (kind: DeleteKind, api: string, add: () => void) => {
      if (!kinds.includes(kind)) return;
      const unread = unreadApi(a, api);
      if (unread) skipped.push({ accountId: a.accountId, reason: `${kind}: not read (${unread.api}: ${unread.reason})` });
      else add();
    };
    take('PASSWORD', 'iam:GetLoginProfile', () => { if (a.loginProfile === true) steps.push({ ...base, what: 'password', identifiers: [PASSWORD_IDENTIFIER] }); });
    take('KEYS', 'iam:ListAccessKeys', () => { for (const k of a.accessKeys ?? []) steps.push({ ...base, what: 'access-key', identifiers: [k.accessKeyId] }); });
    take('CERTS', 'iam:ListSigningCertificates', () => { for (const c of a.signingCertificates ?? []) steps.push({ ...base, what: 'signing-certificate', identifiers: [c.certificateId] }); });
    take('MFA', 'iam:ListMFADevices', () => {
      const devices = a.mfaDevices ?? [];
      if (devices.length === 0) return;
      if (a.loginProfile === null) {
        unsafe.push({ ...nameOf(a), reason: 'its password could not be read, so deactivating MFA could leave a password without MFA (read the account again, or leave MFA out of --delete)' });
      } else if (a.loginProfile && !kinds.includes('PASSWORD')) {
        unsafe.push({ ...nameOf(a), reason: 'its root user has a password that this plan keeps: deactivating MFA would leave a password without MFA (add PASSWORD to --delete, or leave MFA out)' });
      } else {
        for (const d of devices) steps.push({ ...base, what: 'mfa-device', identifiers: [d.serialNumber] });
      }
    });
  }
  return { kinds, steps, skipped, unsafe };
}

const nameOf = (a: AccountRootCredentials) => ({ accountId: a.accountId, accountName: a.accountName });
