import { partitionOf } from '../aws/regions';
import { CONTROL_TOWER_EXECUTION_ROLE, resourceNames } from '../plan/names';
import { checkScpBudget, cfctSubmittedSize, SCP_SIZE_LIMIT } from './size';
import {
  CONFIG_RULE_CHANGE_ACTIONS, EVENT_BUS_CHANGE_ACTIONS, EXEMPT_ROLE_CHANGE_ACTIONS, FORWARDER_ROLE_CHANGE_ACTIONS, FORWARDER_RULE_CHANGE_ACTIONS,
  STACK_CHANGE_ACTIONS, TOPIC_CHANGE_ACTIONS, TOPIC_KEY_ALIAS_CHANGE_ACTIONS, TOPIC_KEY_CHANGE_ACTIONS,
} from './protected-actions';
import { renderScpText, type ScpConditions, type ScpDocument, type ScpStatement, toScpDocument } from './statement';

/** CfCT names a stack instance `StackSet-CustomControlTower-<resource name>-<guid>` (docs/reference/cfct.md#what-a-stack-set-resource-creates, CfCT issue #100). */
export const CFCT_STACK_INSTANCE_PREFIX = 'StackSet-CustomControlTower-';

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
  /**
   * The tamper alerts' receiver in the security account, when tamper alerts are on: its event bus (and
   * the rules on it) and its own tamper topic with its key (docs/tamper-alerts.md).
   */
  readonly tamperReceiver?: { readonly eventBusName: string; readonly topic: ProtectedTopic };
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
  /**
   * More role names exempt from the Protect statements, next to `AWSControlTowerExecution`: the roles of
   * other deployment pipelines (Account Factory for Terraform, Landing Zone Accelerator). Role names at
   * path `/`; a trailing `*` makes a prefix. Validated by the config schema (`scp.exemptRoleNames`).
   * @default - none
   */
  readonly exemptRoleNames?: readonly string[];
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
 * Role ARN patterns that may change the baseline: the role CfCT deploys with, plus the configured extra
 * roles. CfCT v2.8.4 creates every stack set self-managed, with `AdministrationRoleARN` =
 * `service-role/AWSControlTowerStackSetRole` and `ExecutionRoleName` = `AWSControlTowerExecution`
 * (aws-solutions/aws-control-tower-customizations, `source/src/cfct/aws/services/cloudformation.py`
 * `create_stack_set`, environment set in `customizations-for-aws-control-tower.template`), so no
 * `stacksets-exec-*` role (service-managed stack sets) ever deploys its stack instances: that exemption
 * is not needed, and is not granted. Without this exemption CfCT's stack-set stage, which runs after the
 * SCP stage, could not update or remove the stack sets.
 */
export function deploymentRolePatterns(partition: string, exemptRoleNames: readonly string[] = []): string[] {
  return [CONTROL_TOWER_EXECUTION_ROLE, ...exemptRoleNames].map((name) => `arn:${partition}:iam::*:role/${name}`);
}

/** The condition every Protect statement carries: the deny applies to everyone but the deployment roles. */
function exceptDeploymentRoles(partition: string, exemptRoleNames: readonly string[] = []): ScpConditions {
  return { ArnNotLike: { 'aws:PrincipalArn': deploymentRolePatterns(partition, exemptRoleNames) } };
}

