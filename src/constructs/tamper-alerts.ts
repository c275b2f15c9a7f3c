import { Aws, CfnCondition, Duration, Fn, RemovalPolicy, Stack, CfnResource } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { EventPattern } from '../detection/root-event-pattern';
import { tamperAlertTransformer } from './tamper-messages';
import { TamperTopic } from './tamper-topic';

/** Properties of {@link TamperAlerts}. */
export interface TamperAlertsProps {
  /** The organization trail's log group (the plan's `organizationTrail.logGroupName`). */
  readonly logGroupName: string;
  /** One metric filter per tamper call group, all publishing 1 to one metric. */
  readonly filters: readonly { readonly filterName: string; readonly pattern: string }[];
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly alarmName: string;
  /** Every root-guard alarm's name starts with this (`<namePrefix>-`): those alarms may publish to the tamper topic. */
  readonly alarmNamePrefix: string;
  /**
   * Rules on this account's default bus: the path that does not go through the log group. Each
   * forwards to the security account's tamper bus and, for CloudTrail calls in the home region, also
   * sends the formatted message to this account's tamper topic.
   */
  readonly rules: readonly TamperRuleProps[];
  /** Topics in other accounts the tamper and delivery alarms notify besides this account's own (the security topic, the security account's tamper topic). */
  readonly alarmTopicArns: readonly string[];
  /** The security account's tamper bus every rule forwards to. */
  readonly tamperBusArn: string;
  /** The role the rules put events on that bus with (the hand-deployed prerequisite creates it). */
  readonly forwarderRoleArn: string;
  /** The alarm on the organization trail's delivery (AWS/Logs IncomingLogEvents). */
  readonly deliveryAlarm: { readonly alarmName: string; readonly periodSeconds: number };
  /**
   * The home region. With `globalRegion` as well, the stack set deploys to both and CloudFormation
   * conditions on `AWS::Region` keep everything but the global services' rules in the home region.
   */
  readonly homeRegion: string;
  /** The Region where IAM and Organizations record their events, when it is not the home region. @default - the home region is that Region */
  readonly globalRegion?: string;
  /** This account's own topic: the alarm's second action and the rules' target. */
  readonly topicName: string;
  readonly topicKeyAlias: string;
  /** Subscribed to this account's topic. @default - none: subscribe the topic by hand */
  readonly emails?: readonly string[];
}

/** One rule of path B on the management account's default bus. */
export interface TamperRuleProps {
  readonly ruleName: string;
  readonly title: string;
  readonly eventPattern: EventPattern;
  /** CloudTrail API calls get the who/what/where message on this account's tamper topic too. */
  readonly kind: 'api-call' | 'alarm-state' | 'alarm-config';
  /** The Regions the rule exists in (home and/or the global Region). */
  readonly regions: readonly string[];
}

/**
 * Tamper alerts in the management account (docs/tamper-alerts.md):
 * - path A: metric filters on the organization trail's log group and one alarm (Maximum >= 1), notifying
 *   the security topic and both tamper topics (this account's and the security account's): whichever
 *   topic, key or subscription one account's admin removes, another still receives the alarm;
 * - the delivery alarm: `AWS/Logs` `IncomingLogEvents` of the log group below 1 for a whole period, with
 *   missing data breaching, so a delivery that stops (a trail stopped, its role broken, the group
 *   re-keyed) alarms though the call that stopped it never reaches the log group;
 * - path B: rules on this account's default bus for the calls that can switch path A off, and for
 *   CloudWatch's own events about root-guard's alarms (state changes still flow when actions are muted
 *   or disabled), forwarding each to the security account's tamper bus with the forwarder role: the last
 *   hop is outside this account. CloudTrail calls in the home region also go, formatted, to this
 *   account's tamper topic.
 *
 * Every resource is retained when its stack or stack instance is deleted (DeletionPolicy Retain): a
 * `DeleteStackInstances` or `DeleteStackSet` on this stack set then leaves the detection in place, and
 * that call itself is one of the alerts.
 *
 * With a `globalRegion`, the stack set deploys to it as well and CloudFormation conditions on
 * `AWS::Region` place each resource (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-condition.html):
 * the rules for IAM and Organizations calls there, everything else in the home region.
 */
export class TamperAlerts extends Construct {
  public readonly metricFilters: logs.MetricFilter[] = [];
  public readonly alarm: cloudwatch.Alarm;
  public readonly deliveryAlarm: cloudwatch.Alarm;
  public readonly tamperTopic: TamperTopic;
  public readonly rules: events.CfnRule[] = [];

