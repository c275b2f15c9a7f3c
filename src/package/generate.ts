import { partitionOf } from '../aws/regions';
import type { RootGuardConfig } from '../config/schema';
import { deployedMetricFilters } from '../detection/metric-filters';
import {
  CONTROL_TOWER_EXECUTION_ROLE,
  CONTROL_TOWER_LOG_GROUP,
  CONTROL_TOWER_STACKSET_ROLE_PATH,
  resourceNames,
} from '../naming';
import { ManagementExecutionRoleStack } from '../stacks/management-execution-role-stack';
import { RootActivityAlarmStack } from '../stacks/root-activity-alarm-stack';
import { SecurityTopicStack } from '../stacks/security-topic-stack';
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
} as const;

/** The CfCT package directories this tool owns. */
export const PACKAGE_DIRECTORIES = ['templates', 'policies', 'prerequisites'] as const;

/** The ARN of the topic alarms notify: the configured one, or the one the package creates. */
export function securityTopicArn(config: RootGuardConfig): string {
  if (config.securityTopic.arn) return config.securityTopic.arn;
  const names = resourceNames(config.namePrefix);
  return `arn:${partitionOf(config.homeRegion)}:sns:${config.homeRegion}:${config.securityTopic.accountId}:${names.topic}`;
}

/**
 * Generates every file of the package from a validated config: pure (no I/O besides CDK's
 * scratch directory) and deterministic, so the same config gives the same bytes.
 */
export function generatePackage(config: RootGuardConfig, options: SynthesizeOptions = {}): PackageFiles {
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
    create: (app, id, props) => new RootActivityAlarmStack(app, id, {
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
    }),
  });
  resources.push({
    name: names.alarmStackSet,
    description: 'Root-activity metric filter and alarm on the Control Tower log group, in the management account',
    resourceFile: PACKAGE_PATHS.alarmTemplate,
    deployMethod: 'stack_set',
    accounts: [config.managementAccountId],
    regions: [config.homeRegion],
  });

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
    }),
  });

  const files = new Map<string, string>();
  files.set(PACKAGE_PATHS.manifest, renderManifest({ region: config.homeRegion, resources }));
  for (const [file, text] of synthesizeTemplates(specs, options)) files.set(file, text);
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}
