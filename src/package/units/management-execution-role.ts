import { CONTROL_TOWER_EXECUTION_ROLE, CONTROL_TOWER_STACKSET_ROLE_PATH, PACKAGE_PATHS, type Plan } from '../../plan';
import { ManagementExecutionRoleStack } from '../../stacks/management-execution-role-stack';
import { type PackageUnit, templateDescription } from './package-unit';

/**
 * The management-account prerequisite: the AWSControlTowerExecution role CfCT's stack sets deploy
 * with there, deployed once by hand (prerequisites/, never in the manifest).
 */
export function managementExecutionRoleUnit(plan: Plan): PackageUnit {
  return {
    template: {
      file: PACKAGE_PATHS.executionRoleTemplate,
      stackId: 'ManagementExecutionRole',
      create: (app, id, props) => new ManagementExecutionRoleStack(app, id, {
        ...props,
        description: templateDescription('AWSControlTowerExecution role for CfCT in the management account (deploy once, by hand)'),
        roleName: CONTROL_TOWER_EXECUTION_ROLE,
        administrationRolePath: CONTROL_TOWER_STACKSET_ROLE_PATH,
        homeRegion: plan.homeRegion,
        alarmNamePrefix: plan.namePrefix,
        logGroupName: plan.organizationTrail.logGroupName,
        manageConfigRules: plan.rootChecks.includeManagementAccount,
        eventForwarding: plan.fastAlerts
          ? {
            regions: plan.fastAlerts.regions,
            ruleName: plan.names.forwarderRule,
            roleNamePattern: plan.names.forwarderRoleNamePattern,
            eventBusArn: plan.fastAlerts.eventBusArn,
            boundaryPolicyName: plan.names.forwarderBoundaryPolicy,
          }
          : undefined,
        tamperAlerts: plan.tamperAlerts
          ? {
            topicName: plan.tamperAlerts.topicName,
            keyAlias: plan.tamperAlerts.topicKeyAlias,
            ruleNamePrefix: plan.names.tamperPrefix,
            regions: plan.tamperAlerts.regions,
            forwarderRoleName: plan.names.tamperForwarderRole,
            tamperBusArn: plan.tamperAlerts.receiver.eventBusArn,
          }
          : undefined,
        sentinelReaderRoleName: plan.sentinel?.readerRoleName,
      }),
    },
    resources: [],
  };
}
