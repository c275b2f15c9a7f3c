import type { OrganizationAccount } from '../organization';

/** Where the config's root checks go: `rootChecks` narrowed to what targeting needs. */
export interface RootChecksTargets {
  readonly organizationalUnits: readonly string[];
  readonly includeNestedOUs: boolean;
  readonly includeManagementAccount: boolean;
}

/**
 * CfCT's targeting: Root = every enrolled account but the management account; a path = accounts
 * directly in it (CfCT issue #131, https://github.com/aws-solutions/aws-control-tower-customizations/issues/131),
 * and below it when includeNestedOUs expanded the list. `unknown` when the account's OU could not be read.
 */
export function targetedByRootChecks(account: OrganizationAccount, targets: RootChecksTargets, isManagement: boolean): boolean | 'unknown' {
  if (isManagement) return targets.includeManagementAccount;
  const paths = targets.organizationalUnits;
  if (paths.includes('Root')) return true;
  if (account.path === undefined) return 'unknown';
  const path = account.path;
  return paths.some((p) => path === p || (targets.includeNestedOUs && path.startsWith(`${p}:`)));
}

/** Whether the account sits in (or below) one of `paths`, `Root` meaning everywhere. */
export function underAnyPath(account: OrganizationAccount, paths: readonly string[]): boolean {
  return paths.includes('Root') || (account.path !== undefined && paths.some((p) => account.path === p || account.path!.startsWith(`${p}:`)));
}
