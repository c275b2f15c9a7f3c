import { partitionOf } from '../aws/regions';
import type { RootGuardConfig } from '../config/schema';
import { deployedMetricFilters } from '../detection/metric-filters';
import {
  CONTROL_TOWER_EXECUTION_ROLE,
  CONTROL_TOWER_LOG_GROUP,
  CONTROL_TOWER_STACKSET_ROLE_PATH,
  resourceNames,
} from '../naming';
import { expandStackSetTargets, type OuResolution } from '../config/ou-resolution';
import { buildBaselinePolicies, type ScpPolicy } from '../scps';
import { ManagementExecutionRoleStack } from '../stacks/management-execution-role-stack';
import { RootChecksStack } from '../stacks/root-checks-stack';
import { RootActivityAlarmStack } from '../stacks/root-activity-alarm-stack';
import { SecurityTopicStack } from '../stacks/security-topic-stack';
import { fastAlertNames } from '../fast-alert-names';
import { addCisMonitoring, cisMonitoringProps, FAST_ALERT_PATHS, fastAlertStacks } from './fast-alerts';
import { type ManifestResource, renderManifest } from './manifest';
import { synthesizeTemplates, type SynthesizeOptions, type TemplateSpec } from './synthesize';

/** Path (relative to the package root) → exact file content. */
export type PackageFiles = ReadonlyMap<string, string>;

/** The package's file layout. */
export const PACKAGE_PATHS = {
  manifest: 'manifest.yaml',
  securityTopicTemplate: 'templates/security-topic.json',
  alarmTemplate: 'templates/root-activity-alarm.json',
  /** Outside templates/: CfCT validates every file there, and this one is deployed by hand, once. */
  executionRoleTemplate: 'prerequisites/management-account-execution-role.json',
  rootChecksTemplate: 'templates/root-checks.json',
  ...FAST_ALERT_PATHS,
} as const;

/** Options of {@link generatePackage}. */
export interface GenerateOptions extends SynthesizeOptions {
  /**
   * root-guard.ous.yaml, read by the caller: the nested OUs below `rootChecks.organizationalUnits`
   * when `rootChecks.includeNestedOUs` is on. Required then; ignored otherwise.
   */
  readonly ouResolution?: OuResolution;
}

/** The SCP baseline policies the config asks for (empty when every switch is off). Throws UserError over budget. */
export function baselinePolicies(config: RootGuardConfig): ScpPolicy[] {
  const names = resourceNames(config.namePrefix);
  const createsTopic = !config.securityTopic.arn;
  return buildBaselinePolicies({
    namePrefix: config.namePrefix,
    homeRegion: config.homeRegion,
    denyRootActions: config.scp.denyRootActions,
    denyRootAccessKeys: config.scp.denyRootAccessKeys,
    protectBaseline: config.scp.protectBaseline,
    protect: {
      stackSetNames: [
        ...(createsTopic ? [names.topicStackSet] : []), names.rootChecksStackSet,
        ...(config.fastAlerts ? [fastAlertNames(config.namePrefix).eventBusStackSet, fastAlertNames(config.namePrefix).forwarderStackSet] : []),
      ],
      configRules: true,
      topic: createsTopic ? { name: names.topic, keyAlias: names.topicKeyAlias } : undefined,
      forwarder: config.fastAlerts ? { ruleName: fastAlertNames(config.namePrefix).forwarderRule, roleNamePrefix: fastAlertNames(config.namePrefix).forwarderRolePrefix } : undefined,
    },
  });
}

/** The OUs the root-checks stack set targets: the config's list, expanded to nested OUs if asked. */
export function rootCheckTargets(config: RootGuardConfig, ouResolution?: OuResolution): string[] {
  const targets = config.rootChecks.organizationalUnits;
  return config.rootChecks.includeNestedOUs
    ? expandStackSetTargets('rootChecks.organizationalUnits', targets, ouResolution)
    : [...targets];
}

/** The CfCT package directories this tool owns. */
export const PACKAGE_DIRECTORIES = ['templates', 'policies', 'prerequisites'] as const;

