import { notChecked, PREFLIGHT_API, type PreflightFinding, type Read } from '../finding';

/** What {@link checkOrganization} needs. */
export interface OrganizationFacts {
  /** organizations:DescribeOrganization: the organization's id and management account. */
  readonly organization: Read<{ readonly id?: string; readonly managementAccountId?: string }>;
  /** `managementAccountId` of the config. */
  readonly managementAccountId: string;
  /** The config file, named in the fix. */
  readonly configFile: string;
}

/** The config's management account is this organization's. */
export function checkOrganization(facts: OrganizationFacts): PreflightFinding[] {
  const { organization, managementAccountId: mgmt } = facts;
  if (!organization.ok) return [notChecked('organization', organization.failure, 'describe the organization')];
  const actual = organization.value.managementAccountId;
  return [{
    check: 'organization',
    status: actual === mgmt ? 'pass' : 'fail',
    target: `organization ${organization.value.id ?? '?'}`,
    api: PREFLIGHT_API.describeOrganization,
    message: actual === mgmt
      ? `the management account is ${mgmt}, as the config says`
      : `the management account of this organization is ${actual ?? 'unknown'}, but managementAccountId in ${facts.configFile} is ${mgmt} (fix managementAccountId)`,
  }];
}
