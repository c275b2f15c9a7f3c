import { globalEventsRegion } from '../aws/regions';
import type { RootGuardConfig } from '../config/schema';
import { securityAccountId } from './accounts';
import { resourceNames } from './names';

/** The CfCT stack sets root-guard deploys, one package unit each. */
export type StackSetKey = 'securityTopic' | 'rootActivityAlarm' | 'securityEventBus' | 'rootChecks' | 'tamperAlerts' | 'tamperReceiver' | 'sentinelReader' | 'sentinel';

/** One stack set of the manifest: its name and where CfCT deploys it. */
export interface PlannedStackSet {
  /** Which stack set this is. */
  readonly key: StackSetKey;
  /** CfCT resource name (CfCT prefixes it with `CustomControlTower-`). */
  readonly name: string;
  /** Accounts targeted by id. */
  readonly accounts?: readonly string[];
  /** OUs targeted by CfCT path (`Root`, `Parent:Child`). */
  readonly organizationalUnits?: readonly string[];
  readonly regions: readonly string[];
}

/**
 * The stack sets in manifest order: CfCT runs stack sets one at a time, in this order, so the topic
 * comes before the alarm that notifies it and the bus before the forwarders that send to it.
 * `rootCheckTargets` are the root checks' OUs, already expanded to nested OUs (see rootCheckTargets).
 */
export function plannedStackSets(config: RootGuardConfig, rootCheckTargets: readonly string[]): PlannedStackSet[] {
  const names = resourceNames(config.namePrefix);
  const home = [config.homeRegion];
  const stackSets: PlannedStackSet[] = [];
  // 1. The topic, in the security account (only when the package creates it).
  if (!config.securityTopic.arn && config.securityTopic.accountId && config.securityTopic.emails) {
    stackSets.push({ key: 'securityTopic', name: names.topicStackSet, accounts: [config.securityTopic.accountId], regions: home });
  }
  // 1a. Tamper alerts' receiver, in the security account: the bus before the rules that forward to it.
  if (config.tamperAlerts) {
    stackSets.push({ key: 'tamperReceiver', name: names.tamperReceiverStackSet, accounts: [securityAccountId(config)], regions: home });
  }
  // 2. The org-wide alarm, in the management account where the org trail's log group is.
  stackSets.push({ key: 'rootActivityAlarm', name: names.alarmStackSet, accounts: [config.managementAccountId], regions: home });
  // 2a. Tamper alerts (on by default): their own stack set, so deleting the alarm's stack set or
  //     instance does not remove them (docs/tamper-alerts.md).
  if (config.tamperAlerts) {
    // Also where IAM and Organizations record their events, for path B's rules on those calls.
    const regions = [...new Set([config.homeRegion, globalEventsRegion(config.homeRegion)])];
    stackSets.push({ key: 'tamperAlerts', name: names.tamperStackSet, accounts: [config.managementAccountId], regions });
  }
  // 2a'. The sentinel (on by default; docs/tamper-alerts.md, "The sentinel"): the read-only role and the
  //     canary in the management account, then the verifier in the security account, each its own stack
  //     set so that neither account's admins can remove the other half with one stack-set call.
  if (config.sentinel.enabled) {
    stackSets.push({ key: 'sentinelReader', name: names.sentinelReaderStackSet, accounts: [config.managementAccountId], regions: home });
    stackSets.push({ key: 'sentinel', name: names.sentinelStackSet, accounts: [securityAccountId(config)], regions: home });
  }
  // 2b. Fast alerts (opt-in): the central bus, before the forwarders that send to it.
  if (config.fastAlerts) {
    stackSets.push({ key: 'securityEventBus', name: names.eventBusStackSet, accounts: [securityAccountId(config)], regions: home });
  }
  // 3. The one member-account stack set: the root checks (home region only: periodic rules on global IAM
  //    resources) and, with fast alerts, the forwarder in every fast-alert Region, chosen by conditions on
  //    AWS::Region in the template (src/stacks/root-checks-stack.ts). One stack set, not two: CfCT runs
  //    stack sets one at a time, tens of minutes each on large organizations (CfCT issues #174, #177).
  const regions = config.fastAlerts ? [...new Set([config.homeRegion, ...config.fastAlerts.regions])] : home;
  // Root and OU targets never include the management account (docs/reference/cfct.md#r13-the-management-account): for the root checks it is an
  // explicit choice; the forwarder always goes there (its root matters most), so with fast alerts the
  // management account is always targeted and the template leaves the Config rules out there unless chosen.
  const includeManagement = config.rootChecks.includeManagementAccount || !!config.fastAlerts;
  stackSets.push({
    key: 'rootChecks',
    name: names.rootChecksStackSet,
    ...(includeManagement ? { accounts: [config.managementAccountId] } : {}),
    organizationalUnits: [...rootCheckTargets],
    regions,
  });
  return stackSets;
}
