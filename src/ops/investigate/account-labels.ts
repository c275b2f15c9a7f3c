import { DescribeAccountCommand, DescribeOrganizationalUnitCommand, ListParentsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';

/** What a person knows an account by: its name and its OU path (`Workloads:Prod`, `Root`). */
export interface AccountLabel {
  readonly name?: string;
  readonly ou?: string;
  /** Why the name or OU could not be read. */
  readonly unread?: string;
}

/** OUs are nested at most five levels below the root (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html, read 2026-12-08). */
const MAX_DEPTH = 6;

/**
 * Names and OU paths of a few accounts (those an investigation found), read with DescribeAccount,
 * ListParents and DescribeOrganizationalUnit, each OU read once. Never throws for an AWS error: an
 * account it could not label keeps its id alone, with the reason (a delegated administrator may
 * lack organizations:Describe*).
 */
export async function readAccountLabels(organizations: OrganizationsClient, pacer: Pacer, accountIds: readonly string[]): Promise<Map<string, AccountLabel>> {
  const ouNames = new Map<string, Promise<string>>();
  const ouName = (id: string) => {
    let name = ouNames.get(id);
    if (!name) {
      name = paced(pacer, 'organizations:DescribeOrganizationalUnit', () => organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id })))
        .then((r) => r.OrganizationalUnit?.Name ?? id);
      ouNames.set(id, name);
    }
    return name;
  };
  const parentOf = async (childId: string) => (await paced(pacer, 'organizations:ListParents', () => organizations.send(new ListParentsCommand({ ChildId: childId })))).Parents?.[0];
  const labels = new Map<string, AccountLabel>();
  await Promise.all([...new Set(accountIds)].map(async (id) => {
    try {
      const account = await paced(pacer, 'organizations:DescribeAccount', () => organizations.send(new DescribeAccountCommand({ AccountId: id })));
      const path: string[] = [];
      let child = id;
      for (let depth = 0; depth < MAX_DEPTH; depth++) {
        const parent = await parentOf(child);
        if (!parent?.Id || parent.Type === 'ROOT') break;
        path.unshift(await ouName(parent.Id));
        child = parent.Id;
      }
      labels.set(id, { ...(account.Account?.Name ? { name: account.Account.Name } : {}), ou: path.length === 0 ? 'Root' : path.join(':') });
    } catch (err) {
      labels.set(id, { unread: unreadReason(describeAwsError(err)) });
    }
  }));
  return labels;
}
