import { globalEventsRegion } from '../aws/regions';
import type { RootGuardConfig } from '../config/schema';

/**
 * The statements of the management account's `AWSControlTowerExecution` role, deployed by hand from
 * prerequisites/management-account-execution-role.json: which statement (by Sid) a config needs, and
 * why. The construct that writes the prerequisite (src/constructs/management-execution-role.ts) takes
 * its Sids from here, and preflight compares the live role's statements with the same list, so a
 * prerequisite deployed before a feature was turned on is caught before CfCT's pipeline fails on it.
 */

/** Every Sid the prerequisite's inline policy can carry. */
export const EXECUTION_ROLE_SIDS = {
  manageCfctStackInstances: 'ManageCfctStackInstances',
  readStagedTemplates: 'ReadStagedTemplates',
  manageMetricFilter: 'ManageMetricFilter',
  manageAlarms: 'ManageAlarms',
  manageConfigRules: 'ManageConfigRules',
  manageCfctStackInstancesInForwarderRegions: 'ManageCfctStackInstancesInForwarderRegions',
  manageForwardingRule: 'ManageForwardingRule',
  manageForwarderRoles: 'ManageForwarderRoles',
  createForwarderRolesOnlyWithTheBoundary: 'CreateForwarderRolesOnlyWithTheBoundary',
  passForwarderRolesToEventBridge: 'PassForwarderRolesToEventBridge',
  manageTamperTopic: 'ManageTamperTopic',
  createTamperTopicKey: 'CreateTamperTopicKey',
  manageTamperTopicKey: 'ManageTamperTopicKey',
  manageTamperRules: 'ManageTamperRules',
  passTamperForwarderRole: 'PassTamperForwarderRoleToEventBridge',
  manageCfctStackInstancesInGlobalEventsRegion: 'ManageCfctStackInstancesInGlobalEventsRegion',
  manageSentinelReaderRole: 'ManageSentinelReaderRole',
} as const;

/** CloudFormation on CfCT's stack instances (explicit actions, not cloudformation:*: Control Tower proactive control CT.IAM.PR.5). */
const STACK_INSTANCE_ACTIONS = [
  'cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack',
  'cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResources',
  'cloudformation:GetTemplate', 'cloudformation:TagResource', 'cloudformation:UntagResource',
] as const;

/** An EventBridge rule and its targets, managed by CloudFormation. */
const RULE_ACTIONS = [
  'events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:EnableRule', 'events:DisableRule',
  'events:PutTargets', 'events:RemoveTargets', 'events:ListTargetsByRule',
  'events:TagResource', 'events:UntagResource', 'events:ListTagsForResource',
] as const;

/**
 * The actions of each statement, in the prerequisite's order. The construct writes exactly these, and
 * preflight checks that the live role's statement of the same Sid allows each of them: a root-guard
 * release that adds an action under an existing Sid needs the prerequisite redeployed too.
 */
