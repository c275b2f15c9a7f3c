import { Stack, Validations } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { executionRoleActions as actionsOf, EXECUTION_ROLE_SIDS as SID } from '../plan/execution-role';

/** Properties of {@link ManagementExecutionRole}. */
export interface ManagementExecutionRoleProps {
  /** Role name; CfCT's stack sets deploy with `AWSControlTowerExecution`. */
  readonly roleName: string;
  /** Path of CfCT's stack-set administration role in the same account (`service-role/AWSControlTowerStackSetRole`). */
  readonly administrationRolePath: string;
  /** The home region: the only region the package deploys to in the management account. */
  readonly homeRegion: string;
  /** Names (prefixes) the package's resources in the management account carry. */
  readonly alarmNamePrefix: string;
  /** Log group the metric filter is created on. */
  readonly logGroupName: string;
  /** Also allow managing the package's AWS Config rules (when root checks cover the management account). */
  readonly manageConfigRules: boolean;
  /**
   * Also allow deploying the fast-alert forwarder (an EventBridge rule and its role) in these Regions:
   * the forwarder stack set targets the management account too (src/constructs/root-event-forwarder.ts).
   * @default - no forwarder in the management account
   */
  readonly eventForwarding?: {
    /** Every Region the forwarder is deployed to (the home region may be among them). */
    readonly regions: readonly string[];
    /** The forwarding rule's name. */
    readonly ruleName: string;
    /** IAM name pattern of the forwarder roles (`names.forwarderRoleNamePattern`, `<prefix>-root-event-forwarder-*`). */
    readonly roleNamePattern: string;
    /** The central bus the forwarders put events on: the only thing the boundary allows. */
    readonly eventBusArn: string;
    /** Name of the managed policy created here and required as every forwarder role's permissions boundary. */
    readonly boundaryPolicyName: string;
  };
  /**
   * Also allow deploying the tamper alerts (docs/tamper-alerts.md): their topic, its key, its rules.
   * Their metric filters and alarm are covered by the statements above (same log group, same prefix).
   * @default - no tamper alerts
   */
  readonly tamperAlerts?: {
    readonly topicName: string;
    readonly keyAlias: string;
    /** Prefix of the tamper rules' names. */
    readonly ruleNamePrefix: string;
    /** Every Region the tamper stack set deploys to (the home region first). */
    readonly regions: readonly string[];
    /**
     * The role the tamper rules put events on the security account's tamper bus with. Created here, in
     * the hand-deployed prerequisite, so that the pipeline (and anyone who borrows the execution role)
     * can pass it but never rewrite it.
     */
    readonly forwarderRoleName: string;
    /** The security account's tamper bus: the forwarder role may put events there and nowhere else. */
    readonly tamperBusArn: string;
  };
  /**
   * Also allow deploying the sentinel's read-only role of this name (docs/tamper-alerts.md, "The sentinel");
   * its canary filter and alarm are covered by the statements above.
   * @default - no sentinel
   */
  readonly sentinelReaderRoleName?: string;
}

/**
 * The `AWSControlTowerExecution` role in the management account, which Control Tower does not create
 * there. CfCT deploys a stack set into the management account only through this role
 * (docs/reference/cfct.md#deploying-to-the-management-account; CfCT issues #80, #109; user guide cfct-root-ou.html).
 *
 * Least privilege: CloudFormation on CfCT's stack instances, plus exactly the resources this package
 * deploys in the management account. AWS's StackSets prerequisites page documents that the execution
 * role needs CloudFormation permissions plus those of the template's resources
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html).
 */
export class ManagementExecutionRole extends Construct {
  public readonly role: iam.Role;
  /** With `eventForwarding`: the boundary every forwarder role in this account must carry. */
  public readonly forwarderBoundary?: iam.ManagedPolicy;
  /** With `tamperAlerts`: the role the tamper rules forward to the security account with. */
  public readonly tamperForwarderRole?: iam.Role;

