import { globalEventsRegion, partitionOf } from '../aws/regions';
import type { RootGuardConfig } from '../config/schema';
import { alarmConfigurationChangePattern, alarmStateChangePattern } from '../detection/alarm-events';
import type { EventPattern } from '../detection/root-event-pattern';
import { GLOBAL_EVENT_SOURCES, tamperCallGroups, type TamperCallGroup } from '../detection/tamper-calls';
import { FILTER_PATTERN_MAX_LENGTH, forwardedTamperEventPattern, TamperPatternTooLong, tamperEventPattern, tamperFilterPattern, type TamperAccounts } from '../detection/tamper-patterns';
import { UserError } from '../errors';
import { securityAccountId } from './accounts';
import { securityTopicArn } from './arns';
import { CFCT_STACK_SET_PREFIX, resourceNames } from './names';

/** One tamper metric filter on the organization trail's log group. */
export interface PlannedTamperFilter {
  readonly group: TamperCallGroup;
  readonly filterName: string;
  readonly pattern: string;
}

/** One rule of path B: on the management account's default bus (forwarding) and on the tamper bus (formatting). */
export interface PlannedTamperRule {
  /** The call group, or `alarm-state` / `alarm-config` for the alarm events. */
  readonly id: string;
  readonly ruleName: string;
  readonly title: string;
  /** On the management account's default bus: what is forwarded. */
  readonly eventPattern: EventPattern;
  /** On the security account's tamper bus: the same, from the management account only. */
  readonly receiverPattern: EventPattern;
  /** CloudTrail events (`AWS API Call via CloudTrail`), or CloudWatch's alarm events. */
  readonly kind: 'api-call' | 'alarm-state' | 'alarm-config';
  /**
   * Regions of the management account the forwarding rule goes to: the home region, and the Region
   * where global services record their events when that is another one (src/aws/regions.ts).
   */
  readonly regions: readonly string[];
  /** For a call group. */
  readonly group?: TamperCallGroup;
}

/** The alarm that fires when the organization trail's log group stops receiving records. */
export interface PlannedDeliveryAlarm {
  readonly alarmName: string;
  readonly logGroupName: string;
  /**
   * One period without a single record is an alarm. An hour: the organization trail records the
   * management events of every account, AWS services' own calls included, so an hour without one is a
   * stopped delivery, not a quiet night.
   */
  readonly periodSeconds: number;
}

/** The security account's side of path B (its own stack set). */
export interface PlannedTamperReceiver {
  readonly accountId: string;
  readonly eventBusName: string;
  readonly eventBusArn: string;
  /** The security account's own tamper topic (a second sink there: alarms and rules notify it as well as the security topic). */
  readonly topicName: string;
  readonly topicArn: string;
  readonly topicKeyAlias: string;
  /** The one principal allowed to put events on the bus: the management account's forwarder role. */
  readonly forwarderRoleArn: string;
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
  readonly deliveryAlarm: PlannedDeliveryAlarm;
  /** The management account's own topic: an alarm action and the rules' second target. */
  readonly topicName: string;
  readonly topicArn: string;
  readonly topicKeyAlias: string;
  /** Subscribed to both tamper topics: the security topic's addresses (none when the config names an existing topic). */
  readonly emails: readonly string[];
  readonly receiver: PlannedTamperReceiver;
  /** The Regions of the management account's tamper stack set: the home region first. */
  readonly regions: readonly string[];
  /** Every topic the tamper alarm and the delivery alarm notify (security topic, both tamper topics). */
  readonly alarmTopicArns: readonly string[];
}

/**
 * The delivery alarm's `LogGroupName` dimension: aws-cdk-lib refuses a dimension value over 255
 * characters ("Dimension value must be at least 1 and no more than 255 characters"), while a log group
 * name may have 512.
 */
const DELIVERY_DIMENSION_MAX_LENGTH = 255;

