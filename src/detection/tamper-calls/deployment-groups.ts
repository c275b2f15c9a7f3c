/**
 * Tamper groups on who deploys and governs the detection: root-guard's stack sets, stack-set operations
 * that run as AWSControlTowerExecution, Organizations (SCPs, RCPs, delegation, accounts leaving),
 * root-guard's and Control Tower's roles, sessions of the execution role, CfCT's functions.
 */
import type { TamperCallGroup, TamperNames } from './types';
import { CONTROL_PLANE_ROLE_NAME_PREFIXES, EXECUTION_ROLE_NAME } from '../deployment-roles';
import { ROLE_CHANGES } from './types';

export function deploymentGroups(names: TamperNames): TamperCallGroup[] {
  const prefix = `${names.namePrefix}-`;
  return [
    {
      id: 'stack-set-deletes',
      title: 'root-guard stack set or stack instances deleted',
      eventSource: 'cloudformation.amazonaws.com',
      eventNames: ['DeleteStackSet', 'DeleteStackInstances'],
      scope: 'management',
      resource: { field: 'stackSetName', values: [`${names.stackSetPrefix}${prefix}*`] },
      exempt: 'none',
      disables: ['stack set'],
      fastRule: true,
    },
    {
      id: 'stack-set-changes',
      title: 'root-guard stack set created or changed: the detection changed (expected after a CfCT pipeline run with a new package)',
      eventSource: 'cloudformation.amazonaws.com',
      // CfCT updates a stack set only when its template or parameters change, so by anyone, CfCT
      // included, this is a low-noise "detection changed" message.
      eventNames: ['CreateStackSet', 'UpdateStackSet', 'CreateStackInstances', 'UpdateStackInstances'],
      scope: 'management',
      resource: { field: 'stackSetName', values: [`${names.stackSetPrefix}${prefix}*`] },
      exempt: 'none',
      disables: ['stack set'],
      fastRule: true,
    },
    {
      id: 'stack-set-operators',
      title: 'stack set operation in the management account by someone other than Control Tower or CfCT (it can deploy as AWSControlTowerExecution)',
      eventSource: 'cloudformation.amazonaws.com',
      eventNames: ['CreateStackSet', 'UpdateStackSet', 'CreateStackInstances', 'UpdateStackInstances'],
      scope: 'management',
      exempt: 'control-plane',
      disables: ['deployment identity'],
      fastRule: false,
    },
    {
      id: 'scps',
      title: 'service or resource control policy attached, detached, created, changed or deleted, or a policy type enabled or disabled',
      eventSource: 'organizations.amazonaws.com',
      // Policies are named by generated ids (p-…): every such call alerts, in any account (a delegated
      // policy administrator makes them from its own account). An RCP can deny the topic keys to AWS services.
      eventNames: ['AttachPolicy', 'DetachPolicy', 'CreatePolicy', 'UpdatePolicy', 'DeletePolicy', 'EnablePolicyType', 'DisablePolicyType'],
      scope: 'any',
      exempt: 'control-plane',
      disables: ['SCP', 'security topic key'],
      fastRule: false,
    },
    {
      id: 'trusted-access',
      title: 'trusted access of an AWS service disabled in the organization (for CloudTrail, it ends the organization trail)',
      eventSource: 'organizations.amazonaws.com',
      eventNames: ['DisableAWSServiceAccess'],
      scope: 'management',
      exempt: 'none',
      disables: ['trail'],
      fastRule: true,
    },
    {
      id: 'organization',
      title: 'organization changed: delegation or resource policy changed, account moved, removed or left',
      eventSource: 'organizations.amazonaws.com',
      // MoveAccount can take an account out of the OUs the SCP and the root checks target; a delegated
      // administrator or a resource policy lets another account manage policies.
      eventNames: ['PutResourcePolicy', 'RegisterDelegatedAdministrator', 'MoveAccount', 'RemoveAccountFromOrganization', 'LeaveOrganization'],
      scope: 'any',
      exempt: 'control-plane',
      disables: ['organization'],
      fastRule: false,
    },
    {
      id: 'roles',
      title: 'IAM role of root-guard or of Control Tower\'s trail delivery changed or deleted',
      eventSource: 'iam.amazonaws.com',
      // root-guard's roles (forwarders, sentinel) and Control Tower's aws-controltower-* roles, among
      // them the role the organization trail writes to CloudWatch Logs with: a detached policy or a deny
      // boundary stops delivery, and the call's own record never reaches the log group.
      eventNames: ROLE_CHANGES,
      scope: 'any',
      resource: { field: 'roleName', values: [`${prefix}*`, 'aws-controltower-*'] },
      exempt: 'execution-role',
      disables: ['event rule', 'trail delivery'],
      fastRule: true,
    },
    {
      id: 'managed-policies',
      title: 'a managed policy of root-guard or Control Tower in the management account rewritten or deleted (a new default version applies at once to every role it is attached to)',
      eventSource: 'iam.amazonaws.com',
      eventNames: ['CreatePolicyVersion', 'SetDefaultPolicyVersion', 'DeletePolicy'],
      scope: 'management',
      resource: {
        field: 'policyArn',
        values: [`arn:${names.partition}:iam::${names.managementAccountId}:policy/${prefix}*`, `arn:${names.partition}:iam::${names.managementAccountId}:policy/aws-controltower-*`],
      },
      exempt: 'execution-role',
      disables: ['event rule', 'trail delivery'],
      fastRule: true,
    },
    {
      id: 'landing-zone',
      title: 'Control Tower landing zone updated, reset or deleted, or a baseline or control disabled (from landing zone 4.0 the CloudTrail integration, and so the organization trail, is optional)',
      eventSource: 'controltower.amazonaws.com',
      eventNames: ['UpdateLandingZone', 'ResetLandingZone', 'DeleteLandingZone', 'DisableBaseline', 'DisableControl'],
      scope: 'management',
      exempt: 'none',
      disables: ['trail'],
      fastRule: true,
    },
    {
      id: 'control-plane-roles',
      title: 'a Control Tower or CfCT role, or the execution role, created or changed: who may deploy as AWSControlTowerExecution',
      eventSource: 'iam.amazonaws.com',
      eventNames: ['CreateRole', ...ROLE_CHANGES.filter((name) => name !== 'DeleteRole' && name !== 'DetachRolePolicy')],
      scope: 'any',
      resource: {
        field: 'roleName',
        values: CONTROL_PLANE_ROLE_NAME_PREFIXES.filter((p) => p !== 'aws-controltower-').map((p) => `${p}*`),
      },
      exempt: 'control-plane',
      disables: ['deployment identity'],
      fastRule: false,
    },
    {
      id: 'execution-role-sessions',
      title: `${EXECUTION_ROLE_NAME} assumed by someone other than Control Tower or CfCT (its calls are exempt from the other tamper alerts)`,
      eventSource: 'sts.amazonaws.com',
      eventNames: ['AssumeRole'],
      scope: 'any',
      resource: { field: 'roleArn', values: [`%:role/${EXECUTION_ROLE_NAME}$%`] },
      exempt: 'control-plane',
      disables: ['deployment identity'],
      fastRule: false,
    },
    {
      id: 'cfct-functions',
      title: 'CfCT Lambda function code or configuration changed (it runs as a role that may assume AWSControlTowerExecution)',
      eventSource: 'lambda.amazonaws.com',
      // CloudTrail records these under their versioned names (Lambda's CloudTrail page lists
      // UpdateFunctionCode20150331v2 and UpdateFunctionConfiguration20150331v2).
      eventNames: ['UpdateFunctionCode20150331v2', 'UpdateFunctionConfiguration20150331v2'],
      scope: 'management',
      // `functionName` is a name or an ARN.
      resource: { field: 'functionName', values: ['CustomControlTower*', '%^arn:[-a-z]+:lambda:[-a-z0-9]+:\\d{12}:function:CustomControlTower%'] },
      exempt: 'control-plane',
      disables: ['deployment identity'],
      fastRule: false,
    },
  ];
}
