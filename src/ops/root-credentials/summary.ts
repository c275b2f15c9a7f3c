import type { AccountRootCredentials, RootCredentialsSummary } from './types';

/** Exit codes of `root-guard root-credentials` (also in its --help). */
export const ROOT_CREDENTIALS_EXIT = {
  /** Everything read, no member root user holds a password, an access key or a signing certificate; or every planned removal done. */
  ok: 0,
  /** A member root user holds a password, an access key or a signing certificate; or a removal failed. */
  found: 1,
  /** Wrong usage (commander's, and main's EXIT_USAGE). */
  usage: 2,
  /**
   * Partial: nothing found but something could not be read; or (`--apply`) no step failed but not
   * every planned removal was made (a kind not read, MFA kept because an earlier step failed).
   */
  partial: 3,
  /** Cannot run: centralized root access not enabled, or the caller may not use it. */
  notReady: 4,
  /**
   * Refused, nothing removed: the plan would leave a password without MFA, the plan file was edited,
   * an account's credentials changed since the plan, or the journal does not belong to the plan.
   */
  refused: 5,
  /** `--apply` stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + the signal number, as shells report it. */
  interrupted: 130,
} as const;

/** Whether the account holds something a person could sign in or call with. */
export function holdsLongTermCredentials(a: AccountRootCredentials): boolean {
  return a.loginProfile === true || (a.accessKeys?.length ?? 0) > 0 || (a.signingCertificates?.length ?? 0) > 0;
}

/** Whether any kind of the account could not be read. */
export function hasUnknownKind(a: AccountRootCredentials): boolean {
  return a.loginProfile === null || a.accessKeys === null || a.signingCertificates === null || a.mfaDevices === null;
}

/** Counts over the accounts read, and the exit code they imply. */
export function summarizeRootCredentials(accounts: readonly AccountRootCredentials[], orgUnread: number): RootCredentialsSummary {
  const failed = accounts.filter((a) => a.error !== undefined).length;
  const holders = accounts.filter(holdsLongTermCredentials).map((a) => a.accountId).sort();
  const exitCode = holders.length > 0 ? ROOT_CREDENTIALS_EXIT.found : failed > 0 || orgUnread > 0 ? ROOT_CREDENTIALS_EXIT.partial : ROOT_CREDENTIALS_EXIT.ok;
  return {
    accounts: accounts.length,
    read: accounts.length - failed,
    failed,
    withPassword: accounts.filter((a) => a.loginProfile === true).length,
    withAccessKeys: accounts.filter((a) => (a.accessKeys?.length ?? 0) > 0).length,
    withSigningCertificates: accounts.filter((a) => (a.signingCertificates?.length ?? 0) > 0).length,
    withMfa: accounts.filter((a) => (a.mfaDevices?.length ?? 0) > 0).length,
    unknownPassword: accounts.filter((a) => a.loginProfile === null).length,
    unknownAccessKeys: accounts.filter((a) => a.accessKeys === null).length,
    unknownSigningCertificates: accounts.filter((a) => a.signingCertificates === null).length,
    unknownMfa: accounts.filter((a) => a.mfaDevices === null).length,
    withLongTermCredentials: holders.length,
    longTermCredentialAccounts: holders,
    exitCode,
  };
}
