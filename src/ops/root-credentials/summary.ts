import type { AccountRootCredentials, RootCredentialsSummary } from './types';

/** Exit codes of `root-guard root-credentials` (also in its --help). */
export const ROOT_CREDENTIALS_EXIT = {
  /** Everything read, no member root user holds a password, an access key or a signing certificate; or every planned removal done. */
  ok: 0,
  /** A member root user holds a password, an access key or a signing certificate; or a removal failed. */
  found: 1,
  /** Wrong usage (commander's, and main's EXIT_USAGE). */
  usage: 2,
  /** Nothing found, but an account or the account list could not be read completely. */
  partial: 3,
  /** Cannot run: centralized root access not enabled, or the caller may not use it. */
  notReady: 4,
} as const;

/** Whether the account holds something a person could sign in or call with. */
export function holdsLongTermCredentials(a: AccountRootCredentials): boolean {
  return a.loginProfile === true || a.accessKeys.length > 0 || a.signingCertificates.length > 0;
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
    withAccessKeys: accounts.filter((a) => a.accessKeys.length > 0).length,
    withSigningCertificates: accounts.filter((a) => a.signingCertificates.length > 0).length,
    withMfa: accounts.filter((a) => a.mfaDevices.length > 0).length,
    withLongTermCredentials: holders.length,
    longTermCredentialAccounts: holders,
    exitCode,
  };
}