/**
 * Deny every action by a member account's root user, except in AssumeRoot sessions.
 *
 * Same shape as AWS's sample "Prevent root credentials management in member accounts" and LZA's
 * `GRRU` statement (docs/reference/detection.md#assumeroot): `aws:AssumedRoot` is present (as
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
export function protectStacksStatement(partition: string, stackSetNames: readonly string[], exempt: readonly string[] = []): ScpStatement {
  return {
    sid: 'ProtectBaselineStacks',
    effect: 'Deny',
    actions: STACK_CHANGE_ACTIONS,
    resources: stackSetNames.map((name) => `arn:${partition}:cloudformation:*:*:stack/${CFCT_STACK_INSTANCE_PREFIX}${name}-*/*`),
    conditions: exceptDeploymentRoles(partition, exempt),
  };
}

/** Protect the Config rules: every Config rule in the home region (see {@link BaselineProtection.configRules}). */
export function protectConfigRulesStatement(partition: string, homeRegion: string, exempt: readonly string[] = []): ScpStatement {
  return {
    sid: 'ProtectBaselineConfigRules',
    effect: 'Deny',
    actions: CONFIG_RULE_CHANGE_ACTIONS,
    resources: [`arn:${partition}:config:${homeRegion}:*:config-rule/*`],
    conditions: exceptDeploymentRoles(partition, exempt),
  };
}

/** Protect the alert topics: their names are fixed, so their ARN patterns are exact (any account, home region). */
export function protectTopicStatement(partition: string, homeRegion: string, topics: readonly ProtectedTopic[], exempt: readonly string[] = []): ScpStatement {
  return {
    sid: 'ProtectAlertTopic',
    effect: 'Deny',
    actions: TOPIC_CHANGE_ACTIONS,
    resources: topics.map((topic) => `arn:${partition}:sns:${homeRegion}:*:${topic.name}`),
    conditions: exceptDeploymentRoles(partition, exempt),
  };
}

/**
 * Protect the topic's KMS key. Key ARNs carry a generated id, so the key is found by its alias:
 * `kms:ResourceAliases` is a condition key of the `key` resource type
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases).
 */
export function protectTopicKeyStatement(partition: string, topics: readonly ProtectedTopic[], exempt: readonly string[] = []): ScpStatement {
  const aliases = topics.map((topic) => topic.keyAlias);
  return {
    sid: 'ProtectAlertTopicKey',
    effect: 'Deny',
    actions: TOPIC_KEY_CHANGE_ACTIONS,
    resources: ['*'],
    conditions: {
      ...exceptDeploymentRoles(partition, exempt),
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': aliases.length === 1 ? aliases[0] : aliases },
    },
  };
}

/** Protect the key's alias, on which {@link protectTopicKeyStatement} depends. */
export function protectTopicKeyAliasStatement(partition: string, homeRegion: string, topics: readonly ProtectedTopic[], exempt: readonly string[] = []): ScpStatement {
  return {
    sid: 'ProtectAlertTopicKeyAlias',
    effect: 'Deny',
    actions: TOPIC_KEY_ALIAS_CHANGE_ACTIONS,
    resources: topics.map((topic) => `arn:${partition}:kms:${homeRegion}:*:${topic.keyAlias}`),
    conditions: exceptDeploymentRoles(partition, exempt),
  };
}

/**
 * Protect the fast-alert forwarding rule: one name on the default bus of every account, in every
 * Region (`*`: a Region added to `fastAlerts.regions` later is covered at once). A rule on the
 * default bus has the ARN `rule/<name>`; rules on other buses (`rule/<bus>/<name>`) do not match.
 */
export function protectForwarderRuleStatement(partition: string, forwarder: ProtectedForwarder | undefined, homeRegion: string, tamperBusName?: string, exempt: readonly string[] = []): ScpStatement {
  // The tamper bus (security account, home region) and every rule on it: rules on a custom bus have
  // the ARN `rule/<bus>/<name>`.
  const tamperBus = tamperBusName
    ? [`arn:${partition}:events:${homeRegion}:*:event-bus/${tamperBusName}`, `arn:${partition}:events:${homeRegion}:*:rule/${tamperBusName}/*`]
    : [];
  return {
    sid: 'ProtectForwarderRule',
    effect: 'Deny',
    actions: tamperBus.length > 0 ? [...FORWARDER_RULE_CHANGE_ACTIONS, ...EVENT_BUS_CHANGE_ACTIONS] : FORWARDER_RULE_CHANGE_ACTIONS,
    resources: [...(forwarder ? [`arn:${partition}:events:*:*:rule/${forwarder.ruleName}`] : []), ...tamperBus],
    conditions: exceptDeploymentRoles(partition, exempt),
  };
}

