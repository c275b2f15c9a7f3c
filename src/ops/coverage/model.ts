import type { CheckStatus } from '../readers/detection-checks';

/** What the coverage rules return: one item per thing an account should have, and the account's result. */

/** An item that does not apply to this account (with the reason in `detail`). */
export type ItemStatus = CheckStatus | 'n/a';

/** One coverage item of one account. */
export interface CoverageItem {
  /** `stack-set:<name>`, `scp`, or `config:<rule name>`. */
  readonly id: string;
  readonly label: string;
  readonly status: ItemStatus;
  readonly detail: string;
}

/**
 * - `covered`: every item that applies is ok;
 * - `uncovered`: something the config deploys to the account is missing or broken;
 * - `non-compliant`: deployed, and a root check reports NON_COMPLIANT (e.g. root without MFA);
 * - `unknown`: something could not be read, and nothing is known to be wrong;
 * - `not-targeted`: the config targets nothing at this account (only the org-wide alarm covers it);
 * - `inactive`: suspended or closing: CfCT deploys to ACTIVE accounts only.
 */
export type AccountResult = 'covered' | 'uncovered' | 'non-compliant' | 'unknown' | 'not-targeted' | 'inactive';

/** One audited account. */
export interface AccountCoverage {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  /** CfCT path of its OU: `Root` for accounts directly under the root; `?` when unknown. */
  readonly ouPath: string;
  readonly result: AccountResult;
  readonly items: readonly CoverageItem[];
}
