/**
 * Every name the package gives to something in AWS, derived from `namePrefix` in one place so that
 * the manifest, the templates, the SCPs and the operating commands agree.
 *
 * CfCT names a stack set `CustomControlTower-<resource name>` and finds SCPs by name across the
 * whole organization (docs/reference/cfct.md#r7-names), so every name carries the prefix.
 */
export interface ResourceNames {
  /** CfCT resource (stack set) that creates the security team's topic. */
  readonly topicStackSet: string;
  /** CfCT resource (stack set) that creates the metric filter and alarm in the management account. */
  readonly alarmStackSet: string;
  /** CfCT resource (stack set) with the per-account AWS Config root checks. */
  readonly rootChecksStackSet: string;
  /** CfCT resource (scp) with the root baseline (the first policy; more get `-2`, `-3` …). */
  readonly baselineScp: string;
  /** SNS topic for root alerts (never `aws-controltower-SecurityNotifications`: CT's SCP guards it). */
  readonly topic: string;
  /** KMS key alias of the topic's key. */
  readonly topicKeyAlias: string;
  /** CloudWatch alarm on root activity. */
  readonly alarm: string;
  /** Metric filter on the org trail's log group. */
  readonly metricFilter: string;
  /** CloudWatch metric namespace and name the filter publishes. */
  readonly metricNamespace: string;
  readonly metricName: string;
  /** AWS Config rule names. */
  readonly configRules: {
    readonly rootMfa: string;
    readonly rootHardwareMfa: string;
    readonly rootAccessKey: string;
  };
  /** Fast alerts: CfCT resource (stack set) with the central bus, in the security account. */
  readonly eventBusStackSet: string;
  /** Fast alerts: the central event bus. */
  readonly eventBus: string;
  /** Fast alerts: the forwarding rule on each account's default bus. */
  readonly forwarderRule: string;
  /** Fast alerts: prefix of the forwarder roles (`<prefix>-<region>`: IAM is global, the stack is per Region). */
  readonly forwarderRolePrefix: string;
  /**
   * Fast alerts: the role-name pattern every forwarder role matches, `<forwarderRolePrefix>-*` (with the
   * hyphen). The one pattern the central bus policy admits, the SCP baseline protects and the
   * management account's execution role may manage: so no role the SCP leaves open can put events.
   */
  readonly forwarderRoleNamePattern: string;
  /**
   * Fast alerts: the managed policy (management account, created by the hand-deployed prerequisite) every
   * forwarder role there must carry as its permissions boundary: the execution role may create forwarder
   * roles only with it.
   */
  readonly forwarderBoundaryPolicy: string;
  /** Fast alerts: prefix of the formatting rules on the central bus. */
  readonly formattingRulePrefix: string;
  /** Fast alerts: the rule on the central bus that formats `root-guard test-alert`'s drill event (`<formattingRulePrefix>-test`). */
  readonly alertTestRule: string;
  /** Tamper alerts: CfCT resource (stack set) in the management account (docs/tamper-alerts.md). */
  readonly tamperStackSet: string;
  /** Tamper alerts: prefix of the metric filters, the alarm and the EventBridge rules. */
  readonly tamperPrefix: string;
  /** Tamper alerts: the management account's own topic (the second notification path). */
  readonly tamperTopic: string;
  /** Tamper alerts: KMS key alias of that topic's key. */
  readonly tamperTopicKeyAlias: string;
  /** Tamper alerts: CfCT resource (stack set) in the security account that receives path B (docs/tamper-alerts.md). */
  readonly tamperReceiverStackSet: string;
  /** Tamper alerts: the security account's event bus the management account's tamper rules forward to. */
  readonly tamperBus: string;
  /** Tamper alerts: the role (in the hand-deployed prerequisite) the management account's tamper rules put events on that bus with. */
  readonly tamperForwarderRole: string;
  /** Tamper alerts: the alarm that fires when the organization trail's log group stops receiving records. */
  readonly deliveryAlarm: string;
  /** Sentinel: CfCT resource (stack set) with the verifier, its schedule and silence alarm, in the security account. */
  readonly sentinelStackSet: string;
  /** Sentinel: CfCT resource (stack set) with the read-only role, the canary filter and alarm, in the management account. */
  readonly sentinelReaderStackSet: string;
  /** Sentinel: the state machine (the verifier), its schedule and its execution role. */
  readonly sentinelStateMachine: string;
  readonly sentinelSchedule: string;
  readonly sentinelVerifierRole: string;
  /** Sentinel: the role EventBridge Scheduler starts the verifier with. */
  readonly sentinelSchedulerRole: string;
  /** Sentinel: the read-only role in the management account, trusting the verifier's role alone. */
  readonly sentinelReaderRole: string;
  /** Sentinel: the canary metric filter and its alarm (fires when the canary stops arriving). */
  readonly sentinelCanary: string;
  readonly sentinelCanaryMetricName: string;
  /** Sentinel: the alarm that fires when the verifier has not found the detection healthy for two intervals. */
  readonly sentinelSilenceAlarm: string;
}

