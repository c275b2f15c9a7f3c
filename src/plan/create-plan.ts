import type { RootGuardConfig } from '../config/schema';
import type { OuResolution } from '../config/ou-resolution';
import { logMetricAlarmStatistic, type LogMetricStatistic } from '../detection/alarm-statistic';
import { cisAlarms, deployedMetricFilters, type CisAlarm, type DeployedMetricFilter } from '../detection/metric-filters';
import type { ScpPolicy } from '../scps';
import { alertAccountNames, securityAccountId } from './accounts';
import { securityEventBusArn, securityTopicArn } from './arns';
import { expectationsOf, type Expectations } from './expectations';
import { resourceNames, type ResourceNames } from './names';
import { plannedOrganizationTrail, type PlannedOrganizationTrail } from './organization-trail';
import { baselinePolicies } from './scp-policies';
import { plannedStackSets, type PlannedStackSet } from './stack-sets';
import { rootCheckTargets } from './targets';
import { plannedSentinel, type PlannedSentinel } from './sentinel';
import { plannedTamperAlerts, type PlannedTamperAlerts } from './tamper-alerts';

/** The alarm settings shared by the root alarm and the CIS alarms (statistic >= threshold over the period). */
export interface AlarmSettings {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  /** Never `Sum`: src/detection/alarm-statistic.ts. */
  readonly statistic: LogMetricStatistic;
}

/** The security team's topic: its ARN, and what creating it takes when the package creates it. */
export interface PlannedTopic {
  /** The topic every alarm and alert notifies (configured, or created by the package). */
  readonly arn: string;
  /** Present when the package creates the topic (no `securityTopic.arn` in the config). */
  readonly created?: { readonly accountId: string; readonly emails: readonly string[] };
}

/** The per-account AWS Config root checks. */
export interface PlannedRootChecks {
  /** OUs targeted, expanded to nested OUs when `includeNestedOUs` is on. */
  readonly targets: readonly string[];
  readonly includeManagementAccount: boolean;
  readonly hardwareMfa: boolean;
  readonly accessKeys: boolean;
  readonly maximumExecutionFrequency: RootGuardConfig['rootChecks']['maximumExecutionFrequency'];
}

/** Fast alerts through EventBridge (present when `fastAlerts` is on). */
export interface PlannedFastAlerts {
  /** Regions the forwarders run in. */
  readonly regions: readonly string[];
  readonly organizationId: string;
  /** The central bus, in the security account, home region. */
  readonly eventBusArn: string;
  /** Account id → name printed in alerts (the management and security accounts, then the user's names). */
  readonly accountNames: Readonly<Record<string, string>>;
}

/** The SCP baseline. */
export interface PlannedScps {
  /** OUs the policies are attached to (CfCT paths). */
  readonly organizationalUnits: readonly string[];
  /** The policies, in order (empty when every `scp` switch is off). */
  readonly policies: readonly ScpPolicy[];
}

/**
 * Every fact derived from the config (and the recorded OU resolution): what `build` renders into
 * the CfCT package and what the operating commands look for in the organization. Pure data.
 */
export interface Plan {
  /** Control Tower home region = the region CfCT runs in. */
  readonly homeRegion: string;
  readonly namePrefix: string;
  readonly names: ResourceNames;
  readonly accounts: { readonly management: string; readonly security: string };
  readonly securityTopic: PlannedTopic;
  readonly alarm: AlarmSettings;
  /** The organization trail's log group: every metric filter, the execution role and the operating commands use its name. */
  readonly organizationTrail: PlannedOrganizationTrail;
  /** Every metric filter deployed on the Control Tower log group, the root filter first. */
  readonly metricFilters: readonly DeployedMetricFilter[];
  /** The CIS 4.x alarms of `cisMonitoring` (empty when off), in CIS order. */
  readonly cisAlarms: readonly CisAlarm[];
  readonly rootChecks: PlannedRootChecks;
  readonly fastAlerts?: PlannedFastAlerts;
  /** Tamper alerts (absent when `tamperAlerts: false`). */
  readonly tamperAlerts?: PlannedTamperAlerts;
  /** The sentinel (absent when `sentinel.enabled` is false; docs/tamper-alerts.md, "The sentinel"). */
  readonly sentinel?: PlannedSentinel;
  /** The stack sets, in manifest order. */
  readonly stackSets: readonly PlannedStackSet[];
  readonly scp: PlannedScps;
  /** What `audit` expects to find. */
  readonly expectations: Expectations;
}

/**
 * The plan of a validated config. `ouResolution` (root-guard.ous.yaml) is required when
 * `rootChecks.includeNestedOUs` is on; a missing or stale one throws a UserError naming the fix.
 */
export function createPlan(config: RootGuardConfig, ouResolution?: OuResolution): Plan {
  const targets = rootCheckTargets(config, ouResolution);
  const { accountId, emails } = config.securityTopic;
  const organizationTrail = plannedOrganizationTrail(config, ouResolution);
  const { logGroupName } = organizationTrail;
  const tamperAlerts = config.tamperAlerts ? plannedTamperAlerts(config, logGroupName) : undefined;
  return {
    homeRegion: config.homeRegion,
    namePrefix: config.namePrefix,
    names: resourceNames(config.namePrefix),
    accounts: { management: config.managementAccountId, security: securityAccountId(config) },
    securityTopic: {
      arn: securityTopicArn(config),
      ...(!config.securityTopic.arn && accountId && emails ? { created: { accountId, emails } } : {}),
    },
    alarm: { ...config.alarm, statistic: logMetricAlarmStatistic(config.alarm.threshold) },
    organizationTrail,
    metricFilters: deployedMetricFilters({ namePrefix: config.namePrefix, cisMonitoring: config.cisMonitoring, logGroupName }),
    cisAlarms: cisAlarms({ namePrefix: config.namePrefix, cisMonitoring: config.cisMonitoring, logGroupName }),
    rootChecks: {
      targets,
      includeManagementAccount: config.rootChecks.includeManagementAccount,
      hardwareMfa: config.rootChecks.hardwareMfa,
      accessKeys: config.rootChecks.accessKeys,
      maximumExecutionFrequency: config.rootChecks.maximumExecutionFrequency,
    },
    ...(config.fastAlerts
      ? {
        fastAlerts: {
          regions: [...config.fastAlerts.regions],
          organizationId: config.fastAlerts.organizationId,
          eventBusArn: securityEventBusArn(config),
          accountNames: alertAccountNames(config),
        },
      }
      : {}),
    ...(tamperAlerts ? { tamperAlerts } : {}),
    ...(config.sentinel.enabled ? { sentinel: plannedSentinel(config, logGroupName, ouResolution, tamperAlerts) } : {}),
    stackSets: plannedStackSets(config, targets),
    scp: { organizationalUnits: [...config.scp.organizationalUnits], policies: baselinePolicies(config) },
    expectations: expectationsOf(config),
  };
}