/** The tamper alerts of a validated config on the plan's log group, or undefined when `tamperAlerts` is false. */
export function plannedTamperAlerts(config: RootGuardConfig, logGroupName: string): PlannedTamperAlerts | undefined {
  if (!config.tamperAlerts) return undefined;
  if (logGroupName.length > DELIVERY_DIMENSION_MAX_LENGTH) {
    throw new UserError(`organizationTrail.logGroupName: the organization trail's log group name is ${logGroupName.length} characters; with tamper alerts on, the delivery alarm names it `
      + `in a metric dimension, which holds at most ${DELIVERY_DIMENSION_MAX_LENGTH} (send the trail to a log group with a shorter name, or set tamperAlerts: false)`);
  }
  const names = resourceNames(config.namePrefix);
  const partition = partitionOf(config.homeRegion);
  const home = config.homeRegion;
  const management = config.managementAccountId;
  const security = securityAccountId(config);
  const topicArn = (account: string, name: string) => `arn:${partition}:sns:${home}:${account}:${name}`;
  const receiver: PlannedTamperReceiver = {
    accountId: security,
    eventBusName: names.tamperBus,
    eventBusArn: `arn:${partition}:events:${home}:${security}:event-bus/${names.tamperBus}`,
    topicName: names.tamperTopic,
    topicArn: topicArn(security, names.tamperTopic),
    topicKeyAlias: names.tamperTopicKeyAlias,
    forwarderRoleArn: `arn:${partition}:iam::${management}:role/${names.tamperForwarderRole}`,
  };
  const managementTopicArn = topicArn(management, names.tamperTopic);
  const alarmTopicArns = [...new Set([securityTopicArn(config), managementTopicArn, receiver.topicArn])];
  const groups = tamperCallGroups({
    namePrefix: config.namePrefix,
    stackSetPrefix: CFCT_STACK_SET_PREFIX,
    logGroupName,
    logGroupArn: `arn:${partition}:logs:${home}:${management}:log-group:${logGroupName}`,
    managementAccountId: management,
    partition,
    topics: [
      { label: 'security', arn: securityTopicArn(config) },
      { label: 'tamper-management', arn: managementTopicArn },
      { label: 'tamper-security', arn: receiver.topicArn },
    ],
  });
  const globalRegion = globalEventsRegion(home);
  const regions = [...new Set([home, globalRegion])];
  const accounts = { management, security, partition };
  const groupRules: PlannedTamperRule[] = groups.filter((g) => g.fastRule).map((group) => ({
    id: group.id,
    ruleName: `${names.tamperPrefix}-${group.id}`,
    title: group.title,
    eventPattern: tamperEventPattern(group, partition, management),
    receiverPattern: forwardedTamperEventPattern(group, partition, management),
    kind: 'api-call',
    // A global service's calls are recorded in the global Region only; the others where they are made.
    regions: GLOBAL_EVENT_SOURCES.includes(group.eventSource) ? [globalRegion] : [home],
    group,
  }));
  const alarmPrefix = `${config.namePrefix}-`;
  const alarmRule = (kind: 'alarm-state' | 'alarm-config', title: string, pattern: EventPattern): PlannedTamperRule => ({
    id: kind,
    ruleName: `${names.tamperPrefix}-${kind}`,
    title,
    eventPattern: pattern,
    receiverPattern: { account: [management], ...pattern },
    kind,
    regions: [home],
  });
  return {
    logGroupName,
    metricNamespace: names.metricNamespace,
    metricName: `${config.namePrefix}-Tamper`,
    alarmName: names.tamperPrefix,
    filters: groups.map((group) => ({ group, filterName: `${names.tamperPrefix}-${group.id}`, pattern: patternWithinLimit(group, accounts, logGroupName) })),
    rules: [
      ...groupRules,
      alarmRule('alarm-state', 'a root-guard alarm went into ALARM (sent even when its actions are muted or disabled)', alarmStateChangePattern(alarmPrefix)),
      alarmRule('alarm-config', 'a root-guard alarm was created, changed or deleted', alarmConfigurationChangePattern(alarmPrefix)),
    ],
    deliveryAlarm: { alarmName: names.deliveryAlarm, logGroupName, periodSeconds: 3600 },
    topicName: names.tamperTopic,
    topicArn: managementTopicArn,
    topicKeyAlias: names.tamperTopicKeyAlias,
    emails: config.securityTopic.arn ? [] : [...(config.securityTopic.emails ?? [])],
    receiver,
    regions,
    alarmTopicArns,
  };
}

/**
 * The group's filter pattern. The groups are sized for every name root-guard chooses; the one name a
 * user chooses that goes into a pattern is the organization trail's log group (up to 512 characters,
 * CreateLogGroup), so a pattern too long because of it is the user's to fix, said at its key. Any other
 * overflow is a bug in the groups and stays an internal error.
 */
function patternWithinLimit(group: TamperCallGroup, accounts: TamperAccounts, logGroupName: string): string {
  try {
    return tamperFilterPattern(group, accounts);
  } catch (err) {
    const occurrences = err instanceof TamperPatternTooLong ? err.pattern.split(logGroupName).length - 1 : 0;
    if (!(err instanceof TamperPatternTooLong) || occurrences === 0) throw err;
    const fits = logGroupName.length - Math.ceil((err.pattern.length - FILTER_PATTERN_MAX_LENGTH) / occurrences);
    throw new UserError(`organizationTrail.logGroupName: the organization trail's log group name is ${logGroupName.length} characters, too long for tamper filter ${group.id} `
      + `(${err.pattern.length} characters; CloudWatch Logs allows ${FILTER_PATTERN_MAX_LENGTH} per pattern): with tamper alerts on, the name can be at most ${fits} characters `
      + '(send the trail to a log group with a shorter name, or set tamperAlerts: false)');
  }
}
