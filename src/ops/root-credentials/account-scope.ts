import type { OrganizationAccount, OrganizationSnapshot } from '../organization';

/** Which accounts a run covers: `--accounts`, `--ou`, or every active member account. */
export interface AccountScope {
  /** Account ids (12 digits). */
  readonly accounts?: readonly string[];
  /** CfCT OU paths (`Workloads:Prod`; `Root` = the whole organization); an OU covers its descendants. */
  readonly ous?: readonly string[];
}

/**
 * The member accounts in scope, sorted by id, and one problem line per selector that matches
 * nothing. AssumeRoot targets member accounts only (API_AssumeRoot.html: "a member account in your
 * organization"), so the management account is never in scope, nor is an account that is not ACTIVE
 * (a suspended account cannot be signed in to).
 */
export function selectAccounts(org: OrganizationSnapshot, managementAccountId: string | undefined, scope: AccountScope): { accounts: OrganizationAccount[]; problems: string[] } {
  const problems: string[] = [];
  const members = org.accounts.filter((a) => a.id !== managementAccountId);
  let chosen = members.filter((a) => a.state === 'ACTIVE');
  if (scope.accounts && scope.accounts.length > 0) {
    const byId = new Map(org.accounts.map((a) => [a.id, a]));
    for (const id of scope.accounts) {
      const a = byId.get(id);
      if (!a) problems.push(`--accounts: ${id} is not an account of this organization (organizations:ListAccounts; check the id)`);
      else if (id === managementAccountId) problems.push(`--accounts: ${id} is the management account; AssumeRoot only opens sessions in member accounts (remove it)`);
      else if (a.state !== 'ACTIVE') problems.push(`--accounts: ${id} is ${a.state}, not ACTIVE (remove it)`);
    }
    const wanted = new Set(scope.accounts);
    chosen = chosen.filter((a) => wanted.has(a.id));
  }
  if (scope.ous && scope.ous.length > 0) {
    const known = new Set(org.units.map((u) => u.path));
    for (const ou of scope.ous) if (ou !== 'Root' && !known.has(ou)) problems.push(`--ou: "${ou}" is not an OU path of this organization (use a CfCT path such as "Workloads:Prod"; root-guard resolve lists them)`);
    const inOu = (a: OrganizationAccount) => scope.ous!.some((ou) => ou === 'Root' || (a.path !== undefined && (a.path === ou || a.path.startsWith(`${ou}:`))));
    chosen = chosen.filter(inOu);
  }
  return { accounts: chosen, problems };
}