export const EXECUTION_ROLE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  [EXECUTION_ROLE_SIDS.manageCfctStackInstances]: STACK_INSTANCE_ACTIONS,
  [EXECUTION_ROLE_SIDS.readStagedTemplates]: ['s3:GetObject'],
  [EXECUTION_ROLE_SIDS.manageMetricFilter]: ['logs:PutMetricFilter', 'logs:DeleteMetricFilter', 'logs:DescribeMetricFilters'],
  [EXECUTION_ROLE_SIDS.manageAlarms]: ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms', 'cloudwatch:TagResource', 'cloudwatch:UntagResource', 'cloudwatch:ListTagsForResource'],
  [EXECUTION_ROLE_SIDS.manageConfigRules]: ['config:PutConfigRule', 'config:DeleteConfigRule', 'config:DescribeConfigRules', 'config:TagResource', 'config:UntagResource'],
  [EXECUTION_ROLE_SIDS.manageCfctStackInstancesInForwarderRegions]: STACK_INSTANCE_ACTIONS,
  [EXECUTION_ROLE_SIDS.manageForwardingRule]: RULE_ACTIONS,
  [EXECUTION_ROLE_SIDS.manageForwarderRoles]: [
    'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateRole', 'iam:UpdateRoleDescription',
    'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies',
    'iam:TagRole', 'iam:UntagRole', 'iam:UpdateAssumeRolePolicy',
  ],
  [EXECUTION_ROLE_SIDS.createForwarderRolesOnlyWithTheBoundary]: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
  [EXECUTION_ROLE_SIDS.passForwarderRolesToEventBridge]: ['iam:PassRole'],
  [EXECUTION_ROLE_SIDS.manageTamperTopic]: [
    'sns:CreateTopic', 'sns:DeleteTopic', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Unsubscribe',
    'sns:GetSubscriptionAttributes', 'sns:ListSubscriptionsByTopic', 'sns:TagResource', 'sns:UntagResource', 'sns:ListTagsForResource',
  ],
  [EXECUTION_ROLE_SIDS.createTamperTopicKey]: ['kms:CreateKey'],
  [EXECUTION_ROLE_SIDS.manageTamperTopicKey]: [
    'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:GetKeyRotationStatus',
    'kms:UpdateKeyDescription', 'kms:TagResource', 'kms:UntagResource', 'kms:ListResourceTags', 'kms:ScheduleKeyDeletion',
    'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias',
  ],
  [EXECUTION_ROLE_SIDS.manageTamperRules]: RULE_ACTIONS,
  [EXECUTION_ROLE_SIDS.passTamperForwarderRole]: ['iam:PassRole'],
  [EXECUTION_ROLE_SIDS.manageCfctStackInstancesInGlobalEventsRegion]: STACK_INSTANCE_ACTIONS,
  // The sentinel's read-only role (its canary filter and alarm fall under ManageMetricFilter and ManageAlarms).
  [EXECUTION_ROLE_SIDS.manageSentinelReaderRole]: [
    'iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateRole', 'iam:UpdateRoleDescription', 'iam:UpdateAssumeRolePolicy',
    'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:TagRole', 'iam:UntagRole',
  ],
};

/** The actions of one statement (a copy the caller may keep). */
export function executionRoleActions(sid: string): string[] {
  const actions = EXECUTION_ROLE_ACTIONS[sid];
  if (!actions) throw new Error(`no actions for execution-role statement ${sid}`);
  return [...actions];
}

/** What needs a statement: the config setting that brought it in. */
export type ExecutionRoleFeature = 'the alarm stack set' | 'rootChecks.includeManagementAccount' | 'fastAlerts' | 'tamperAlerts' | 'sentinel';

/** One statement the config's prerequisite has. */
export interface ExecutionRoleStatement {
  readonly sid: string;
  readonly neededFor: ExecutionRoleFeature;
  /** The actions it allows ({@link EXECUTION_ROLE_ACTIONS}). */
  readonly actions: readonly string[];
}

/**
 * The statements the prerequisite generated from `config` has, in its order (the same conditions as
 * ManagementExecutionRole's props, set by src/package/units/management-execution-role.ts;
 * test/package/units/management-execution-role.test.ts compares the two).
 */
export function executionRoleStatements(config: RootGuardConfig): ExecutionRoleStatement[] {
  const S = EXECUTION_ROLE_SIDS;
  const of = (neededFor: ExecutionRoleFeature, ...sids: string[]) => sids.map((sid) => ({ sid, neededFor, actions: executionRoleActions(sid) }));
  const statements = of('the alarm stack set', S.manageCfctStackInstances, S.readStagedTemplates, S.manageMetricFilter, S.manageAlarms);
  if (config.rootChecks.includeManagementAccount) statements.push(...of('rootChecks.includeManagementAccount', S.manageConfigRules));
  if (config.fastAlerts) {
    if (config.fastAlerts.regions.some((region) => region !== config.homeRegion)) statements.push(...of('fastAlerts', S.manageCfctStackInstancesInForwarderRegions));
    statements.push(...of('fastAlerts', S.manageForwardingRule, S.manageForwarderRoles, S.createForwarderRolesOnlyWithTheBoundary, S.passForwarderRolesToEventBridge));
  }
  if (config.tamperAlerts) {
    // Path B's rules for IAM and Organizations calls live where those events are recorded (us-east-1).
    if (globalEventsRegion(config.homeRegion) !== config.homeRegion) statements.push(...of('tamperAlerts', S.manageCfctStackInstancesInGlobalEventsRegion));
    statements.push(...of('tamperAlerts', S.manageTamperTopic, S.createTamperTopicKey, S.manageTamperTopicKey, S.manageTamperRules, S.passTamperForwarderRole));
  }
  if (config.sentinel.enabled) statements.push(...of('sentinel', S.manageSentinelReaderRole));
  return statements;
}
