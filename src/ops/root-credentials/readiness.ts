import type { IAMClient } from '@aws-sdk/client-iam';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { STSClient } from '@aws-sdk/client-sts';
import { UserError } from '../../errors';
import type { Pacer } from '../api-pacer';
import { isTimeoutError } from '../aws-timeouts';
import { describeAwsError, unreadReason } from '../describe-aws-error';
import { readOrganization } from '../organization';
import { type AccountScope, selectAccounts } from './account-scope';
import { type CallerFacts, type CallerRole, checkCaller, readCallerFacts } from './caller-check';
import { featureProblems, readRootAccessFeatures } from './feature-check';
import type { AccountSummary, OrganizationAccount } from '../organization';
import type { RootCredentialsReport } from './types';

/** The caller's clients (management account or IAM's delegated administrator). */
export interface CallerClients {
  readonly sts: STSClient;
  readonly organizations: OrganizationsClient;
  readonly iam: IAMClient;
}

/** Whether the run may go ahead; `problems` say what to run or change when not. */
export interface Readiness {
  readonly caller?: CallerFacts;
  readonly role?: CallerRole;
  readonly problems: readonly string[];
}

/** Checks the caller and the features before any session is opened. Throws UserError when the credentials are unusable. */
export async function checkReadiness(clients: CallerClients, pacer: Pacer): Promise<Readiness> {
  let caller: CallerFacts;
  try {
    caller = await readCallerFacts(clients.sts, clients.organizations, pacer);
  } catch (err) {
    if (isTimeoutError(err)) throw err; // already one line naming the call (aws-timeouts.ts)
    throw new UserError(`sts:GetCallerIdentity: ${unreadReason(describeAwsError(err))}`);
  }
  const features = await readRootAccessFeatures(clients.iam, pacer);
  const callerCheck = checkCaller(caller, features);
  // A caller not allowed makes ListOrganizationsFeatures fail too: say it once, as the caller problem.
  const problems = callerCheck.problems.length > 0 ? callerCheck.problems : featureProblems(features);
  return { caller, ...(callerCheck.role ? { role: callerCheck.role } : {}), problems };
}

/** The accounts in scope, what could not be listed, and selector problems. */
export async function listAccountsInScope(
  organizations: OrganizationsClient,
  pacer: Pacer,
  managementAccountId: string | undefined,
  scope: AccountScope,
  onListed?: (account: AccountSummary) => void,
): Promise<{ accounts: OrganizationAccount[]; unread: RootCredentialsReport['unread']; problems: string[] }> {
  let org;
  // Each ACTIVE member account as ListAccounts returns it, before the rest of the organization is read.
  const onAccountsListed = onListed
    ? (page: readonly AccountSummary[]) => { for (const a of page) if (a.state === 'ACTIVE' && a.id !== managementAccountId) onListed(a); }
    : undefined;
  try {
    org = await readOrganization(organizations, { pacer, ...(onAccountsListed ? { onAccountsListed } : {}) });
  } catch (err) {
    if (isTimeoutError(err)) throw err;
    throw new UserError(`organizations:ListAccounts: cannot list the organization's accounts: ${unreadReason(describeAwsError(err))}`);
  }
  const { accounts, problems } = selectAccounts(org, managementAccountId, scope);
  return { accounts, unread: org.unread, problems };
}
