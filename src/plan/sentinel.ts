import { partitionOf } from '../aws/regions';
import type { OuResolution } from '../config/ou-resolution';
import type { RootGuardConfig } from '../config/schema';
import { sentinelCanaryPattern } from '../detection/sentinel-canary';
import { securityAccountId } from './accounts';
import { securityTopicArn } from './arns';
import { resourceNames } from './names';
import type { PlannedTamperAlerts } from './tamper-alerts';

/**
 * Control Tower's organization trail, named when `root-guard resolve` recorded no other
 * (docs/organization-trail.md: resolve prefers the trail delivering to CloudWatch Logs, then this one).
 */
export const CONTROL_TOWER_TRAIL_NAME = 'aws-controltower-BaselineCloudTrail';

/** The canary: its filter on the trail's log group and the alarm that fires when it stops. */
export interface PlannedCanary {
  readonly filterName: string;
  readonly pattern: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly alarmName: string;
  /** Two intervals: each period holds about two canary calls, so CloudTrail's delivery jitter does not empty one. */
  readonly periodSeconds: number;
  /** Two periods in a row without a canary: about four intervals of silence (an hour at the default). */
  readonly evaluationPeriods: number;
}

/** The sentinel (docs/tamper-alerts.md, "The sentinel"); absent when `sentinel.enabled` is false. */
export interface PlannedSentinel {
  readonly intervalMinutes: number;
  /** Where the verifier runs: the security account (the topic's), home region. */
  readonly accountId: string;
  readonly managementAccountId: string;
  readonly region: string;
  readonly partition: string;
  readonly stateMachineName: string;
  readonly stateMachineArn: string;
  readonly verifierRoleName: string;
  readonly verifierRoleArn: string;
  readonly schedulerRoleName: string;
  readonly scheduleName: string;
  readonly readerRoleName: string;
  readonly readerRoleArn: string;
  /** The trail GetTrailStatus reads: the recorded trail's ARN, else Control Tower's trail name. */
  readonly trailName: string;
  readonly logGroupName: string;
  /** The organization, when the config names it: the read-only role's trust adds aws:PrincipalOrgID. */
  readonly organizationId?: string;
  readonly canary: PlannedCanary;
  readonly silenceAlarmName: string;
  /** Two intervals: the silence alarm fires when no verification found the detection healthy within it. */
  readonly silencePeriodSeconds: number;
  /**
   * The oldest last delivery to CloudWatch Logs that is still healthy: the verifier's own calls are
   * delivered at least every interval, CloudTrail takes about 5 minutes on average
   * (docs/reference/detection.md#latency), plus 10 minutes of slack.
   */
  readonly deliveryMaxAgeMinutes: number;
  /** Topics the verifier notifies with its findings: the security topic, and the security account's tamper topic (issue 22's channel outside the management account). */
  readonly notifyTopicArns: readonly string[];
}

/** The sentinel of a validated config, or undefined when `sentinel.enabled` is false. */
export function plannedSentinel(config: RootGuardConfig, logGroupName: string, resolution?: OuResolution, tamper?: PlannedTamperAlerts): PlannedSentinel | undefined {
  if (!config.sentinel.enabled) return undefined;
  const names = resourceNames(config.namePrefix);
  const partition = partitionOf(config.homeRegion);
  const accountId = securityAccountId(config);
  const management = config.managementAccountId;
  const interval = config.sentinel.intervalMinutes;
  const readerRoleArn = `arn:${partition}:iam::${management}:role/${names.sentinelReaderRole}`;
  const organizationId = config.fastAlerts?.organizationId ?? config.logArchive?.organizationId;
  return {
    intervalMinutes: interval,
    accountId,
    managementAccountId: management,
    region: config.homeRegion,
    partition,
    stateMachineName: names.sentinelStateMachine,
    stateMachineArn: `arn:${partition}:states:${config.homeRegion}:${accountId}:stateMachine:${names.sentinelStateMachine}`,
    verifierRoleName: names.sentinelVerifierRole,
    verifierRoleArn: `arn:${partition}:iam::${accountId}:role/${names.sentinelVerifierRole}`,
    schedulerRoleName: names.sentinelSchedulerRole,
    scheduleName: names.sentinelSchedule,
    readerRoleName: names.sentinelReaderRole,
    readerRoleArn,
    trailName: resolution?.organizationTrail?.trailArn ?? CONTROL_TOWER_TRAIL_NAME,
    logGroupName,
    ...(organizationId ? { organizationId } : {}),
    canary: {
      filterName: names.sentinelCanary,
      pattern: sentinelCanaryPattern(readerRoleArn),
      metricNamespace: names.metricNamespace,
      metricName: names.sentinelCanaryMetricName,
      alarmName: names.sentinelCanary,
      periodSeconds: 2 * interval * 60,
      evaluationPeriods: 2,
    },
    silenceAlarmName: names.sentinelSilenceAlarm,
    silencePeriodSeconds: 2 * interval * 60,
    deliveryMaxAgeMinutes: interval + 15,
    notifyTopicArns: [securityTopicArn(config), ...(tamper ? [tamper.receiver.topicArn] : [])],
  };
}