  constructor(scope: Construct, id: string, props: ManagementExecutionRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const arn = (service: string, resource: string) => `arn:${stack.partition}:${service}:${props.homeRegion}:${stack.account}:${resource}`;

    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: 'Lets Customizations for AWS Control Tower deploy root-guard stack sets in the management account',
      assumedBy: new iam.ArnPrincipal(`arn:${stack.partition}:iam::${stack.account}:role/${props.administrationRolePath}`),
    });
    const statements = [
      new iam.PolicyStatement({
        sid: SID.manageCfctStackInstances,
        // Explicit actions, not cloudformation:* (Control Tower proactive control CT.IAM.PR.5).
        actions: actionsOf(SID.manageCfctStackInstances),
        resources: [arn('cloudformation', 'stack/StackSet-CustomControlTower-*')],
      }),
      new iam.PolicyStatement({
        sid: SID.readStagedTemplates,
        actions: actionsOf(SID.readStagedTemplates),
        resources: [`arn:${stack.partition}:s3:::custom-control-tower-configuration-${stack.account}-*/*`],
      }),
      new iam.PolicyStatement({
        sid: SID.manageMetricFilter,
        actions: actionsOf(SID.manageMetricFilter),
        resources: [arn('logs', `log-group:${props.logGroupName}`), arn('logs', `log-group:${props.logGroupName}:*`)],
      }),
      new iam.PolicyStatement({
        sid: SID.manageAlarms,
        actions: actionsOf(SID.manageAlarms),
        resources: [arn('cloudwatch', `alarm:${props.alarmNamePrefix}*`)],
      }),
    ];
    if (props.manageConfigRules) {
      statements.push(new iam.PolicyStatement({
        sid: SID.manageConfigRules,
        // Config rule ARNs carry a generated id, not the name, so the rules cannot be named here.
        actions: actionsOf(SID.manageConfigRules),
        resources: ['*'],
      }));
    }
    if (props.eventForwarding) {
      // The boundary lives here, in the hand-deployed prerequisite, so that the execution role (which may
      // create and rewrite the forwarder roles) cannot change it: it has no iam:*Policy* right on policies.
      this.forwarderBoundary = new iam.ManagedPolicy(this, 'ForwarderBoundary', {
        managedPolicyName: props.eventForwarding.boundaryPolicyName,
        description: 'Permissions boundary of the root-guard fast-alert forwarder roles: put events on the central security bus, nothing else',
        statements: [new iam.PolicyStatement({ sid: 'PutEventsOnTheSecurityBusOnly', actions: ['events:PutEvents'], resources: [props.eventForwarding.eventBusArn] })],
      });
      statements.push(...eventForwardingStatements(stack, props.homeRegion, props.eventForwarding));
    }
    if (props.tamperAlerts) {
      this.tamperForwarderRole = tamperForwarderRole(this, props.tamperAlerts);
      statements.push(...tamperAlertStatements(stack, props.homeRegion, props.tamperAlerts));
    }
    if (props.sentinelReaderRoleName) {
      statements.push(new iam.PolicyStatement({
        sid: SID.manageSentinelReaderRole,
        actions: actionsOf(SID.manageSentinelReaderRole),
        resources: [`arn:${stack.partition}:iam::${stack.account}:role/${props.sentinelReaderRoleName}`],
      }));
    }
    const policy = new iam.Policy(this, 'Policy', { statements, roles: [this.role] });
    // cdk-nag names each wildcard resource in its finding id, with tokens shown as <AWS::Partition>/<AWS::AccountId>.
    const reason = 'Wildcards only where names are not known in advance: CfCT stack instances are named '
      + 'StackSet-CustomControlTower-<name>-<guid>, the staging bucket name ends in the region and objects vary, alarms share '
      + 'the package prefix, log-group ARNs end in :*, and Config rule ARNs carry a generated id.'
      + (props.eventForwarding ? ' Fast-alert forwarder roles are named <prefix>-<region>, one per Region.' : '')
      + (props.tamperAlerts ? ' Tamper alerts: kms:CreateKey has no resource, key ids are generated, subscription ARNs end in a generated id, tamper rules share a prefix.' : '');
    const wildcards = statements.flatMap((s) => s.resources).filter((r) => r.includes('*'));
    for (const resource of wildcards) {
      const shown = Stack.of(this).resolve(resource) as unknown;
      Validations.of(policy).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagResourceName(shown)}]`, reason });
    }
  }
}

/**
 * What the forwarder stack needs in the management account: CloudFormation on CfCT's stack instances
 * in the other Regions, the forwarding rule in each Region, and its roles (IAM is global; one role per
 * Region, `<prefix>-<region>`). `iam:PassRole` only to EventBridge: PutTargets passes the role.
 */
function eventForwardingStatements(stack: Stack, homeRegion: string, forwarding: NonNullable<ManagementExecutionRoleProps['eventForwarding']>): iam.PolicyStatement[] {
  const partition = stack.partition;
  const otherRegions = forwarding.regions.filter((r) => r !== homeRegion);
  const roles = `arn:${partition}:iam::${stack.account}:role/${forwarding.roleNamePattern}`;
  const statements: iam.PolicyStatement[] = [];
  if (otherRegions.length > 0) {
    statements.push(new iam.PolicyStatement({
      sid: SID.manageCfctStackInstancesInForwarderRegions,
      actions: actionsOf(SID.manageCfctStackInstancesInForwarderRegions),
      resources: otherRegions.map((region) => `arn:${partition}:cloudformation:${region}:${stack.account}:stack/StackSet-CustomControlTower-*`),
    }));
  }
  statements.push(
    new iam.PolicyStatement({
      sid: SID.manageForwardingRule,
      actions: actionsOf(SID.manageForwardingRule),
      resources: forwarding.regions.map((region) => `arn:${partition}:events:${region}:${stack.account}:rule/${forwarding.ruleName}`),
    }),
    new iam.PolicyStatement({
      sid: SID.manageForwarderRoles,
      actions: actionsOf(SID.manageForwarderRoles),
      resources: [roles],
    }),
    // Bound what the role can create: a forwarder role (any trust, any inline policy) only with the
    // boundary, so whatever it is given it can do no more than put events on the central bus. The
    // iam:PermissionsBoundary condition key applies to CreateRole, PutRolePolicy and DeleteRolePolicy
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html,
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html). No right to
    // attach managed policies, change or remove a boundary, or edit any IAM policy is granted.
    new iam.PolicyStatement({
      sid: SID.createForwarderRolesOnlyWithTheBoundary,
      actions: actionsOf(SID.createForwarderRolesOnlyWithTheBoundary),
      resources: [roles],
      conditions: { StringEquals: { 'iam:PermissionsBoundary': `arn:${partition}:iam::${stack.account}:policy/${forwarding.boundaryPolicyName}` } },
    }),
    new iam.PolicyStatement({
      sid: SID.passForwarderRolesToEventBridge,
      actions: actionsOf(SID.passForwarderRolesToEventBridge),
      resources: [roles],
      conditions: { StringEquals: { 'iam:PassedToService': 'events.amazonaws.com' } },
    }),
  );
  return statements;
}

/** A resolved resource as cdk-nag prints it: Fn::Join parts concatenated, Refs as <Name>. */
function nagResourceName(resolved: unknown): string {
  if (typeof resolved === 'string') return resolved;
  const join = (resolved as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(nagResourceName).join(join[0]);
  const ref = (resolved as { Ref?: string }).Ref;
  if (ref) return `<${ref}>`;
  return JSON.stringify(resolved);
}

/**
 * What the tamper-alert stack needs beyond the metric filters and alarm: its topic (with the
 * subscriptions and the topic policy), the topic's key and alias, and the tamper rules
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html,
 * .../list_awskeymanagementservice.html, .../list_amazoneventbridge.html).
 */
function tamperAlertStatements(stack: Stack, homeRegion: string, tamper: NonNullable<ManagementExecutionRoleProps['tamperAlerts']>): iam.PolicyStatement[] {
  const arnIn = (region: string, service: string, resource: string) => `arn:${stack.partition}:${service}:${region}:${stack.account}:${resource}`;
  const arn = (service: string, resource: string) => arnIn(homeRegion, service, resource);
  const topic = arn('sns', tamper.topicName);
  const otherRegions = tamper.regions.filter((region) => region !== homeRegion);
  const inOtherRegions: iam.PolicyStatement[] = otherRegions.length === 0 ? [] : [new iam.PolicyStatement({
    sid: SID.manageCfctStackInstancesInGlobalEventsRegion,
    actions: actionsOf(SID.manageCfctStackInstancesInGlobalEventsRegion),
    resources: otherRegions.map((region) => arnIn(region, 'cloudformation', 'stack/StackSet-CustomControlTower-*')),
  })];
  return [
    ...inOtherRegions,
    new iam.PolicyStatement({
      sid: SID.manageTamperTopic,
      actions: actionsOf(SID.manageTamperTopic),
      resources: [topic, `${topic}:*`],
    }),
    new iam.PolicyStatement({ sid: SID.createTamperTopicKey, actions: actionsOf(SID.createTamperTopicKey), resources: ['*'] }),
    new iam.PolicyStatement({
      sid: SID.manageTamperTopicKey,
      actions: actionsOf(SID.manageTamperTopicKey),
      resources: [arn('kms', 'key/*'), arn('kms', tamper.keyAlias)],
    }),
    new iam.PolicyStatement({
      sid: SID.manageTamperRules,
      actions: actionsOf(SID.manageTamperRules),
      resources: tamper.regions.map((region) => arnIn(region, 'events', `rule/${tamper.ruleNamePrefix}-*`)),
    }),
    // PutTargets passes the forwarder role; only to EventBridge.
    new iam.PolicyStatement({
      sid: SID.passTamperForwarderRole,
      actions: actionsOf(SID.passTamperForwarderRole),
      resources: [`arn:${stack.partition}:iam::${stack.account}:role/${tamper.forwarderRoleName}`],
      conditions: { StringEquals: { 'iam:PassedToService': 'events.amazonaws.com' } },
    }),
  ];
}

/**
 * The tamper forwarder role: EventBridge assumes it for the tamper rules of this account (confused-deputy
 * protection with `aws:SourceAccount` and `aws:SourceArn`, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html)
 * to put events on the security account's tamper bus, and nothing else. A rule that targets a bus in
 * another account sends with a role (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
 */
function tamperForwarderRole(scope: Construct, tamper: NonNullable<ManagementExecutionRoleProps['tamperAlerts']>): iam.Role {
  const stack = Stack.of(scope);
  return new iam.Role(scope, 'TamperForwarderRole', {
    roleName: tamper.forwarderRoleName,
    description: 'Lets the root-guard tamper rules put events on the security account tamper bus',
    assumedBy: new iam.ServicePrincipal('events.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': tamper.regions.map((region) => `arn:${stack.partition}:events:${region}:${stack.account}:rule/${tamper.ruleNamePrefix}-*`) },
    }),
    inlinePolicies: {
      PutEventsOnTheTamperBus: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [tamper.tamperBusArn] })],
      }),
    },
  });
}
