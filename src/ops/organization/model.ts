import type { UnreadItem } from '../aws/describe-aws-error';

/**
 * The organization as every operating command sees it: OUs named by their CfCT path, accounts with
 * their state and place. CfCT's path rules (CfCT source: `OrganizationsData` in
 * https://github.com/aws-solutions/aws-control-tower-customizations): a path is `Parent:Child`
 * without `Root:`, each segment matched exactly (case-sensitive) against the OU names under the
 * previous one, and `Root` alone is the organization root.
 */

/** API names as the findings print them. */
export const ORGANIZATIONS_API = {
  listRoots: 'organizations:ListRoots',
  listOrganizationalUnitsForParent: 'organizations:ListOrganizationalUnitsForParent',
  listAccountsForParent: 'organizations:ListAccountsForParent',
  listChildren: 'organizations:ListChildren',
  listAccounts: 'organizations:ListAccounts',
  listPoliciesForTarget: 'organizations:ListPoliciesForTarget',
  describeOrganization: 'organizations:DescribeOrganization',
} as const;

/** The CfCT target that means the organization root. */
export const ROOT_TARGET = 'Root';

/** One OU with its CfCT path and the ids above it. */
export interface OrganizationalUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  /** CfCT path: names from the top-level OU down, joined with `:`, without `Root:`. */
  readonly path: string;
  /** Root id first, down to the parent. */
  readonly ancestorIds: readonly string[];
  /**
   * Why CfCT cannot address this OU by path, if it cannot: a name containing `:` (CfCT splits on
   * it) or with spaces at either end (CfCT strips segments before matching).
   */
  readonly unaddressable?: string;
}

/** An account as the checks need it. */
export interface AccountSummary {
  readonly id: string;
  readonly name: string;
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE` …: `State`, or the deprecated `Status` for older responses. */
  readonly state: string;
}

/** An account and where it sits; the place is unknown when its parent could not be listed. */
export interface OrganizationAccount extends AccountSummary {
  readonly parentId?: string;
  /** CfCT path of the parent OU; `''` for an account directly under the root. */
  readonly path?: string;
  /** Root id first, down to the parent (the ids an SCP can be attached to above the account). */
  readonly ancestorIds?: readonly string[];
}

/** A parent (root or OU) whose OUs or accounts could not be listed. */
export interface UnreadParent extends UnreadItem {
  /** Root or OU id. */
  readonly parentId: string;
}

/** The organization as far as it could be read. */
export interface OrganizationSnapshot {
  readonly rootId: string;
  /** Every OU that could be read, sorted by path. */
  readonly units: readonly OrganizationalUnit[];
  /** Sorted by account id; empty when only the OU tree was read. */
  readonly accounts: readonly OrganizationAccount[];
  /** Parents whose OUs or accounts could not be listed, sorted by target. */
  readonly unread: readonly UnreadParent[];
}
