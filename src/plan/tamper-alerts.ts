import { partitionOf } from '../aws/regions';
import type { RootGuardConfig } from '../config/schema';
import type { EventPattern } from '../detection/root-event-pattern';
import { tamperCallGroups, type TamperCallGroup } from '../detection/tamper-calls';
import { tamperEventPattern, tamperFilterPattern } from '../detection/tamper-patterns';
import { securityAccountId } from './accounts';
import { CFCT_STACK_SET_PREFIX, resourceNames } from './names';

/** One tamper metric filter on the organization trail's log group. */
export interface PlannedTamperFilter {
  readonly group: TamperCallGroup;
  readonly filterName: string;
  readonly pattern: string;
}

/** One tamper rule on the management account's default event bus. */
export interface PlannedTamperRule {
  readonly group: TamperCallGroup;
  readonly ruleName: string;
  readonly eventPattern: EventPattern;
}

/** Tamper alerts (present unless `tamperAlerts: false`; docs/tamper-alerts.md). */
export interface PlannedTamperAlerts {
  readonly logGroupName: string;
  /** Every filter publishes 1 to this one metric; one alarm watches it. */
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly alarmName: string;
  readonly filters: readonly PlannedTamperFilter[];
  readonly rules: readonly PlannedTamperRule[];
  /** The management account's own topic: the alarm's second action and the rules' target. */
  readonly topicName: string;
  readonly topicKeyAlias: string;
  /** Subscribed to the tamper topic: the security topic's addresses (none when the config names an existing topic). */
  readonly emails: readonly string[];
}

/** The tamper alerts of a validated config on the plan's log group, or undefined when `tamperAlerts` is false. */
export function plannedTamperAlerts(config: RootGuardConfig, logGroupName: string): PlannedTamperAlerts | undefined {
  if (!config.tamperAlerts) return undefined;
  const names = resourceNames(config.namePrefix);
  const accounts = { management: config.managementAccountId, security: securityAccountId(config) };
  const groups = tamperCallGroups({ namePrefix: config.namePrefix, stackSetPrefix: CFCT_STACK_SET_PREFIX, logGroupName });
  const partition = partitionOf(config.homeRegion);
  return {
    logGroupName,
    metricNamespace: names.metricNamespace,
    metricName: `${config.namePrefix}-Tamper`,
    alarmName: names.tamperPrefix,
    filters: groups.map((group) => ({ group, filterName: `${names.tamperPrefix}-${group.id}`, pattern: tamperFilterPattern(group, accounts) })),
    rules: groups.filter((g) => g.fastRule).map((group) => ({
      group,
      ruleName: `${names.tamperPrefix}-${group.id}`,
      eventPattern: tamperEventPattern(group, partition, config.managementAccountId),
    })),
    topicName: names.tamperTopic,
    topicKeyAlias: names.tamperTopicKeyAlias,
    emails: config.securityTopic.arn ? [] : [...(config.securityTopic.emails ?? [])],
  };
}
