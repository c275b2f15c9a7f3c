import { partitionOf } from '../aws/regions';
import { CONTROL_TOWER_EXECUTION_ROLE, resourceNames } from '../plan/names';
import { checkScpBudget, cfctSubmittedSize, SCP_SIZE_LIMIT } from './size';
import { renderScpText, type ScpConditions, type ScpDocument, type ScpStatement, toScpDocument } from './statement';

/**
 * Name prefix of the execution roles CloudFormation StackSets creates for service-managed stack sets
 * (`stacksets-exec-<hash>`); Control Tower's own `aws-guardrails-*` SCPs exempt it next to
 * `AWSControlTowerExecution` (../shared/reference/cfct/RULES.md R12).
 */
export const STACKSETS_EXECUTION_ROLE_PREFIX = 'stacksets-exec-';

/** CfCT names a stack instance `StackSet-CustomControlTower-<resource name>-<guid>` (RULES.md §5.1, CfCT issue #100). */
export const CFCT_STACK_INSTANCE_PREFIX = 'StackSet-CustomControlTower-';

/**
 * CloudFormation actions that change or remove an existing stack (the service authorization
 * reference's Write actions on the `stack` resource type, less those that cannot alter a deployed
 * stack: CreateStack, SignalResource, RecordHandlerProgress, DeleteChangeSet, and stack tagging,
 * which this baseline does not rely on).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html
 */
export const STACK_CHANGE_ACTIONS: readonly string[] = [
  'cloudformation:CancelUpdateStack',
  'cloudformation:ContinueUpdateRollback',
  'cloudformation:CreateChangeSet',
  'cloudformation:CreateStackRefactor',
  'cloudformation:DeleteStack',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:ExecuteStackRefactor',
  'cloudformation:RollbackStack',
  'cloudformation:SetStackPolicy',
  'cloudformation:UpdateStack',
  'cloudformation:UpdateTerminationProtection',
];

/**
 * AWS Config actions that change, remove or blank a Config rule: PutConfigRule (which also
 * rewrites an existing rule: same name, other source or frequency), DeleteConfigRule, and
 * DeleteEvaluationResults (which wipes its NON_COMPLIANT results).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsconfig.html
 */
export const CONFIG_RULE_CHANGE_ACTIONS: readonly string[] = [
  'config:DeleteConfigRule',
  'config:DeleteEvaluationResults',
  'config:PutConfigRule',
];

/**
 * SNS actions that would stop alerts reaching the security team: delete the topic, rewrite its
 * policy/attributes/KMS key, drop or filter a subscription, or add a data-protection policy that
 * blocks messages. Subscribe stays allowed: adding a subscriber does not weaken alerting.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html
 */
export const TOPIC_CHANGE_ACTIONS: readonly string[] = [
  'sns:AddPermission',
  'sns:DeleteTopic',
  'sns:PutDataProtectionPolicy',
  'sns:RemovePermission',
  'sns:SetSubscriptionAttributes',
  'sns:SetTopicAttributes',
  'sns:Unsubscribe',
];

/** KMS actions that would make the topic's key unusable for CloudWatch (alarms could no longer publish). */
export const TOPIC_KEY_CHANGE_ACTIONS: readonly string[] = [
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
];

/** KMS alias actions: without its alias the key would fall out of the `kms:ResourceAliases` condition. */
export const TOPIC_KEY_ALIAS_CHANGE_ACTIONS: readonly string[] = ['kms:DeleteAlias', 'kms:UpdateAlias'];

/**
 * EventBridge actions that would stop the forwarding rule from forwarding: delete or disable it,
 * rewrite it (PutRule: pattern or state, e.g. `ENABLED`, which drops read-only management events),
 * or drop or repoint its target. EnableRule is included because AWS does not document whether it
 * keeps `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` or resets the state to `ENABLED`. Tagging is
 * left out: nothing relies on the rule's tags.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html
 */
export const FORWARDER_RULE_CHANGE_ACTIONS: readonly string[] = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:EnableRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
];

/**
 * IAM actions that would stop the forwarder role from putting events on the central bus: delete it,
 * break its trust policy, rewrite or delete its inline policy, or add a deny (a managed policy with a
 * Deny, or a permissions boundary without events:PutEvents). Left out because they cannot weaken a
 * role that has one inline policy, no managed policy and no boundary: DetachRolePolicy,
 * DeleteRolePermissionsBoundary, UpdateRole(Description) and tagging.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
export const FORWARDER_ROLE_CHANGE_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
];

/** The fast-alert forwarder the package deploys in every covered account and Region (src/plan/names.ts). */
export interface ProtectedForwarder {
  /** Name of the rule on each account's default bus, the same in every Region, e.g. `root-guard-root-activity-forwarder`. */
  readonly ruleName: string;
  /** IAM name pattern of the forwarder roles, one per Region, e.g. `root-guard-root-event-forwarder-*` (`names.forwarderRoleNamePattern`). */
  readonly roleNamePattern: string;
}