/**
 * No member account leaves the organization: outside it no SCP applies and the organization trail no
 * longer records it (LeaveOrganization is called from the member account,
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_LeaveOrganization.html, read 2026-12-08).
 * The deployment roles keep the exemption every Protect statement has.
 */
export function denyLeaveOrganizationStatement(partition: string, exempt: readonly string[] = []): ScpStatement {
  return {
    sid: 'DenyLeaveOrganization',
    effect: 'Deny',
    actions: ['organizations:LeaveOrganization'],
    resources: ['*'],
    conditions: exceptDeploymentRoles(partition, exempt),
  };
}

/** Protect the forwarder roles (`<prefix>-<region>`, path `/`): IAM is global, so one pattern covers every Region's role. */
export function protectForwarderRoleStatement(partition: string, forwarder: ProtectedForwarder, exempt: readonly string[] = []): ScpStatement {
  return {
    sid: 'ProtectForwarderRole',
    effect: 'Deny',
    actions: FORWARDER_ROLE_CHANGE_ACTIONS,
    resources: [`arn:${partition}:iam::*:role/${forwarder.roleNamePattern}`],
    conditions: exceptDeploymentRoles(partition, exempt),
  };
}

/**
 * Protect the exempt roles' names: no one but the exempt principals may create, delete, re-trust or
 * grant more to a role named like one of them (the ARN patterns of {@link deploymentRolePatterns}).
 * Control Tower's mandatory control "Disallow changes to IAM roles set up by AWS Control Tower" does the
 * same for `AWSControlTowerExecution`, but only in OUs registered with Control Tower; CfCT attaches this
 * SCP to any OU, registered or not, and the extra exempt roles have no such control at all.
 */
export function protectExemptRolesStatement(partition: string, exempt: readonly string[] = []): ScpStatement {
  return {
    sid: 'ProtectExemptRoles',
    effect: 'Deny',
    actions: EXEMPT_ROLE_CHANGE_ACTIONS,
    resources: deploymentRolePatterns(partition, exempt),
    conditions: exceptDeploymentRoles(partition, exempt),
  };
}

/**
 * One Deny statement for several whose actions are each of a different service and whose conditions
 * are the same. A request is denied by a statement when its action is listed AND its resource matches
 * a listed pattern; an action of one service is only ever authorized against resource ARNs of that
 * service (`arn:<partition>:<service>:…`, service authorization reference), so an action of one part
 * never meets a resource pattern of another, and the union denies exactly what the parts deny. Throws
 * if two parts share a service or differ in effect or condition: then the union would deny more.
 */
export function mergeByService(sid: string, parts: readonly ScpStatement[]): ScpStatement {
  const serviceOf = (action: string) => action.split(':')[0];
  const seen = new Set<string>();
  for (const part of parts) {
    const services = new Set(part.actions.map(serviceOf));
    const resourceServices = new Set(part.resources.map((r) => r.split(':')[2]));
    if (services.size !== 1 || resourceServices.size !== 1 || [...services][0] !== [...resourceServices][0]) {
      throw new Error(`mergeByService: ${part.sid} must act on one service's resources only`);
    }
    const service = [...services][0];
    if (seen.has(service)) throw new Error(`mergeByService: two parts act on ${service}`);
    seen.add(service);
    if (part.effect !== parts[0].effect || JSON.stringify(part.conditions) !== JSON.stringify(parts[0].conditions)) {
      throw new Error(`mergeByService: ${part.sid} differs in effect or condition from ${parts[0].sid}`);
    }
  }
  return {
    sid,
    effect: parts[0].effect,
    actions: parts.flatMap((p) => p.actions),
    resources: parts.flatMap((p) => p.resources),
    ...(parts[0].conditions ? { conditions: parts[0].conditions } : {}),
  };
}