/** The ARN of the topic alarms notify: the configured one, or the one the package creates. */
export function securityTopicArn(config: RootGuardConfig): string {
  if (config.securityTopic.arn) return config.securityTopic.arn;
  const names = resourceNames(config.namePrefix);
  return `arn:${partitionOf(config.homeRegion)}:sns:${config.homeRegion}:${config.securityTopic.accountId}:${names.topic}`;
}

/** A generated package, and the SCP policies in it (what `root-guard build` reports slots for). */
export interface GeneratedPackage {
  readonly files: PackageFiles;
  /** {@link baselinePolicies} of the config, as written to `policies/`. */
  readonly policies: readonly ScpPolicy[];
}

/**
 * Generates every file of the package from a validated config: pure (no I/O besides CDK's
 * scratch directory) and deterministic, so the same config gives the same bytes.
 */
export function generatePackage(config: RootGuardConfig, options: GenerateOptions = {}): PackageFiles {
  return generatePackageWithPolicies(config, options).files;
}

/** {@link generatePackage}, also returning the SCP policies, so a caller need not build them again. */
export function generatePackageWithPolicies(config: RootGuardConfig, options: GenerateOptions = {}): GeneratedPackage {
  const names = resourceNames(config.namePrefix);
  const description = (what: string) => `root-guard: ${what}. Generated from root-guard.config.yaml; do not edit.`;
  const specs: TemplateSpec[] = [];
  const resources: ManifestResource[] = [];
  const topicArn = securityTopicArn(config);

  // 1. The topic first: CfCT runs stack sets one at a time in manifest order, and the alarm notifies it.
  if (!config.securityTopic.arn && config.securityTopic.accountId && config.securityTopic.emails) {
    const { accountId, emails } = config.securityTopic;
    specs.push({
      file: PACKAGE_PATHS.securityTopicTemplate,
      stackId: 'SecurityTopic',
      create: (app, id, props) => new SecurityTopicStack(app, id, {
        ...props,
        description: description('SNS topic for root-activity alerts (security account)'),
        topicName: names.topic,
        keyAlias: names.topicKeyAlias,
        alarmAccountId: config.managementAccountId,
        alarmRegion: config.homeRegion,
        alarmNamePrefix: config.namePrefix,
        emails,
        allowEventBusRules: config.fastAlerts ? { eventBusName: fastAlertNames(config.namePrefix).eventBus, region: config.homeRegion } : undefined,
      }),
    });
    resources.push({
      name: names.topicStackSet,
      description: 'SNS topic for root-activity alerts, in the security account',
      resourceFile: PACKAGE_PATHS.securityTopicTemplate,
      deployMethod: 'stack_set',
      accounts: [accountId],
      regions: [config.homeRegion],
    });
  }

  // 2. The org-wide alarm, in the management account where the org trail's log group is.
  const [rootFilter] = deployedMetricFilters({ namePrefix: config.namePrefix });
  specs.push({
    file: PACKAGE_PATHS.alarmTemplate,
    stackId: 'RootActivityAlarm',
    // With cisMonitoring, the CIS filters and alarms join this stack (same account and log group).
    create: (app, id, props) => addCisMonitoring(new RootActivityAlarmStack(app, id, {
      ...props,
      description: description('root-activity metric filter and alarm on aws-controltower/CloudTrailLogs (management account)'),
      logGroupName: rootFilter.logGroupName,
      filterPattern: rootFilter.pattern,
      filterName: rootFilter.filterName,
      metricNamespace: rootFilter.metricNamespace,
      metricName: rootFilter.metricName,
      alarmName: names.alarm,
      topicArn,
      periodSeconds: config.alarm.periodSeconds,
      evaluationPeriods: config.alarm.evaluationPeriods,
      threshold: config.alarm.threshold,
    }), cisMonitoringProps(config, topicArn)),
  });
  resources.push({
    name: names.alarmStackSet,
    description: 'Root-activity metric filter and alarm on the Control Tower log group, in the management account',
    resourceFile: PACKAGE_PATHS.alarmTemplate,
    deployMethod: 'stack_set',
    accounts: [config.managementAccountId],
    regions: [config.homeRegion],
  });

  // 2b. Fast alerts (opt-in): the central bus, then the forwarders in the root-check accounts + management account.
  // The root checks' targets, expanded once: the forwarders cover the same accounts.
  const rootChecksTargets = rootCheckTargets(config, options.ouResolution);
  const fastAlerts = fastAlertStacks(config, { description, topicArn, organizationalUnits: rootChecksTargets });
  specs.push(...fastAlerts.specs);
  resources.push(...fastAlerts.resources);

  // 3. The per-account root checks: one stack set (CfCT runs stack sets one at a time, so fewer is
  //    faster on large orgs), home region only (periodic rules on global IAM resources).
  specs.push({
    file: PACKAGE_PATHS.rootChecksTemplate,
    stackId: 'RootChecks',
    create: (app, id, props) => new RootChecksStack(app, id, {
      ...props,
      description: description('AWS Config rules for the root user (MFA, hardware MFA, access keys), one per account, home region'),
      ruleNames: names.configRules,
      hardwareMfa: config.rootChecks.hardwareMfa,
      accessKeys: config.rootChecks.accessKeys,
      maximumExecutionFrequency: config.rootChecks.maximumExecutionFrequency,
    }),
  });
  resources.push({
    name: names.rootChecksStackSet,
    description: 'AWS Config rules for the root user in every targeted account',
    resourceFile: PACKAGE_PATHS.rootChecksTemplate,
    deployMethod: 'stack_set',
    // Root and OU targets never include the management account (RULES.md R13): it is an explicit choice.
    accounts: config.rootChecks.includeManagementAccount ? [config.managementAccountId] : undefined,
    organizationalUnits: rootChecksTargets,
    regions: [config.homeRegion],
  });

  // 4. The SCP baseline (CfCT's SCP stage runs before the stack sets; the order here is cosmetic).
  const policies = baselinePolicies(config);
  for (const policy of policies) {
    resources.push({
      name: policy.name,
      description: policy.description,
      resourceFile: policy.fileName,
      deployMethod: 'scp',
      organizationalUnits: config.scp.organizationalUnits,
    });
  }

  // The management-account prerequisite (not in the manifest).
  specs.push({
    file: PACKAGE_PATHS.executionRoleTemplate,
    stackId: 'ManagementExecutionRole',
    create: (app, id, props) => new ManagementExecutionRoleStack(app, id, {
      ...props,
      description: description('AWSControlTowerExecution role for CfCT in the management account (deploy once, by hand)'),
      roleName: CONTROL_TOWER_EXECUTION_ROLE,
      administrationRolePath: CONTROL_TOWER_STACKSET_ROLE_PATH,
      homeRegion: config.homeRegion,
      alarmNamePrefix: config.namePrefix,
      logGroupName: CONTROL_TOWER_LOG_GROUP,
      manageConfigRules: config.rootChecks.includeManagementAccount,
      eventForwarding: config.fastAlerts
        ? { regions: config.fastAlerts.regions, ruleName: fastAlertNames(config.namePrefix).forwarderRule, roleNamePrefix: fastAlertNames(config.namePrefix).forwarderRolePrefix }
        : undefined,
    }),
  });

  const files = new Map<string, string>();
  files.set(PACKAGE_PATHS.manifest, renderManifest({ region: config.homeRegion, resources }));
  for (const policy of policies) files.set(policy.fileName, policy.text);
  for (const [file, text] of synthesizeTemplates(specs, options)) files.set(file, text);
  // Sorted by code unit rather than with localeCompare, whose first call in a process loads ICU's
  // collator (about 9 ms of a cold build, measured). The order is the same for these paths: lowercase
  // letters, digits, '-', '.' and '/' wherever two of them first differ (the name prefix, which may
  // have capitals, is shared by every policy file).
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), policies };
}
