import { Aws, CfnCondition, Fn, Stack } from 'aws-cdk-lib/core';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { type EventPattern, ROOT_ACTIVITY_EVENT_PATTERN } from '../detection/root-event-pattern';

/** Properties of {@link RootEventForwarder}. */
export interface RootEventForwarderProps {
  /** Name of the rule on the account's default bus (rules are regional, so one name serves every Region). */
  readonly ruleName: string;
  /**
   * Prefix of the role EventBridge uses to put events on the central bus. IAM is global and the stack
   * set deploys one stack per Region, so the Region is appended: `<prefix>-<region>`.
   */
  readonly roleNamePrefix: string;
  /** ARN of the central bus in the security account. */
  readonly targetEventBusArn: string;
  /** @default ROOT_ACTIVITY_EVENT_PATTERN */
  readonly eventPattern?: EventPattern;
  /**
   * In this account only (the management account), give the role this managed policy as permissions
   * boundary: the management account's execution role may create forwarder roles only with it
   * (src/constructs/management-execution-role.ts). The same template serves every account, so the
   * boundary is set by a condition on `AWS::AccountId`.
   * @default - no boundary in any account
   */
  readonly boundaryInAccount?: { readonly accountId: string; readonly policyName: string };
}

/**
 * In one account and Region: a rule on the default event bus matching root activity the way the CIS
 * metric filter does, forwarding each event to the central bus in the security account.
 *
 * - State `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`: otherwise read-only management events
 *   (Get*, List*, Describe*) never reach the rule, while the metric filter counts them
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html).
 * - A role on the target: required for a bus in another account when the receiver grants access by
 *   organization ("the sending event bus must have IAM roles attached to them when sending events to
 *   another account", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
 *   It may put events on that one bus only; its trust is limited to this rule (confused-deputy
 *   protection with `aws:SourceAccount` and `aws:SourceArn`).
 */
export class RootEventForwarder extends Construct {
  public readonly rule: events.CfnRule;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RootEventForwarderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const ruleArn = `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/${props.ruleName}`;

    this.role = new iam.Role(this, 'Role', {
      roleName: `${props.roleNamePrefix}-${Aws.REGION}`,
      description: 'Lets the root-guard forwarding rule put root-activity events on the central security event bus',
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnEquals: { 'aws:SourceArn': ruleArn },
      }),
      inlinePolicies: {
        PutEventsOnTheSecurityBus: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [props.targetEventBusArn] })],
        }),
      },
    });

    if (props.boundaryInAccount) {
      const inAccount = new CfnCondition(this, 'InBoundedAccount', { expression: Fn.conditionEquals(Aws.ACCOUNT_ID, props.boundaryInAccount.accountId) });
      const boundary = `arn:${stack.partition}:iam::${stack.account}:policy/${props.boundaryInAccount.policyName}`;
      (this.role.node.defaultChild as iam.CfnRole).permissionsBoundary = Fn.conditionIf(inAccount.logicalId, boundary, Aws.NO_VALUE).toString();
    }

    this.rule = new events.CfnRule(this, 'Rule', {
      name: props.ruleName,
      description: 'root-guard: forwards root-user activity (CIS root filter, as an event pattern) to the security event bus',
      eventPattern: props.eventPattern ?? ROOT_ACTIVITY_EVENT_PATTERN,
      state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      targets: [{ id: 'SecurityEventBus', arn: props.targetEventBusArn, roleArn: this.role.roleArn }],
    });
  }
}
