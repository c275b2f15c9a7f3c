import { CONTROL_TOWER_EXECUTION_ROLE, CONTROL_TOWER_STACKSET_ROLE_PATH } from '../../../plan';
import { type ManagementRead, needsManagement, NOT_IN_MANAGEMENT, notChecked, PREFLIGHT_API, type PreflightFinding } from '../finding';

/** What {@link checkExecutionRole} needs. */
export interface ExecutionRoleFacts {
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /** The role's trust policy, URL-decoded (iam:GetRole), or `absent` when there is no such role. */
  readonly role: ManagementRead<{ readonly trustPolicy: string } | 'absent'>;
}

const FIX = 'deploy prerequisites/management-account-execution-role.json once in the management account as a CloudFormation stack (Control Tower does not create this role there)';

/**
 * The management account's AWSControlTowerExecution role, which CfCT's stack sets assume to deploy
 * there: Control Tower creates it in member accounts only
 * (https://docs.aws.amazon.com/controltower/latest/userguide/awscontroltowerexecution.html).
 */
export function checkExecutionRole(facts: ExecutionRoleFacts): PreflightFinding[] {
  const { role, managementAccountId: mgmt } = facts;
  const target = `account ${mgmt}`;
  const api = PREFLIGHT_API.getRole;
  if (role === NOT_IN_MANAGEMENT) return [needsManagement('execution-role', target, api, facts.callerAccount)];
  if (!role.ok) return [notChecked('execution-role', role.failure, `read the role ${CONTROL_TOWER_EXECUTION_ROLE}`)];
  if (role.value === 'absent') {
    return [{ check: 'execution-role', status: 'fail', target, api, message: `no ${CONTROL_TOWER_EXECUTION_ROLE} role in the management account: the alarm stack set cannot deploy there (${FIX})` }];
  }
  const trust = role.value.trustPolicy;
  // The prerequisite template trusts the stack-set role by ARN; trusting the account itself also works.
  const trustsCfct = trust.includes(CONTROL_TOWER_STACKSET_ROLE_PATH) || new RegExp(`arn:aws[a-z-]*:iam::${mgmt}:root|"${mgmt}"`).test(trust);
  return [{
    check: 'execution-role',
    status: trustsCfct ? 'pass' : 'warn',
    target,
    api,
    message: trustsCfct
      ? `${CONTROL_TOWER_EXECUTION_ROLE} exists and trusts ${CONTROL_TOWER_STACKSET_ROLE_PATH}`
      : `${CONTROL_TOWER_EXECUTION_ROLE} exists but its trust policy names neither ${CONTROL_TOWER_STACKSET_ROLE_PATH} nor the account: CfCT's stack sets cannot assume it (${FIX})`,
  }];
}
