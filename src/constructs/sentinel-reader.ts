import { CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { PlannedCanary } from '../plan/sentinel';

/** Properties of {@link SentinelReader}. */
export interface SentinelReaderProps {
  /** The read-only role's name. */
  readonly roleName: string;
  /** The verifier's execution role (security account): the one principal the role trusts. */
  readonly verifierRoleArn: string;
  /** The organization, when known: the trust also requires aws:PrincipalOrgID. @default - no organization condition */
  readonly organizationId?: string;
  /** The organization trail's log group: where the filters are and the canary filter goes. */
  readonly logGroupName: string;
  /** The trail GetTrailStatus is allowed on: its name or ARN. */
  readonly trailName: string;
  /** Prefix of every root-guard alarm (DescribeAlarms is allowed on these only). */
  readonly alarmNamePrefix: string;
  /** The canary filter and its alarm (the plan's, src/plan/sentinel.ts). */
  readonly canary: PlannedCanary;
  /** Topics the canary alarm notifies: the security topic, and with tamper alerts the tamper topics (their policies admit root-guard's alarms). */
  readonly topicArns: readonly string[];
}

/** Every action the read-only role has: reads, nothing that writes (test/constructs/sentinel-reader.test.ts). */
export const SENTINEL_READER_ACTIONS = [
  'logs:DescribeMetricFilters',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:ListAlarmMuteRules',
  'cloudwatch:GetAlarmMuteRule',
  'cloudtrail:GetTrailStatus',
] as const;

/**
 * The sentinel's half in the management account (docs/tamper-alerts.md, "The sentinel"):
 * - a read-only role that trusts exactly the verifier's execution role in the security account. The
 *   principal is that role's ARN (only states.amazonaws.com may assume it, for the verifier's state
 *   machine); with an organization id in the config the trust also requires `aws:PrincipalOrgID`
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid,
 *   read 2026-12-08). Step Functions documents the state machine's ARN as `sts:ExternalId` only for
 *   `.sync` tasks (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-cross-acct-sync-pattern.html),
 *   so the trust does not require an external id the verifier's calls may not carry.
 * - the canary filter on the trail's log group (src/detection/sentinel-canary.ts) and its alarm:
 *   SampleCount < 1 over two intervals, two periods, missing data breaching: it fires when the canary
 *   stops arriving, whatever stopped it. SampleCount, not Sum: a negative PutMetricData cannot lower
 *   it (src/detection/alarm-statistic.ts).
 * Retained when the stack or its instance is deleted, like the tamper alerts.
 */
export class SentinelReader extends Construct {
  public readonly role: iam.Role;
  public readonly canaryFilter: logs.MetricFilter;
  public readonly canaryAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SentinelReaderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const arn = (service: string, resource: string) => `arn:${stack.partition}:${service}:${stack.region}:${stack.account}:${resource}`;
    const trailArn = props.trailName.startsWith('arn:') ? props.trailName : arn('cloudtrail', `trail/${props.trailName}`);

    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: 'root-guard sentinel: lets the verifier in the security account read the detection here (read-only)',
      assumedBy: new iam.ArnPrincipal(props.verifierRoleArn).withConditions(props.organizationId ? { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } } : {}),
      maxSessionDuration: Duration.hours(1),
    });
    new iam.Policy(this, 'ReadDetection', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({ sid: 'ReadTheMetricFilters', actions: ['logs:DescribeMetricFilters'], resources: [arn('logs', `log-group:${props.logGroupName}`), arn('logs', `log-group:${props.logGroupName}:*`)] }),
        new iam.PolicyStatement({ sid: 'ReadTheAlarms', actions: ['cloudwatch:DescribeAlarms'], resources: [arn('cloudwatch', `alarm:${props.alarmNamePrefix}*`)] }),
        // Mute rules of any name may target a root-guard alarm: all of them are read.
        new iam.PolicyStatement({ sid: 'ReadTheMuteRules', actions: ['cloudwatch:ListAlarmMuteRules', 'cloudwatch:GetAlarmMuteRule'], resources: ['*'] }),
        new iam.PolicyStatement({ sid: 'ReadTheTrailStatus', actions: ['cloudtrail:GetTrailStatus'], resources: [trailArn] }),
      ],
    });

    const reasons: Record<string, string> = {
      [`Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${props.logGroupName}:*`]: 'a log group\'s ARN as DescribeMetricFilters authorizes it ends in :*',
      [`Resource::arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:alarm:${props.alarmNamePrefix}*`]: 'every root-guard alarm shares the package prefix; DescribeAlarms only reads them',
      'Resource::*': 'an alarm mute rule of any name may target a root-guard alarm: every rule is read (List and Get only)',
    };
    for (const [finding, reason] of Object.entries(reasons)) Validations.of(this).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason });

    this.canaryFilter = new logs.MetricFilter(this, 'CanaryFilter', {
      logGroup: logs.LogGroup.fromLogGroupName(this, 'LogGroup', props.logGroupName),
      filterName: props.canary.filterName,
      filterPattern: logs.FilterPattern.literal(props.canary.pattern),
      metricNamespace: props.canary.metricNamespace,
      metricName: props.canary.metricName,
      metricValue: '1',
    });
    this.canaryAlarm = new cloudwatch.Alarm(this, 'CanaryAlarm', {
      alarmName: props.canary.alarmName,
      alarmDescription: 'root-guard SENTINEL CANARY: the sentinel\'s own GetTrailStatus calls stopped reaching the organization trail\'s log group and its filter. '
        + 'Root and tamper alarms may be blind too (docs/tamper-alerts.md, The sentinel). Run root-guard audit and root-guard test-alert --path sentinel.',
      metric: new cloudwatch.Metric({ namespace: props.canary.metricNamespace, metricName: props.canary.metricName, statistic: cloudwatch.Stats.SAMPLE_COUNT, period: Duration.seconds(props.canary.periodSeconds) }),
      threshold: 1,
      evaluationPeriods: props.canary.evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      actionsEnabled: true,
    });
    props.topicArns.forEach((arn, i) => this.canaryAlarm.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, i === 0 ? 'Topic' : `Topic${i + 1}`, arn))));

    for (const child of this.node.findAll()) {
      if (child instanceof CfnResource) child.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }
}
