import { CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { denyGrantsToNonAwsServicePrincipals } from './alert-topic-key';

/** Properties of {@link SentinelVerifier}. */
export interface SentinelVerifierProps {
  readonly stateMachineName: string;
  /** The definition (src/health/state-machine.ts), already JSON. */
  readonly definition: string;
  readonly verifierRoleName: string;
  readonly schedulerRoleName: string;
  readonly scheduleName: string;
  /** Minutes between two runs. */
  readonly intervalMinutes: number;
  /** The management account's read-only role the verifier assumes for its Tasks. */
  readonly readerRoleArn: string;
  /** Topics the verifier reads (policy, subscriptions, key): the security topic. */
  readonly topicArns: readonly string[];
  /** Topics it publishes its findings to. */
  readonly notifyTopicArns: readonly string[];
  readonly silenceAlarmName: string;
  /**
   * The topics the silence alarm notifies: those whose policies let this account's alarm publish (the
   * security topic and the tamper topic here: allowLocalAlarms in src/constructs/alert-topic-key.ts).
   */
  readonly silenceAlarmTopicArns: readonly string[];
  /** Two intervals. */
  readonly silencePeriodSeconds: number;
}

/**
 * The sentinel's verifier in the security account (docs/tamper-alerts.md, "The sentinel"): a Standard
 * Step Functions state machine with no function code, started by EventBridge Scheduler every
 * `intervalMinutes` (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html),
 * and the silence alarm: AWS/States `ExecutionsSucceeded` Sum < 1 over two intervals, missing data
 * breaching (https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html). A run
 * succeeds only when it found the detection healthy, so the alarm fires when the schedule is disabled,
 * the read-only role is gone or denied, the verifier is broken, or a finding stands for two intervals.
 * Sum is right here: `AWS/` namespaces cannot be written with PutMetricData (docs/reference/detection.md#alarm-statistic).
 *
 * Logging (every event, to a log group kept a year and encrypted with its own key) and X-Ray tracing
 * satisfy Control Tower's proactive controls CT.STEPFUNCTIONS.PR.1 and PR.2 and AwsSolutions-SF1/SF2. Every resource is retained when the stack instance is deleted:
 * a DeleteStackInstances from the management account leaves the verifier running.
 */
export class SentinelVerifier extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly role: iam.Role;
  public readonly schedule: scheduler.CfnSchedule;
  public readonly silenceAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SentinelVerifierProps) {
    super(scope, id);
    if (props.intervalMinutes < 1) throw new Error(`SentinelVerifier: intervalMinutes must be at least 1, got ${props.intervalMinutes}`);
    const stack = Stack.of(this);
    const stateMachineArn = `arn:${stack.partition}:states:${stack.region}:${stack.account}:stateMachine:${props.stateMachineName}`;

    // Step Functions' confused-deputy guard for an execution role: aws:SourceAccount and aws:SourceArn
    // (https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html).
    this.role = new iam.Role(this, 'VerifierRole', {
      roleName: props.verifierRoleName,
      description: 'root-guard sentinel: the verifier state machine reads the detection (through the management account\'s read-only role) and publishes findings',
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stateMachineArn },
      }),
    });
    const keys = `arn:${stack.partition}:kms:${stack.region}:${stack.account}:key/*`;
    this.role.attachInlinePolicy(new iam.Policy(this, 'VerifierPolicy', {
      statements: [
        new iam.PolicyStatement({ sid: 'AssumeTheReadOnlyRole', actions: ['sts:AssumeRole'], resources: [props.readerRoleArn] }),
        new iam.PolicyStatement({ sid: 'ReadTheTopics', actions: ['sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic'], resources: [...props.topicArns] }),
        // The topic's key is created by another stack set: its id is not known here.
        new iam.PolicyStatement({ sid: 'ReadTheTopicKeyPolicy', actions: ['kms:GetKeyPolicy'], resources: [keys] }),
        new iam.PolicyStatement({ sid: 'PublishFindings', actions: ['sns:Publish'], resources: [...props.notifyTopicArns] }),
        new iam.PolicyStatement({
          sid: 'UseTheTopicKeyThroughSnsOnly',
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: [keys],
          conditions: { StringEquals: { 'kms:ViaService': `sns.${stack.region}.amazonaws.com` } },
        }),
      ],
    }));

    const logGroupName = `/aws/vendedlogs/states/${props.stateMachineName}`;
    // CT.CLOUDWATCH.PR.3: the log group is encrypted with a customer managed key, usable by CloudWatch
    // Logs for this log group only (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
    const logKey = new kms.Key(this, 'LogKey', {
      description: `Encrypts the log group ${logGroupName} (root-guard sentinel)`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
    });
    logKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsForTheSentinelLogGroup',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${logGroupName}` } },
    }));
    // Control Tower proactive control CT.KMS.PR.3: deny grants to principals that are not AWS services.
    logKey.addToResourcePolicy(denyGrantsToNonAwsServicePrincipals());
    const logGroup = new logs.LogGroup(this, 'Log', { logGroupName, retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logKey });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(props.definition),
      role: this.role,
      // Every event, without the payloads: the findings stay in each run's history (Fail cause), and the
      // log stays small (docs/tamper-alerts.md, The sentinel: cost).
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      comment: 'root-guard sentinel verifier (docs/tamper-alerts.md, The sentinel)',
    });

    // The role is already a dependency through RoleArn's GetAtt (cfn-lint W3005).
    const machine = this.stateMachine.node.defaultChild as CfnResource;
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy')?.node.defaultChild as CfnResource | undefined;
    machine.addOverride('DependsOn', defaultPolicy ? [stack.getLogicalId(defaultPolicy)] : []);
    const reasons: Record<string, string> = {
      'Resource::*': 'Step Functions\' log delivery and X-Ray actions take no resource (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html, https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html)',
      [`Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*`]: 'the security topic\'s key is created by another stack set: its id is not known here; use is limited to SNS by kms:ViaService, and GetKeyPolicy only reads',
      'Action::kms:GenerateDataKey*': 'SNS needs GenerateDataKey and GenerateDataKeyWithoutPlaintext for an encrypted topic (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html), through SNS only',
    };
    for (const [finding, reason] of Object.entries(reasons)) Validations.of(this).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason });

    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      roleName: props.schedulerRoleName,
      description: 'root-guard sentinel: EventBridge Scheduler starts the verifier',
      // https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': stack.account } }),
    });
    schedulerRole.attachInlinePolicy(new iam.Policy(this, 'SchedulerPolicy', {
      statements: [new iam.PolicyStatement({ sid: 'StartTheVerifier', actions: ['states:StartExecution'], resources: [this.stateMachine.stateMachineArn] })],
    }));
    this.schedule = new scheduler.CfnSchedule(this, 'Schedule', {
      name: props.scheduleName,
      description: `root-guard sentinel: verify the root-activity detection every ${props.intervalMinutes} minutes`,
      scheduleExpression: `rate(${props.intervalMinutes} minutes)`,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: this.stateMachine.stateMachineArn,
        roleArn: schedulerRole.roleArn,
        input: '{}',
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: Math.min(86400, props.intervalMinutes * 60) },
      },
    });

    this.silenceAlarm = new cloudwatch.Alarm(this, 'SilenceAlarm', {
      alarmName: props.silenceAlarmName,
      alarmDescription: 'root-guard SENTINEL: no verification found the root-activity detection healthy for two intervals. '
        + 'Either a finding stands (see the SENTINEL messages and root-guard test-alert --path sentinel) or the sentinel itself is stopped: schedule disabled, read-only role deleted or denied, state machine broken.',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/States',
        metricName: 'ExecutionsSucceeded',
        dimensionsMap: { StateMachineArn: this.stateMachine.stateMachineArn },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.seconds(props.silencePeriodSeconds),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      actionsEnabled: true,
    });
    props.silenceAlarmTopicArns.forEach((arn, i) => this.silenceAlarm.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, i === 0 ? 'Topic' : `Topic${i + 1}`, arn))));

    for (const child of this.node.findAll()) {
      if (child instanceof CfnResource) child.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }
}