/** Names for a given prefix. */
export function resourceNames(prefix: string): ResourceNames {
  return {
    topicStackSet: `${prefix}-security-topic`,
    alarmStackSet: `${prefix}-root-activity-alarm`,
    rootChecksStackSet: `${prefix}-root-checks`,
    baselineScp: `${prefix}-root-baseline`,
    topic: `${prefix}-root-activity`,
    topicKeyAlias: `alias/${prefix}-root-activity-topic`,
    alarm: `${prefix}-root-activity`,
    metricFilter: `${prefix}-root-activity`,
    // Security Hub's remediation text suggests the LogMetrics namespace (CloudWatch.1).
    metricNamespace: 'LogMetrics',
    metricName: `${prefix}-RootActivity`,
    configRules: {
      rootMfa: `${prefix}-root-mfa`,
      rootHardwareMfa: `${prefix}-root-hardware-mfa`,
      rootAccessKey: `${prefix}-root-access-key`,
    },
    eventBusStackSet: `${prefix}-root-event-bus`,
    eventBus: `${prefix}-root-activity`,
    forwarderRule: `${prefix}-root-activity-forwarder`,
    forwarderRolePrefix: `${prefix}-root-event-forwarder`,
    forwarderRoleNamePattern: `${prefix}-root-event-forwarder-*`,
    forwarderBoundaryPolicy: `${prefix}-root-event-forwarder-boundary`,
    formattingRulePrefix: `${prefix}-root-alert`,
    alertTestRule: `${prefix}-root-alert-test`,
    tamperStackSet: `${prefix}-tamper-alerts`,
    tamperPrefix: `${prefix}-tamper`,
    tamperTopic: `${prefix}-tamper-alerts`,
    tamperTopicKeyAlias: `alias/${prefix}-tamper-alerts-topic`,
    tamperReceiverStackSet: `${prefix}-tamper-receiver`,
    tamperBus: `${prefix}-tamper`,
    tamperForwarderRole: `${prefix}-tamper-forwarder`,
    deliveryAlarm: `${prefix}-trail-delivery`,
    sentinelStackSet: `${prefix}-sentinel`,
    sentinelReaderStackSet: `${prefix}-sentinel-reader`,
    sentinelStateMachine: `${prefix}-sentinel`,
    sentinelSchedule: `${prefix}-sentinel`,
    sentinelVerifierRole: `${prefix}-sentinel-verifier`,
    sentinelSchedulerRole: `${prefix}-sentinel-scheduler`,
    sentinelReaderRole: `${prefix}-sentinel-reader`,
    sentinelCanary: `${prefix}-sentinel-canary`,
    sentinelCanaryMetricName: `${prefix}-SentinelCanary`,
    sentinelSilenceAlarm: `${prefix}-sentinel-silent`,
  };
}

/** The log group Control Tower's organization trail delivers to (management account, home region; landing zone >= 3.0). */
export const CONTROL_TOWER_LOG_GROUP = 'aws-controltower/CloudTrailLogs';

/** The role CfCT's stack sets and Control Tower deploy with (docs/reference/cfct.md#what-a-stack-set-resource-creates; docs/reference/cfct.md#r12-exempt-the-deployment-roles). */
export const CONTROL_TOWER_EXECUTION_ROLE = 'AWSControlTowerExecution';

/** CfCT's stack-set administration role in the management account (docs/reference/cfct.md#deploying-to-the-management-account). */
export const CONTROL_TOWER_STACKSET_ROLE_PATH = 'service-role/AWSControlTowerStackSetRole';

/** CfCT names each stack set `CustomControlTower-<resource name>` (docs/reference/cfct.md#what-a-stack-set-resource-creates). */
export const CFCT_STACK_SET_PREFIX = 'CustomControlTower-';