/** The alert topic this package creates in the security account (a member account). */
export interface ProtectedTopic {
  /** Topic name, e.g. `root-guard-root-activity`. */
  readonly name: string;
  /** Alias of the topic's KMS key, e.g. `alias/root-guard-root-activity-topic`. */
  readonly keyAlias: string;
}

/** What the package deploys into member accounts, and so what `protectBaseline` protects. */
export interface BaselineProtection {
  /**
   * CfCT resource names of the package's stack sets. Their stack instances
   * (`StackSet-CustomControlTower-<name>-*`) may be changed only by the deployment roles.
   */
  readonly stackSetNames: readonly string[];
  /**
   * The package deploys AWS Config rules (in the home region). Config rule ARNs carry a generated
   * id (`config-rule/config-rule-a1b2c3`), Config has no rule-name condition key, and CloudFormation
   * cannot tag `AWS::Config::ConfigRule` (its resource schema says `taggable: false`), so neither the
   * name nor `aws:ResourceTag` can single out this package's rules: **every** Config rule in the
   * home region is protected (docs/root-checks-and-scps.md, "Residual risks").
   */
  readonly configRules: boolean;
  /** The alert topic, when the package creates one (not when the config names an existing topic). */
  readonly topic?: ProtectedTopic;
  /** The fast-alert forwarder rule and roles, when `fastAlerts` is on. */
  readonly forwarder?: ProtectedForwarder;
}

/** Options of {@link buildBaselinePolicies}. */
export interface BaselineScpOptions {
  /** Prefix of every name; the first policy is `resourceNames(prefix).baselineScp`. */
  readonly namePrefix: string;
  /** Control Tower home region: where the Config rules and the topic are; also gives the ARN partition. */
  readonly homeRegion: string;
  /** Deny every action by a member account's root user, except AssumeRoot sessions. */
  readonly denyRootActions: boolean;
  /** Deny creating root access keys, in any root session (AssumeRoot included). */
  readonly denyRootAccessKeys: boolean;
  /** Deny changes to what the package deploys, except by the deployment roles. */
  readonly protectBaseline: boolean;
  /** What the package deploys into member accounts. */
  readonly protect: BaselineProtection;
  /** @default SCP_SIZE_LIMIT (5,120 characters as CfCT submits the file) */
  readonly sizeLimit?: number;
}

/** One SCP of the package: a CfCT `deploy_method: scp` resource and its file. */
export interface ScpPolicy {
  /** Policy name in AWS Organizations (CfCT finds and updates policies by this name). */
  readonly name: string;
  /** Policy description (CfCT sends it with CreatePolicy/UpdatePolicy). */
  readonly description: string;
  /** Path of the policy file in the package: `policies/<name>.json`. */
  readonly fileName: string;
  readonly document: ScpDocument;
  /** The file's exact content: compact JSON, no trailing newline. */
  readonly text: string;
  /** Size as CfCT submits it (see `cfctSubmittedSize`). */
  readonly submittedSize: number;
}

/**
 * Role ARN patterns that may change the baseline: the roles CfCT and Control Tower deploy with.
 * Control Tower's own guardrail SCPs exempt the same roles (RULES.md R12); without the exemption
 * CfCT's stack-set stage, which runs after the SCP stage, could not update or remove the stack sets.
 */
export function deploymentRolePatterns(partition: string): string[] {
  return [
    `arn:${partition}:iam::*:role/${CONTROL_TOWER_EXECUTION_ROLE}`,
    `arn:${partition}:iam::*:role/${STACKSETS_EXECUTION_ROLE_PREFIX}*`,
  ];
}

/** The condition every Protect statement carries: the deny applies to everyone but the deployment roles. */
function exceptDeploymentRoles(partition: string): ScpConditions {
  return { ArnNotLike: { 'aws:PrincipalArn': deploymentRolePatterns(partition) } };
}

/**
 * Deny every action by a member account's root user, except in AssumeRoot sessions.
 *
 * Same shape as AWS's sample "Prevent root credentials management in member accounts" and LZA's
 * `GRRU` statement (../shared/reference/root-detection.md §6): `aws:AssumedRoot` is present (as
 * `"true"`) only in sessions opened with sts:AssumeRoot, and SCPs still apply in those sessions, so
 * without the `Null` test centralized root access (deleting a locked bucket policy, removing root
 * credentials) would be denied too. Control Tower's `AWS-GR_RESTRICT_ROOT_USER` has no such
 * exemption unless enabled with `ExemptAssumeRoot`.
 */
