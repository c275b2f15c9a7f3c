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
} as const;

/** What needs a statement: the config setting that brought it in. */
export type ExecutionRoleFeature = 'the alarm stack set' | 'rootChecks.includeManagementAccount' | 'fastAlerts' | 'tamperAlerts';

/** One statement the config's prerequisite has. */
export interface ExecutionRoleStatement {
  readonly sid: string;
  readonly neededFor: ExecutionRoleFeature;
}

/**
 * The statements the prerequisite generated from `config` has, in its order (the same conditions as
 * ManagementExecutionRole's props, set by src/package/units/management-execution-role.ts;
 * test/package/units/management-execution-role.test.ts compares the two).
 */
export function executionRoleStatements(config: RootGuardConfig): ExecutionRoleStatement[] {
  const S = EXECUTION_ROLE_SIDS;
  const of = (neededFor: ExecutionRoleFeature, ...sids: string[]) => sids.map((sid) => ({ sid, neededFor }));
  const statements = of('the alarm stack set', S.manageCfctStackInstances, S.readStagedTemplates, S.manageMetricFilter, S.manageAlarms);
  if (config.rootChecks.includeManagementAccount) statements.push(...of('rootChecks.includeManagementAccount', S.manageConfigRules));
  if (config.fastAlerts) {
    if (config.fastAlerts.regions.some((region) => region !== config.homeRegion)) statements.push(...of('fastAlerts', S.manageCfctStackInstancesInForwarderRegions));
    statements.push(...of('fastAlerts', S.manageForwardingRule, S.manageForwarderRoles, S.createForwarderRolesOnlyWithTheBoundary, S.passForwarderRolesToEventBridge));
  }
  if (config.tamperAlerts) statements.push(...of('tamperAlerts', S.manageTamperTopic, S.createTamperTopicKey, S.manageTamperTopicKey, S.manageTamperRules));
  return statements;
}