  constructor(scope: Construct, id: string, props: TamperAlertsProps) {
    super(scope, id);
    if (props.filters.length === 0) throw new Error('TamperAlerts: give at least one metric filter');
    const stack = Stack.of(this);
    const ruleArn = (region: string, name: string) => `arn:${stack.partition}:events:${region}:${stack.account}:rule/${name}`;
    const homeRules = props.rules.filter((r) => r.kind === 'api-call' && r.regions.includes(props.homeRegion));

    this.tamperTopic = new TamperTopic(this, 'Topic', {
      topicName: props.topicName,
      keyAlias: props.topicKeyAlias,
      alarmAccountId: stack.account,
      alarmArnPattern: `arn:${stack.partition}:cloudwatch:${props.homeRegion}:${stack.account}:alarm:${props.alarmNamePrefix}*`,
      ruleArnPatterns: homeRules.map((r) => ruleArn(props.homeRegion, r.ruleName)),
      emails: props.emails,
    });
    const topics = [...props.alarmTopicArns.map((arn, i) => sns.Topic.fromTopicArn(this, `AlarmTopic${i + 1}`, arn)), this.tamperTopic.topic];
    const notifyAll = (alarm: cloudwatch.Alarm) => alarm.addAlarmAction(...topics.map((topic) => new actions.SnsAction(topic)));

    const logGroup = logs.LogGroup.fromLogGroupName(this, 'LogGroup', props.logGroupName);
    props.filters.forEach((filter, index) => {
      this.metricFilters.push(new logs.MetricFilter(this, `MetricFilter${index + 1}`, {
        logGroup,
        filterName: filter.filterName,
        filterPattern: logs.FilterPattern.literal(filter.pattern),
        metricNamespace: props.metricNamespace,
        metricName: props.metricName,
        metricValue: '1',
      }));
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription: 'root-guard TAMPER: someone deleted, disabled or changed part of the root-activity detection (docs/tamper-alerts.md). '
        + `Who, what and where: CloudWatch Logs Insights on ${props.logGroupName}, filter eventName and eventSource as listed in docs/tamper-alerts.md, `
        + 'or the tamper topics\' detailed message for management-account calls.',
      // Maximum, not Sum: a negative PutMetricData cannot hide a match (src/detection/alarm-statistic.ts).
      metric: new cloudwatch.Metric({ namespace: props.metricNamespace, metricName: props.metricName, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
    });
    notifyAll(this.alarm);

    // AWS/Logs is reserved for AWS (PutMetricData cannot write it: docs/reference/detection.md#alarm-statistic),
    // so Sum is safe here; missing data is the failure this alarm exists for.
    this.deliveryAlarm = new cloudwatch.Alarm(this, 'DeliveryAlarm', {
      alarmName: props.deliveryAlarm.alarmName,
      alarmDescription: `root-guard TAMPER: the organization trail's log group ${props.logGroupName} received no record for ${props.deliveryAlarm.periodSeconds / 60} minutes. `
        + 'Check the trail (cloudtrail get-trail-status: IsLogging, LatestCloudWatchLogsDeliveryError), its CloudWatch Logs role and the log group (docs/tamper-alerts.md).',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Logs',
        metricName: 'IncomingLogEvents',
        dimensionsMap: { LogGroupName: props.logGroupName },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.seconds(props.deliveryAlarm.periodSeconds),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      actionsEnabled: true,
    });
    notifyAll(this.deliveryAlarm);

    for (const rule of props.rules) {
      const targets: events.CfnRule.TargetProperty[] = [{ id: 'TamperBus', arn: props.tamperBusArn, roleArn: props.forwarderRoleArn }];
      if (homeRules.includes(rule)) {
        targets.push({ id: 'TamperTopic', arn: this.tamperTopic.topic.topicArn, inputTransformer: tamperAlertTransformer(rule.title) });
      }
      this.rules.push(new events.CfnRule(this, `Rule-${rule.ruleName}`, {
        name: rule.ruleName,
        description: `root-guard tamper alert: ${rule.title}`.slice(0, 512),
        eventPattern: rule.eventPattern,
        state: 'ENABLED',
        targets,
      }));
    }

    // Retained on stack deletion: deleting the stack (set) must not remove the detection it triggers.
    for (const child of this.node.findAll()) {
      if (child instanceof CfnResource) child.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    if (props.globalRegion && props.globalRegion !== props.homeRegion) this.placeByRegion(props);
  }

  /** Home-region resources only there; each rule in its own Regions (the global services' rules in the global Region). */
  private placeByRegion(props: TamperAlertsProps): void {
    const inHome = new CfnCondition(this, 'InHomeRegion', { expression: Fn.conditionEquals(Aws.REGION, props.homeRegion) });
    const inGlobal = new CfnCondition(this, 'InGlobalEventsRegion', { expression: Fn.conditionEquals(Aws.REGION, props.globalRegion as string) });
    const ruleRegions = new Map(this.rules.map((rule, i) => [rule, props.rules[i].regions] as const));
    for (const child of this.node.findAll()) {
      if (!(child instanceof CfnResource)) continue;
      const regions = child instanceof events.CfnRule ? ruleRegions.get(child) : undefined;
      if (regions && regions.length === 1 && regions[0] === props.globalRegion) child.cfnOptions.condition = inGlobal;
      else if (!regions || !regions.includes(props.globalRegion as string)) child.cfnOptions.condition = inHome;
    }
  }
}