/** The baseline's statements for the given switches, in a fixed order. */
export function baselineStatements(options: BaselineScpOptions): ScpStatement[] {
  const { topic, tamperReceiver } = options.protect;
  const topics = [topic, tamperReceiver?.topic].filter((t): t is ProtectedTopic => t !== undefined);
  for (const t of topics) {
    if (!/^alias\/[A-Za-z0-9/_-]+$/.test(t.keyAlias)) {
      throw new Error(`buildBaselinePolicies: protect.topic.keyAlias must look like "alias/<name>", got "${t.keyAlias}"`);
    }
  }
  const partition = partitionOf(options.homeRegion);
  const statements: ScpStatement[] = [];
  if (options.denyRootActions) statements.push(denyRootUserStatement(partition));
  if (options.denyRootAccessKeys) statements.push(denyRootAccessKeysStatement(partition));
  if (options.protectBaseline) {
    const { stackSetNames, configRules, forwarder } = options.protect;
    const exempt = options.exemptRoleNames ?? [];
    // Statements on resources of one service each, with the same condition, are written as one
    // (see mergeByService): the exemption list is then written once instead of five times.
    const simple: ScpStatement[] = [];
    if (stackSetNames.length > 0) simple.push(protectStacksStatement(partition, [...new Set(stackSetNames)].sort(), exempt));
    if (configRules) simple.push(protectConfigRulesStatement(partition, options.homeRegion, exempt));
    if (topics.length > 0) {
      simple.push(protectTopicStatement(partition, options.homeRegion, topics, exempt));
      simple.push(protectTopicKeyAliasStatement(partition, options.homeRegion, topics, exempt));
    }
    if (forwarder || tamperReceiver) simple.push(protectForwarderRuleStatement(partition, forwarder, options.homeRegion, tamperReceiver?.eventBusName, exempt));
    const protects: ScpStatement[] = [];
    if (simple.length > 0) protects.push(mergeByService('ProtectBaseline', simple));
    if (topics.length > 0) protects.push(protectTopicKeyStatement(partition, topics, exempt));
    if (forwarder) protects.push(protectForwarderRoleStatement(partition, forwarder, exempt));
    // The exemption is only as strong as the exempt names: protect them whenever something is protected.
    if (protects.length > 0) protects.push(protectExemptRolesStatement(partition, exempt));
    protects.push(denyLeaveOrganizationStatement(partition, exempt));
    statements.push(...protects);
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
      description: describePolicy(statements, options.exemptRoleNames?.length ?? 0, groups.length > 1 ? { part: index + 1, of: groups.length } : undefined),
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
function describePolicy(statements: readonly ScpStatement[], exemptCount: number, part?: { part: number; of: number }): string {
  const sids = new Set(statements.map((s) => s.sid));
  const parts: string[] = [];
  if (sids.has('DenyRootUser')) parts.push('denies root user actions in member accounts except AssumeRoot sessions');
  if (sids.has('DenyRootAccessKeys')) parts.push('denies creating root access keys');
  const guarded: string[] = [];
  const actions = new Set(statements.flatMap((s) => s.actions));
  if (actions.has('cloudformation:DeleteStack')) guarded.push("root-guard's stack instances");
  if (actions.has('config:DeleteConfigRule')) guarded.push('home-region Config rules');
  if (sids.has('ProtectAlertTopicKey') || actions.has('sns:DeleteTopic')) guarded.push('the root-alert topic and its KMS key');
  if (actions.has('events:DeleteRule') || sids.has('ProtectForwarderRole')) guarded.push('the fast-alert forwarding rule and role');
  if (sids.has('ProtectExemptRoles')) guarded.push('the exempt role names');
  if (guarded.length > 0) parts.push(`protects ${guarded.join(', ')} from all but AWSControlTowerExecution${exemptCount > 0 ? ` and ${exemptCount} more exempt role name(s)` : ''}`);
  const partText = part ? ` Part ${part.part} of ${part.of}.` : '';
  return `root-guard baseline: ${parts.join('; ')}.${partText} Generated by root-guard; do not edit.`;
}
