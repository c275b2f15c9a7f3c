import { DescribeOrganizationCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { paced, type Pacer } from '../api-pacer';
import { isTimeoutError } from '../aws-timeouts';
import { describeAwsError } from '../describe-aws-error';
import type { RootAccessFeatures } from './feature-check';

/** Who is calling, and which account manages the organization. */
export interface CallerFacts {
  readonly account: string;
  readonly arn: string;
  /** The management account id, when DescribeOrganization could be read. */
  readonly managementAccountId?: string;
}

/** The caller's role in centralized root access. */
export type CallerRole = 'management' | 'delegated-administrator';

/** Reads the caller's identity and the organization's management account. Throws on unusable credentials. */
export async function readCallerFacts(sts: STSClient, organizations: OrganizationsClient, pacer: Pacer): Promise<CallerFacts> {
  const me = await paced(pacer, 'sts:GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({})));
  let managementAccountId: string | undefined;
  try {
    const org = await paced(pacer, 'organizations:DescribeOrganization', () => organizations.send(new DescribeOrganizationCommand({})));
    managementAccountId = org.Organization?.MasterAccountId;
  } catch (err) {
    // A delegated administrator may lack organizations:DescribeOrganization; ListOrganizationsFeatures decides then.
    if (describeAwsError(err).kind === 'credentials' || isTimeoutError(err)) throw err;
  }
  return { account: me.Account ?? '', arn: me.Arn ?? '', ...(managementAccountId ? { managementAccountId } : {}) };
}

/**
 * Whether the caller may call sts:AssumeRoot: the management account or IAM's delegated
 * administrator, as an IAM user or role, never the root user (API_AssumeRoot.html). A caller that is
 * not the management account is IAM's delegated administrator exactly when ListOrganizationsFeatures
 * answered (it rejects every other account with AccountNotManagementOrDelegatedAdministrator).
 */
export function checkCaller(caller: CallerFacts, features: RootAccessFeatures): { role?: CallerRole; problems: string[] } {
  if (/:root$/.test(caller.arn)) {
    return { problems: [`sts:GetCallerIdentity: the caller is a root user (${caller.arn}); sts:AssumeRoot cannot be called with root credentials (use an IAM role or user of the management account)`] };
  }
  if (caller.managementAccountId && caller.account === caller.managementAccountId) return { role: 'management', problems: [] };
  if (features.kind === 'read') return { role: 'delegated-administrator', problems: [] };
  if (features.code === 'AccountNotManagementOrDelegatedAdministratorException') {
    return { problems: [`sts:GetCallerIdentity: account ${caller.account} is neither the management account${caller.managementAccountId ? ` (${caller.managementAccountId})` : ''} nor IAM's delegated administrator (run with the management account's credentials, or register this account: aws organizations register-delegated-administrator --service-principal iam.amazonaws.com --account-id ${caller.account})`] };
  }
  // Anything else ListOrganizationsFeatures said is reported by featureProblems.
  return { problems: [] };
}
