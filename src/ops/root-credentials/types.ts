/**
 * The result of `root-guard root-credentials`: what `--json` prints and what `root-guard report`
 * reads. A contract between the two commands: add fields, never rename or remove one.
 */

/** One root access key of a member account, as IAM reports it inside an AssumeRoot session. */
export interface RootAccessKey {
  readonly accessKeyId: string;
  /** `Active` or `Inactive`. */
  readonly status: string;
  /** ISO 8601. */
  readonly created?: string;
  /** ISO 8601; absent when the key was never used (or IAM does not know). */
  readonly lastUsed?: string;
  readonly lastUsedService?: string;
  readonly lastUsedRegion?: string;
}

/** One MFA device of a member account's root user. */
export interface RootMfaDevice {
  readonly serialNumber: string;
  /** ISO 8601. */
  readonly enabled?: string;
}

/** One X.509 signing certificate of a member account's root user. */
export interface RootSigningCertificate {
  readonly certificateId: string;
  /** `Active` or `Inactive`. */
  readonly status: string;
  /** ISO 8601. */
  readonly uploaded?: string;
}

/**
 * What one account holds. A kind that could not be read is `null` (never an empty list: unknown is
 * not zero), in the terminal (`?`) and in `--json` alike.
 */
export interface AccountRootCredentials {
  readonly accountId: string;
  readonly accountName: string;
  /** CfCT path of the account's OU (`''` directly under the root), when known. */
  readonly ou?: string;
  /** Whether the root user has a console password; null when it could not be read. */
  readonly loginProfile: boolean | null;
  /** Null when `iam:ListAccessKeys` (or the session) could not be read. */
  readonly accessKeys: readonly RootAccessKey[] | null;
  /** Null when `iam:ListMFADevices` (or the session) could not be read. */
  readonly mfaDevices: readonly RootMfaDevice[] | null;
  /** Null when `iam:ListSigningCertificates` (or the session) could not be read. */
  readonly signingCertificates: readonly RootSigningCertificate[] | null;
  /** Why the account (or part of it) could not be read: the API call and the reason. */
  readonly error?: { readonly api: string; readonly reason: string };
  /** Every part that could not be read (the first is `error`): the other kinds were still read. */
  readonly unreadParts?: readonly { readonly api: string; readonly reason: string }[];
  /**
   * The access key id (ASIA…) of the AssumeRoot session that read this account: CloudTrail records
   * it in the caller's `AssumeRoot` event and on every call in the member account, so a responder
   * can tell this run's root activity from anyone else's.
   */
  readonly sessionAccessKeyId?: string;
}

/** Counts over the accounts read. */
export interface RootCredentialsSummary {
  readonly accounts: number;
  /** Accounts read completely. */
  readonly read: number;
  /** Accounts with an `error`. */
  readonly failed: number;
  readonly withPassword: number;
  readonly withAccessKeys: number;
  readonly withSigningCertificates: number;
  readonly withMfa: number;
  /** Accounts where that kind could not be read: unknown, counted apart from the `with…` counts. */
  readonly unknownPassword?: number;
  readonly unknownAccessKeys?: number;
  readonly unknownSigningCertificates?: number;
  readonly unknownMfa?: number;
  /** A password, an access key or a signing certificate: anything a person could sign in or call with. */
  readonly withLongTermCredentials: number;
  /** Ids of the accounts with a password, an access key or a signing certificate, sorted. */
  readonly longTermCredentialAccounts?: readonly string[];
  /** Exit code of the inventory: 0 nothing found and all read, 1 credentials found, 3 nothing found but partial. */
  readonly exitCode?: number;
}

/** The whole inventory. */
export interface RootCredentialsReport {
  readonly summary: RootCredentialsSummary;
  /** Sorted by account id. */
  readonly accounts: readonly AccountRootCredentials[];
  /** What could not be read at the organization level (e.g. the account list). */
  readonly unread: readonly { readonly target: string; readonly api: string; readonly reason: string }[];
  /** API calls made, per `service:Action`. */
  readonly apiCalls?: Readonly<Record<string, number>>;
}