export function denyRootUserStatement(partition: string): ScpStatement {
  return {
    sid: 'DenyRootUser',
    effect: 'Deny',
    actions: ['*'],
    resources: ['*'],
    conditions: {
      ArnLike: { 'aws:PrincipalArn': `arn:${partition}:iam::*:root` },
      Null: { 'aws:AssumedRoot': 'true' },
    },
  };
}

/**
 * Deny creating access keys for the root user, AssumeRoot sessions included: CIS 1.4 /
 * Security Hub IAM.4, and Control Tower's `GRRESTRICTROOTUSERACCESSKEYS` shape. Kept without the
 * AssumeRoot exemption so that the guarantee does not depend on which task policies AWS offers.
 */
export function denyRootAccessKeysStatement(partition: string): ScpStatement {
  return {
    sid: 'DenyRootAccessKeys',
    effect: 'Deny',
    actions: ['iam:CreateAccessKey'],
    resources: ['*'],
    conditions: { ArnLike: { 'aws:PrincipalArn': `arn:${partition}:iam::*:root` } },
  };
}

/** Protect the package's CfCT stack instances: no one but the deployment roles may update or delete them. */
export function protectStacksStatement(partition: string, stackSetNames: readonly string[]): ScpStatement {
  return {
    sid: 'ProtectBaselineStacks',
    effect: 'Deny',
    actions: STACK_CHANGE_ACTIONS,
    resources: stackSetNames.map((name) => `arn:${partition}:cloudformation:*:*:stack/${CFCT_STACK_INSTANCE_PREFIX}${name}-*/*`),
    conditions: exceptDeploymentRoles(partition),
  };
}

/** Protect the Config rules: every Config rule in the home region (see {@link BaselineProtection.configRules}). */
export function protectConfigRulesStatement(partition: string, homeRegion: string): ScpStatement {
  return {
    sid: 'ProtectBaselineConfigRules',
    effect: 'Deny',
    actions: CONFIG_RULE_CHANGE_ACTIONS,
    resources: [`arn:${partition}:config:${homeRegion}:*:config-rule/*`],
    conditions: exceptDeploymentRoles(partition),
  };
}

/** Protect the alert topic: its name is fixed, so its ARN pattern is exact (any account, home region). */
export function protectTopicStatement(partition: string, homeRegion: string, topic: ProtectedTopic): ScpStatement {
  return {
    sid: 'ProtectAlertTopic',
    effect: 'Deny',
    actions: TOPIC_CHANGE_ACTIONS,
    resources: [`arn:${partition}:sns:${homeRegion}:*:${topic.name}`],
    conditions: exceptDeploymentRoles(partition),
  };
}

/**
 * Protect the topic's KMS key. Key ARNs carry a generated id, so the key is found by its alias:
 * `kms:ResourceAliases` is a condition key of the `key` resource type
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases).
 */
export function protectTopicKeyStatement(partition: string, topic: ProtectedTopic): ScpStatement {
  return {
    sid: 'ProtectAlertTopicKey',
    effect: 'Deny',
    actions: TOPIC_KEY_CHANGE_ACTIONS,
    resources: ['*'],
    conditions: {
      ...exceptDeploymentRoles(partition),
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': topic.keyAlias },
    },
  };
}

/** Protect the key's alias, on which {@link protectTopicKeyStatement} depends. */
export function protectTopicKeyAliasStatement(partition: string, homeRegion: string, topic: ProtectedTopic): ScpStatement {
  return {
    sid: 'ProtectAlertTopicKeyAlias',
    effect: 'Deny',
    actions: TOPIC_KEY_ALIAS_CHANGE_ACTIONS,
    resources: [`arn:${partition}:kms:${homeRegion}:*:${topic.keyAlias}`],
    conditions: exceptDeploymentRoles(partition),
  };
}

/**
 * Protect the fast-alert forwarding rule: one name on the default bus of every account, in every
 * Region (`*`: a Region added to `fastAlerts.regions` later is covered at once). A rule on the
 * default bus has the ARN `rule/<name>`; rules on other buses (`rule/<bus>/<name>`) do not match.
 */
export function protectForwarderRuleStatement(partition: string, forwarder: ProtectedForwarder): ScpStatement {
  return {
    sid: 'ProtectForwarderRule',
    effect: 'Deny',
    actions: FORWARDER_RULE_CHANGE_ACTIONS,
    resources: [`arn:${partition}:events:*:*:rule/${forwarder.ruleName}`],
    conditions: exceptDeploymentRoles(partition),
  };
}

/** Protect the forwarder roles (`<prefix>-<region>`, path `/`): IAM is global, so one pattern covers every Region's role. */
export function protectForwarderRoleStatement(partition: string, forwarder: ProtectedForwarder): ScpStatement {
  return {
    sid: 'ProtectForwarderRole',
    effect: 'Deny',
    actions: FORWARDER_ROLE_CHANGE_ACTIONS,
    resources: [`arn:${partition}:iam::*:role/${forwarder.roleNamePattern}`],
    conditions: exceptDeploymentRoles(partition),
  };
}

