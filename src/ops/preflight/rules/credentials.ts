import { PREFLIGHT_API, type PreflightFinding } from '../finding';

/** What {@link checkCredentials} needs. */
export interface CredentialsFacts {
  /** Whose credentials these are (sts:GetCallerIdentity). */
  readonly caller: { readonly account: string; readonly arn: string };
  /** `managementAccountId` of the config. */
  readonly managementAccountId: string;
}

/** The management-account checks need the management account's credentials: say whose these are. */
export function checkCredentials(facts: CredentialsFacts): PreflightFinding[] {
  const { caller, managementAccountId: mgmt } = facts;
  const inManagement = caller.account === mgmt;
  return [{
    check: 'credentials',
    status: inManagement ? 'pass' : 'fail',
    target: `account ${caller.account}`,
    api: PREFLIGHT_API.getCallerIdentity,
    message: inManagement
      ? `running as ${caller.arn} in the management account`
      : `running as ${caller.arn} in account ${caller.account}, not the management account ${mgmt} of the config: the checks of the log group, the execution role, the home region and enrolment need the management account (run with its credentials, e.g. AWS_PROFILE=<management profile>)`,
  }];
}
