import { RemovalPolicy, Stack, CfnResource } from 'aws-cdk-lib/core';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { EventPattern } from '../detection/root-event-pattern';
import { alarmEventTransformer, tamperAlertTransformer } from './tamper-messages';
import { TamperTopic } from './tamper-topic';

/** One formatting rule on the tamper bus. */
export interface TamperReceiverRule {
  readonly ruleName: string;
  readonly title: string;
  /** The pattern, restricted to events the management account forwarded. */
  readonly eventPattern: EventPattern;
  readonly kind: 'api-call' | 'alarm-state' | 'alarm-config';
}

/** Properties of {@link TamperReceiver}. */
export interface TamperReceiverProps {
  readonly eventBusName: string;
  /** The only principal that may put events on the bus: the management account's forwarder role. */
  readonly forwarderRoleArn: string;
  readonly managementAccountId: string;
  readonly rules: readonly TamperReceiverRule[];
  /** The security team's topic (this account, same Region): every rule's first target. */
  readonly securityTopicArn: string;
  /** This account's own tamper topic: every rule's second target, and an action of the management account's alarms. */
  readonly topicName: string;
  readonly topicKeyAlias: string;
  /** Every root-guard alarm's name starts with this: the management account's alarms may publish to the tamper topic. */
  readonly alarmNamePrefix: string;
  /** The home region, where the management account's alarms are. */
  readonly alarmRegion: string;
  /** @default - none: subscribe the tamper topic by hand */
  readonly emails?: readonly string[];
  /** Alarms of this (the security) account that may notify the tamper topic: the sentinel's silence alarm. @default - none */
  readonly localAlarmNames?: readonly string[];
}

/**
 * The security account's side of tamper path B (docs/tamper-alerts.md): the tamper bus the management
 * account's rules forward to, and formatting rules that send each forwarded call or alarm event to the
 * security topic and to this account's own tamper topic. The management account's admins can delete
 * their side, and that deletion is itself forwarded before it takes effect for the rules that remain;
 * they cannot change this side without a session in this account, which the SCP baseline reaches and
 * the `execution-role-sessions` tamper filter reports.
 *
 * - Bus policy: `events:PutEvents` for the management account, only for the forwarder role
 *   (`aws:PrincipalArn`). A rule that targets a bus in another account sends with a role ("the sending
 *   event bus must have IAM roles attached", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
 * - The security topic must let this bus's rules publish and use its key (SecurityTopic's
 *   `allowEventBusRules`); a topic the config names (`securityTopic.arn`) needs the same grants by hand.
 */
export class TamperReceiver extends Construct {
  public readonly eventBus: events.EventBus;
  public readonly tamperTopic: TamperTopic;
  public readonly rules: events.CfnRule[] = [];

  constructor(scope: Construct, id: string, props: TamperReceiverProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.eventBus = new events.EventBus(this, 'EventBus', { eventBusName: props.eventBusName, description: 'root-guard: tamper calls and alarm events forwarded from the management account' });
    this.eventBus.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowTheManagementAccountTamperForwarder',
      principals: [new iam.AccountPrincipal(props.managementAccountId)],
      actions: ['events:PutEvents'],
      resources: [this.eventBus.eventBusArn],
      conditions: { ArnEquals: { 'aws:PrincipalArn': props.forwarderRoleArn } },
    }));
    this.tamperTopic = new TamperTopic(this, 'Topic', {
      topicName: props.topicName,
      keyAlias: props.topicKeyAlias,
      alarmAccountId: props.managementAccountId,
      alarmArnPattern: `arn:${stack.partition}:cloudwatch:${props.alarmRegion}:${props.managementAccountId}:alarm:${props.alarmNamePrefix}*`,
      ruleArnPatterns: [`arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/${props.eventBusName}/*`],
      emails: props.emails,
      localAlarmNames: props.localAlarmNames,
    });
    for (const rule of props.rules) {
      const transformer = rule.kind === 'api-call' ? tamperAlertTransformer(rule.title) : alarmEventTransformer(rule.kind, rule.title);
      this.rules.push(new events.CfnRule(this, `Rule-${rule.ruleName}`, {
        name: rule.ruleName,
        description: `root-guard tamper alert: ${rule.title}`.slice(0, 512),
        eventBusName: this.eventBus.eventBusName,
        eventPattern: rule.eventPattern,
        state: 'ENABLED',
        targets: [
          { id: 'SecurityTopic', arn: props.securityTopicArn, inputTransformer: transformer },
          { id: 'TamperTopic', arn: this.tamperTopic.topic.topicArn, inputTransformer: transformer },
        ],
      }));
    }
    for (const child of this.node.findAll()) {
      if (child instanceof CfnResource) child.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }
}