/** The baseline's statements for the given switches, in a fixed order. */
export function baselineStatements(options: BaselineScpOptions): ScpStatement[] {
  const { topic } = options.protect;
  if (topic && !/^alias\/[A-Za-z0-9/_-]+$/.test(topic.keyAlias)) {
    throw new Error(`buildBaselinePolicies: protect.topic.keyAlias must look like "alias/<name>", got "${topic.keyAlias}"`);
  }
  const partition = partitionOf(options.homeRegion);
  const statements: ScpStatement[] = [];
  if (options.denyRootActions) statements.push(denyRootUserStatement(partition));
  if (options.denyRootAccessKeys) statements.push(denyRootAccessKeysStatement(partition));
  if (options.protectBaseline) {
    const { stackSetNames, configRules, forwarder } = options.protect;
    if (stackSetNames.length > 0) statements.push(protectStacksStatement(partition, [...new Set(stackSetNames)].sort()));
    if (configRules) statements.push(protectConfigRulesStatement(partition, options.homeRegion));
    if (topic) {
      statements.push(protectTopicStatement(partition, options.homeRegion, topic));
      statements.push(protectTopicKeyStatement(partition, topic));
      statements.push(protectTopicKeyAliasStatement(partition, options.homeRegion, topic));
    }
    if (forwarder) {
      statements.push(protectForwarderRuleStatement(partition, forwarder));
      statements.push(protectForwarderRoleStatement(partition, forwarder));
    }
  }
  return statements;
}

/**
 * The SCPs of the baseline: as few as possible (one, unless the statements do not fit in one
 * policy's size budget), each named from the prefix, described, and checked against the budget.
 *
 * Few policies matter because every target has a small attachment quota, and Control Tower already
 * uses slots on it (see `slots.ts`). The statements are independent Denys attached to the same
 * targets, so splitting them across policies does not change what they deny.
 *
 * Returns `[]` when every switch is off. Throws a UserError if a policy exceeds the budget.
 */
export function buildBaselinePolicies(options: BaselineScpOptions): ScpPolicy[] {
  const limit = options.sizeLimit ?? SCP_SIZE_LIMIT;
  const groups = packStatements(baselineStatements(options), limit);
  const baseName = resourceNames(options.namePrefix).baselineScp;
  const policies = groups.map((statements, index) => {
    const name = index === 0 ? baseName : `${baseName}-${index + 1}`;
    const document = toScpDocument(statements);
    const text = renderScpText(document);
    return {
      name,
      description: describePolicy(statements, groups.length > 1 ? { part: index + 1, of: groups.length } : undefined),
      fileName: `policies/${name}.json`,
      document,
      text,
      submittedSize: cfctSubmittedSize(text),
    };
  });
  checkScpBudget(policies, limit);
  return policies;
}

/** First-fit in order: a new policy starts only when the next statement does not fit. */
function packStatements(statements: readonly ScpStatement[], limit: number): ScpStatement[][] {
  const groups: ScpStatement[][] = [];
  for (const statement of statements) {
    const current = groups[groups.length - 1];
    if (current && cfctSubmittedSize(renderScpText(toScpDocument([...current, statement]))) <= limit) {
      current.push(statement);
    } else {
      // Alone and still too large: it gets its own policy, and checkScpBudget reports it.
      groups.push([statement]);
    }
  }
  return groups;
}

/** Organizations allows 512 characters; this stays well under (checked in tests for every switch combination). */
function describePolicy(statements: readonly ScpStatement[], part?: { part: number; of: number }): string {
  const sids = new Set(statements.map((s) => s.sid));
  const parts: string[] = [];
  if (sids.has('DenyRootUser')) parts.push('denies root user actions in member accounts except AssumeRoot sessions');
  if (sids.has('DenyRootAccessKeys')) parts.push('denies creating root access keys');
  const guarded: string[] = [];
  if (sids.has('ProtectBaselineStacks')) guarded.push("root-guard's stack instances");
  if (sids.has('ProtectBaselineConfigRules')) guarded.push('home-region Config rules');
  if (['ProtectAlertTopic', 'ProtectAlertTopicKey', 'ProtectAlertTopicKeyAlias'].some((sid) => sids.has(sid))) guarded.push('the root-alert topic and its KMS key');
  if (sids.has('ProtectForwarderRule') || sids.has('ProtectForwarderRole')) guarded.push('the fast-alert forwarding rule and role');
  if (guarded.length > 0) parts.push(`protects ${guarded.join(', ')} from all but AWSControlTowerExecution and stacksets-exec-*`);
  const partText = part ? ` Part ${part.part} of ${part.of}.` : '';
  return `root-guard baseline: ${parts.join('; ')}.${partText} Generated by root-guard; do not edit.`;
}
