/**
 * The roles whose calls the tamper patterns do not report, and the roles allowed to use them, as data.
 *
 * CfCT and Control Tower deploy every root-guard resource with `AWSControlTowerExecution`, so calls of
 * sessions that role issued are not tamper alerts where they change root-guard's own resources. The
 * exemption is pinned to the role's exact ARN (no path, exact name), never to a name prefix: a prefix
 * (the `stacksets-exec-*` exemption of earlier versions) is an exemption anyone allowed `iam:CreateRole`
 * can squat. Borrowing the exempt role is alerted instead (src/detection/tamper-calls.ts,
 * `execution-role-sessions`): its `sts:AssumeRole` by anyone but the roles below, and changes to the
 * roles that may assume it.
 */

import { CONTROL_TOWER_EXECUTION_ROLE, CONTROL_TOWER_STACKSET_ROLE_PATH } from '../plan/names';

/** Control Tower's execution role in every enrolled account (src/plan/names.ts: the one constant). */
export const EXECUTION_ROLE_NAME = CONTROL_TOWER_EXECUTION_ROLE;

/** The execution role's ARN in one account. */
export function executionRoleArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:role/${EXECUTION_ROLE_NAME}`;
}

/**
 * The execution role's ARN in any account, as a CloudWatch Logs filter regex (anchored, no path):
 * used where the account is not known in advance (groups that watch every account). IAM role names are
 * unique within an account whatever their path
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names,
 * read 2026-12-08), so this names exactly one role per account.
 */
export function executionRoleArnRegex(partition: string): string {
  return `^arn:${partition}:iam::\\d{12}:role/${EXECUTION_ROLE_NAME}$`;
}

/**
 * The roles of the management account that legitimately assume `AWSControlTowerExecution` or run
 * stack-set operations, by exact ARN:
 * - `service-role/AWSControlTowerAdmin`: Control Tower itself (trusted by `controltower.amazonaws.com`;
 *   https://docs.aws.amazon.com/controltower/latest/userguide/access-control-managing-permissions.html,
 *   read 2026-12-08);
 * - `service-role/AWSControlTowerStackSetRole`: the administration role of Control Tower's and CfCT's
 *   stack sets (docs/reference/cfct.md#deploying-to-the-management-account);
 * - `CustomControlTowerStateMachineLambdaRole`: CfCT's state-machine Lambda, which assumes the
 *   execution role in each account (CfCT v2.8.4 `deployment/custom-control-tower-initiation.template`,
 *   policy `State-Machine-Lambda-Policy-STS`).
 */
export function controlPlaneRoleArns(partition: string, managementAccount: string): string[] {
  const role = (path: string) => `arn:${partition}:iam::${managementAccount}:role/${path}`;
  return [
    role('service-role/AWSControlTowerAdmin'),
    role(CONTROL_TOWER_STACKSET_ROLE_PATH),
    role('CustomControlTowerStateMachineLambdaRole'),
  ];
}

/*
 * Not exempt: CfCT's stack-set CodeBuild role, which may also assume the execution role (policy
 * `Custom-Control-Tower-StackSet-CodeBuild-Policy-STS` in CfCT v2.8.4's template). CloudFormation
 * generates its name (`<stack name>-StackSetCodeBuildRole-<random>`), and an exemption by a name pattern
 * is one anyone allowed `iam:CreateRole` can squat: its `AssumeRole` of the execution role is an alert.
 */

/** Marks in a role name that the roles above carry: IAM changes to roles named so are alerted. */
export const CONTROL_PLANE_ROLE_NAME_PREFIXES = ['AWSControlTower', 'CustomControlTower', 'aws-controltower-'] as const;
