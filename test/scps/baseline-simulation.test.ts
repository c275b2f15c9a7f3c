/**
 * Proof of the baseline SCPs with an IAM policy simulator (@cloud-copilot/iam-simulate, AGPL:
 * tests only) over root → OU → account, FullAWSAccess on every level, the baseline on the OU.
 *
 * The scenarios are written by hand from what the issue requires, not derived from the policy:
 * member root denied a spread of actions, AssumeRoot sessions allowed their task actions, the
 * Control Tower execution role and the configured extra exempt roles allowed to manage the baseline,
 * a `stacksets-exec-*` role (a name a member admin can create; CfCT does not deploy with it) denied,
 * an ordinary admin allowed its work but denied every way of tampering with the baseline, including
 * creating or taking over a role named like an exempt principal. The mutation test then
 * removes each statement, action, resource and condition in turn and requires a scenario to change.
 */
import { validateServiceControlPolicy } from '@cloud-copilot/iam-policy';
import { resourceNames } from '../../src/plan/names';
import { type BaselineScpOptions, buildBaselinePolicies, type ScpPolicy } from '../../src/scps/baseline';
import { mutationsOf, statementCanApply } from './support/mutations';
import {
  type AttachedScp,
  assumeRootCaller,
  type Caller,
  ORG,
  type PolicyJson,
  roleCaller,
  rootCaller,
  simulate,
  type SimRequest,
} from './support/org-simulator';

const PREFIX = 'root-guard';
const HOME = 'us-east-1';
const names = resourceNames(PREFIX);
const fast = resourceNames(PREFIX);
const W = ORG.workloadAccount;
const S = ORG.securityAccount;

type Sid =
  | 'DenyRootUser'
  | 'DenyRootAccessKeys'
  | 'ProtectBaselineStacks'
  | 'ProtectBaselineConfigRules'
  | 'ProtectAlertTopic'
  | 'ProtectAlertTopicKey'
  | 'ProtectAlertTopicKeyAlias'
  | 'ProtectForwarderRule'
  | 'ProtectForwarderRole'
  | 'ProtectExemptRoles'
  | 'ProtectTamperBus'
  | 'DenyLeaveOrganization';

/**
 * The statement each protection is written in: protections of single services with the same condition
 * are one statement, `ProtectBaseline` (src/scps/baseline.ts, mergeByService).
 */
const WRITTEN_IN: Record<Sid, string> = {
  DenyRootUser: 'DenyRootUser',
  DenyRootAccessKeys: 'DenyRootAccessKeys',
  ProtectBaselineStacks: 'ProtectBaseline',
  ProtectBaselineConfigRules: 'ProtectBaseline',
  ProtectAlertTopic: 'ProtectBaseline',
  ProtectAlertTopicKey: 'ProtectAlertTopicKey',
  ProtectAlertTopicKeyAlias: 'ProtectBaseline',
  ProtectForwarderRule: 'ProtectBaseline',
  ProtectForwarderRole: 'ProtectForwarderRole',
  ProtectExemptRoles: 'ProtectExemptRoles',
  ProtectTamperBus: 'ProtectBaseline',
  DenyLeaveOrganization: 'DenyLeaveOrganization',
};

/** The tamper alerts' receiver in the security account: its bus and its own topic (on by default). */
const TAMPER_RECEIVER = { eventBusName: names.tamperBus, topic: { name: names.tamperTopic, keyAlias: names.tamperTopicKeyAlias } };

/** The extra exempt roles of the default configuration: AFT's role by name, LZA-style roles by prefix. */
const EXEMPT = ['AWSAFTExecution', 'cdk-accel-cfn-exec-*'];

function options(overrides: Partial<BaselineScpOptions> = {}): BaselineScpOptions {
  return {
    namePrefix: PREFIX,
    homeRegion: HOME,
    denyRootActions: true,
    denyRootAccessKeys: true,
    protectBaseline: true,
    protect: {
      stackSetNames: [names.rootChecksStackSet, names.topicStackSet, fast.eventBusStackSet],
      configRules: true,
      topic: { name: names.topic, keyAlias: names.topicKeyAlias },
      forwarder: { ruleName: fast.forwarderRule, roleNamePattern: fast.forwarderRoleNamePattern },
      tamperReceiver: TAMPER_RECEIVER,
    },
    exemptRoleNames: EXEMPT,
    ...overrides,
  };
}

/** The protections of a config with fast alerts off (the fixture config's). */
const WITHOUT_FAST_ALERTS: BaselineScpOptions['protect'] = {
  stackSetNames: [names.rootChecksStackSet, names.topicStackSet, names.tamperReceiverStackSet],
  configRules: true,
  topic: { name: names.topic, keyAlias: names.topicKeyAlias },
  tamperReceiver: TAMPER_RECEIVER,
};

/** The statements each switch is specified to add (the list, written independently of the builder). */
function expectedSids(o: BaselineScpOptions): Set<Sid> {
  const sids = new Set<Sid>();
  if (o.denyRootActions) sids.add('DenyRootUser');
  if (o.denyRootAccessKeys) sids.add('DenyRootAccessKeys');
  if (o.protectBaseline) {
    if (o.protect.stackSetNames.length > 0) sids.add('ProtectBaselineStacks');
    if (o.protect.configRules) sids.add('ProtectBaselineConfigRules');
    if (o.protect.topic || o.protect.tamperReceiver) ['ProtectAlertTopic', 'ProtectAlertTopicKey', 'ProtectAlertTopicKeyAlias'].forEach((s) => sids.add(s as Sid));
    if (o.protect.forwarder) ['ProtectForwarderRule', 'ProtectForwarderRole'].forEach((s) => sids.add(s as Sid));
    if (o.protect.tamperReceiver) sids.add('ProtectTamperBus');
    if (sids.size > 0 && [...sids].some((s) => s.startsWith('Protect'))) sids.add('ProtectExemptRoles');
    sids.add('DenyLeaveOrganization');
  }
  return sids;
}

// ---- Resources (documentation values) -------------------------------------------------------
const RULE_ARN = `arn:aws:config:${HOME}:${W}:config-rule/config-rule-a1b2c3`;
const RULE_ARN_OTHER_REGION = `arn:aws:config:eu-west-1:${W}:config-rule/config-rule-d4e5f6`;
const ROOT_CHECKS_STACK = `arn:aws:cloudformation:${HOME}:${W}:stack/StackSet-CustomControlTower-${names.rootChecksStackSet}-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/11111111-2222-3333-4444-555555555555`;
const TOPIC_STACK = `arn:aws:cloudformation:${HOME}:${S}:stack/StackSet-CustomControlTower-${names.topicStackSet}-1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809/66666666-7777-8888-9999-000000000000`;
const OTHER_CFCT_STACK = `arn:aws:cloudformation:${HOME}:${W}:stack/StackSet-CustomControlTower-network-baseline-2b3c4d5e-6f70-8192-a3b4-c5d6e7f8091a/12121212-3434-5656-7878-909090909090`;
const APP_STACK = `arn:aws:cloudformation:${HOME}:${W}:stack/app-pipeline/abababab-cdcd-efef-0101-232323232323`;
const TOPIC_ARN = `arn:aws:sns:${HOME}:${S}:${names.topic}`;
const OTHER_TOPIC_ARN = `arn:aws:sns:${HOME}:${S}:app-notifications`;
const KEY_ARN = `arn:aws:kms:${HOME}:${S}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KEY_ARN = `arn:aws:kms:${HOME}:${S}:key/0987dcba-09ba-87dc-65fe-0987654321ba`;
const ALIAS_ARN = `arn:aws:kms:${HOME}:${S}:${names.topicKeyAlias}`;
const OUR_KEY = { 'kms:ResourceAliases': [names.topicKeyAlias] };
const TAMPER_TOPIC_ARN = `arn:aws:sns:${HOME}:${S}:${names.tamperTopic}`;
const TAMPER_KEY = { 'kms:ResourceAliases': [names.tamperTopicKeyAlias] };
const TAMPER_BUS = `arn:aws:events:${HOME}:${S}:event-bus/${names.tamperBus}`;
const TAMPER_BUS_RULE = `arn:aws:events:${HOME}:${S}:rule/${names.tamperBus}/${names.tamperPrefix}-alarms`;
const OTHER_BUS = `arn:aws:events:${HOME}:${S}:event-bus/app-bus`;
const ORGANIZATION = '*';
const OTHER_KEY = { 'kms:ResourceAliases': ['alias/app-data'] };
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const QUEUE = `arn:aws:sqs:${HOME}:${W}:app-queue`;
const BUS_STACK = `arn:aws:cloudformation:${HOME}:${S}:stack/StackSet-CustomControlTower-${fast.eventBusStackSet}-3c4d5e6f-7081-92a3-b4c5-d6e7f8091a2b/13131313-2424-3535-4646-575757575757`;
const FORWARDER_STACK = `arn:aws:cloudformation:eu-west-1:${W}:stack/StackSet-CustomControlTower-${names.rootChecksStackSet}-4d5e6f70-8192-a3b4-c5d6-e7f8091a2b3c/68686868-7979-8080-9191-a2a2a2a2a2a2`;
/** The forwarding rule on the default bus, in the home region and in another fast-alert Region. */
const FORWARDER_RULE = `arn:aws:events:${HOME}:${W}:rule/${fast.forwarderRule}`;
const FORWARDER_RULE_OTHER_REGION = `arn:aws:events:ap-southeast-2:${W}:rule/${fast.forwarderRule}`;
/** A rule of the same name on another bus is not the package's (the package's is on the default bus). */
const SAME_NAME_ON_CUSTOM_BUS = `arn:aws:events:${HOME}:${W}:rule/app-bus/${fast.forwarderRule}`;
const OTHER_RULE = `arn:aws:events:${HOME}:${W}:rule/app-nightly-report`;
/** The forwarder roles are `<prefix>-<region>`: one per Region, IAM being global. */
const FORWARDER_ROLE = `arn:aws:iam::${W}:role/${fast.forwarderRolePrefix}-${HOME}`;
const FORWARDER_ROLE_OTHER_REGION = `arn:aws:iam::${W}:role/${fast.forwarderRolePrefix}-ap-southeast-2`;
const OTHER_ROLE = `arn:aws:iam::${W}:role/app-role`;
/** Roles named like exempt principals, in a member account. */
const CT_EXECUTION_ROLE = `arn:aws:iam::${W}:role/AWSControlTowerExecution`;
const AFT_ROLE = `arn:aws:iam::${W}:role/AWSAFTExecution`;
const LZA_ROLE = `arn:aws:iam::${W}:role/cdk-accel-cfn-exec-111111111111-us-east-1`;
/** The simulator needs an ARN of the action's resource type (`user`) for IAM credential actions; the root statements use Resource "*". */
const IAM_USER = `arn:aws:iam::${W}:user/ci-deployer`;

// ---- Callers ----------------------------------------------------------------------------------
const allow = (actions: string[]): PolicyJson => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

/**
 * AssumeRoot task policies, modelled on AWS's descriptions of the five root-task policies
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html; IAM user guide
 * "Perform a privileged task on an AWS Organizations member account"). The point under test is that
 * SCPs still apply in these sessions, so the baseline must leave the task actions allowed.
 */
const TASKS = {
  S3UnlockBucketPolicy: allow(['s3:GetBucketPolicy', 's3:DeleteBucketPolicy']),
  SQSUnlockQueuePolicy: allow(['sqs:GetQueueAttributes', 'sqs:SetQueueAttributes']),
  IAMDeleteRootUserCredentials: allow(['iam:DeleteLoginProfile', 'iam:DeleteAccessKey', 'iam:DeactivateMFADevice', 'iam:DeleteSigningCertificate', 'iam:ListAccessKeys']),
  IAMCreateRootUserPassword: allow(['iam:CreateLoginProfile', 'iam:GetLoginProfile']),
  IAMAuditRootUserCredentials: allow(['iam:GetLoginProfile', 'iam:ListAccessKeys', 'iam:ListMFADevices', 'iam:GetAccessKeyLastUsed']),
};

const root = rootCaller(W);
const ctExecution = (account: string) => roleCaller(`AWSControlTowerExecution in ${account}`, account, 'AWSControlTowerExecution');
const stacksetsExec = (account: string) => roleCaller(`stacksets-exec role in ${account}`, account, 'stacksets-exec-0123456789abcdef0123456789abcdef');
const aftExecution = (account: string) => roleCaller(`AWSAFTExecution in ${account}`, account, 'AWSAFTExecution');
const lzaExecution = (account: string) => roleCaller(`cdk-accel-cfn-exec role in ${account}`, account, 'cdk-accel-cfn-exec-111111111111-us-east-1');
/** The security topic's protections apply only when the package creates it; the tamper topic's when tamper alerts are on. */
const createsTopic = (o: BaselineScpOptions) => o.protect.topic !== undefined;
const receivesTamper = (o: BaselineScpOptions) => o.protect.tamperReceiver !== undefined;
/** An extra exempt role is exempt only when the options list it. */
const exempts = (name: string) => (o: BaselineScpOptions) => (o.exemptRoleNames ?? []).includes(name);
const admin = (account: string) => roleCaller(`SSO administrator in ${account}`, account, 'AWSReservedSSO_AdministratorAccess_0123456789abcdef', { path: 'aws-reserved/sso.amazonaws.com/' });

// ---- Scenarios --------------------------------------------------------------------------------
interface Scenario {
  readonly name: string;
  readonly caller: Caller;
  readonly request: SimRequest;
  /** Denied when any of these statements is in the baseline; allowed otherwise. */
  readonly deniedBy?: readonly Sid[];
  /** And only when this holds for the options (e.g. the stack set is one the options protect). */
  readonly deniedOnlyIf?: (o: BaselineScpOptions) => boolean;
  /** Allowed whatever the statements when this holds (e.g. the caller is an extra exempt role). */
  readonly allowedIf?: (o: BaselineScpOptions) => boolean;
}

const req = (action: string, resource: string, context?: SimRequest['context']): SimRequest => ({ action, resource, context });

const ROOT_ACTIONS: [string, string][] = [
  ['ec2:RunInstances', `arn:aws:ec2:${HOME}:${W}:instance/i-0abcd1234efgh5678`],
  ['s3:DeleteBucket', BUCKET],
  ['s3:PutBucketPolicy', BUCKET],
  ['iam:CreateUser', IAM_USER],
  ['iam:DeleteRole', `arn:aws:iam::${W}:role/app-role`],
  ['cloudtrail:StopLogging', `arn:aws:cloudtrail:${HOME}:${W}:trail/app-trail`],
  ['kms:ScheduleKeyDeletion', `arn:aws:kms:${HOME}:${W}:key/5555aaaa-55aa-55aa-55aa-5555aaaa5555`],
];

const scenarios: Scenario[] = [
  // The member root user, with its own credentials.
  ...ROOT_ACTIONS.map(([action, resource]): Scenario => ({ name: `denies the member root user ${action}`, caller: root, request: req(action, resource), deniedBy: ['DenyRootUser'] })),
  { name: 'denies the member root user organizations:LeaveOrganization (a wildcard-only action)', caller: root, request: req('organizations:LeaveOrganization', ORGANIZATION), deniedBy: ['DenyRootUser', 'DenyLeaveOrganization'] },
  { name: 'denies the member root user iam:CreateAccessKey', caller: root, request: req('iam:CreateAccessKey', IAM_USER), deniedBy: ['DenyRootUser', 'DenyRootAccessKeys'] },
  { name: 'denies the member root user deleting a baseline Config rule', caller: root, request: req('config:DeleteConfigRule', RULE_ARN), deniedBy: ['DenyRootUser', 'ProtectBaselineConfigRules'] },

  // AssumeRoot sessions: their task actions stay allowed.
  ...Object.entries(TASKS).flatMap(([task, policy]) => (policy.Statement[0] as { Action: string[] }).Action.map((action): Scenario => ({
    name: `allows an AssumeRoot session (${task}) ${action}`,
    caller: assumeRootCaller(W, task, policy),
    request: req(action, action.startsWith('s3:') ? BUCKET : action.startsWith('sqs:') ? QUEUE : IAM_USER),
  }))),
  {
    // No task policy grants it today; the statement makes the SCP itself guarantee it.
    name: 'denies creating root access keys even in an AssumeRoot session whose task policy would allow it',
    caller: assumeRootCaller(W, 'a hypothetical task policy', allow(['iam:CreateAccessKey'])),
    request: req('iam:CreateAccessKey', IAM_USER),
    deniedBy: ['DenyRootAccessKeys'],
  },

  // The deployment roles manage the baseline: AWSControlTowerExecution always, the extra exempt roles when
  // listed (AWSAFTExecution by name, cdk-accel-cfn-exec-* by prefix); a stacksets-exec-* role never.
  ...([
    [ctExecution, undefined],
    [aftExecution, exempts('AWSAFTExecution')],
    [lzaExecution, exempts('cdk-accel-cfn-exec-*')],
    [stacksetsExec, () => false],
  ] as const).flatMap(([who, exempt]): Scenario[] => ([
    ['ProtectBaselineStacks', `allows ${who(W).label} to update the root-checks stack instance`, who(W), req('cloudformation:UpdateStack', ROOT_CHECKS_STACK)],
    ['ProtectBaselineStacks', `allows ${who(W).label} to delete the root-checks stack instance`, who(W), req('cloudformation:DeleteStack', ROOT_CHECKS_STACK)],
    ['ProtectBaselineConfigRules', `allows ${who(W).label} to create and update Config rules`, who(W), req('config:PutConfigRule', RULE_ARN)],
    ['ProtectBaselineConfigRules', `allows ${who(W).label} to delete Config rules`, who(W), req('config:DeleteConfigRule', RULE_ARN)],
    ['ProtectAlertTopic', `allows ${who(S).label} to update the alert topic`, who(S), req('sns:SetTopicAttributes', TOPIC_ARN)],
    ['ProtectAlertTopic', `allows ${who(S).label} to delete the alert topic`, who(S), req('sns:DeleteTopic', TOPIC_ARN)],
    ['ProtectAlertTopicKey', `allows ${who(S).label} to change the topic key's policy`, who(S), req('kms:PutKeyPolicy', KEY_ARN, OUR_KEY)],
    ['ProtectAlertTopicKey', `allows ${who(S).label} to schedule the topic key's deletion`, who(S), req('kms:ScheduleKeyDeletion', KEY_ARN, OUR_KEY)],
    ['ProtectAlertTopicKeyAlias', `allows ${who(S).label} to delete the topic key's alias`, who(S), req('kms:DeleteAlias', ALIAS_ARN)],
    ['ProtectForwarderRule', `allows ${who(W).label} to create and update the forwarding rule`, who(W), req('events:PutRule', FORWARDER_RULE)],
    ['ProtectForwarderRule', `allows ${who(W).label} to set the forwarding rule's target`, who(W), req('events:PutTargets', FORWARDER_RULE)],
    ['ProtectForwarderRule', `allows ${who(W).label} to delete the forwarding rule`, who(W), req('events:DeleteRule', FORWARDER_RULE)],
    ['ProtectForwarderRole', `allows ${who(W).label} to write the forwarder role's policy`, who(W), req('iam:PutRolePolicy', FORWARDER_ROLE)],
    ['ProtectForwarderRole', `allows ${who(W).label} to delete the forwarder role`, who(W), req('iam:DeleteRole', FORWARDER_ROLE)],
    ['ProtectExemptRoles', `allows ${who(W).label} to change the trust of AWSControlTowerExecution`, who(W), req('iam:UpdateAssumeRolePolicy', CT_EXECUTION_ROLE)],
    ['ProtectTamperBus', `allows ${who(S).label} to update the tamper bus`, who(S), req('events:UpdateEventBus', TAMPER_BUS)],
    ['ProtectTamperBus', `allows ${who(S).label} to update a formatting rule on the tamper bus`, who(S), req('events:PutTargets', TAMPER_BUS_RULE)],
    ['DenyLeaveOrganization', `allows ${who(W).label} to leave the organization`, who(W), req('organizations:LeaveOrganization', ORGANIZATION)],
    ['ProtectExemptRoles', `allows ${who(W).label} to add a policy to AWSControlTowerExecution`, who(W), req('iam:PutRolePolicy', CT_EXECUTION_ROLE)],
  ] as const).map(([sid, name, caller, request]): Scenario => (exempt === undefined
    ? { name, caller, request }
    : {
      name: name.replace(/^allows/, who === stacksetsExec ? 'denies' : 'allows, when listed,'),
      caller,
      request,
      deniedBy: [sid],
      allowedIf: exempt,
      // The security topic's statements exist only where the package creates it.
      ...(sid.startsWith('ProtectAlertTopic') ? { deniedOnlyIf: createsTopic } : {}),
    }))),
  // A member admin cannot make itself an exempt principal (the role-name protection).
  ...['iam:AttachRolePolicy', 'iam:CreateRole', 'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy']
    .map((action): Scenario => ({ name: `denies an admin ${action} on AWSControlTowerExecution`, caller: admin(W), request: req(action, CT_EXECUTION_ROLE), deniedBy: ['ProtectExemptRoles'] })),
  { name: 'denies an admin creating a role named like the exempt AFT role', caller: admin(W), request: req('iam:CreateRole', AFT_ROLE), deniedBy: ['ProtectExemptRoles'], deniedOnlyIf: exempts('AWSAFTExecution') },
  { name: 'denies an admin creating a role under the exempt cdk-accel-cfn-exec-* prefix', caller: admin(W), request: req('iam:CreateRole', LZA_ROLE), deniedBy: ['ProtectExemptRoles'], deniedOnlyIf: exempts('cdk-accel-cfn-exec-*') },
  { name: 'allows an admin to create a stacksets-exec-* role (no longer exempt, so no bypass)', caller: admin(W), request: req('iam:CreateRole', `arn:aws:iam::${W}:role/stacksets-exec-0123456789abcdef0123456789abcdef`) },
  { name: 'allows an admin to create its own roles', caller: admin(W), request: req('iam:CreateRole', OTHER_ROLE) },

  // An ordinary administrator: its work is allowed ...
  { name: 'allows an admin ec2:RunInstances', caller: admin(W), request: req('ec2:RunInstances', `arn:aws:ec2:${HOME}:${W}:instance/i-0abcd1234efgh5678`) },
  { name: 'allows an admin s3:DeleteBucket', caller: admin(W), request: req('s3:DeleteBucket', BUCKET) },
  { name: 'allows an admin to create access keys for an IAM user', caller: admin(W), request: req('iam:CreateAccessKey', IAM_USER) },
  { name: 'allows an admin Config rule changes outside the home region', caller: admin(W), request: req('config:PutConfigRule', RULE_ARN_OTHER_REGION) },
  { name: 'allows an admin to delete its own stacks', caller: admin(W), request: req('cloudformation:DeleteStack', APP_STACK) },
  { name: "allows an admin to update another CfCT customization's stack", caller: admin(W), request: req('cloudformation:UpdateStack', OTHER_CFCT_STACK) },
  { name: 'allows an admin to read the root-checks stack', caller: admin(W), request: req('cloudformation:DescribeStacks', ROOT_CHECKS_STACK) },
  { name: 'allows an admin to delete other topics', caller: admin(S), request: req('sns:DeleteTopic', OTHER_TOPIC_ARN) },
  { name: 'allows an admin to add a subscriber to the alert topic', caller: admin(S), request: req('sns:Subscribe', TOPIC_ARN) },
  { name: 'allows an admin to schedule deletion of other keys', caller: admin(S), request: req('kms:ScheduleKeyDeletion', OTHER_KEY_ARN, OTHER_KEY) },
  { name: 'allows an admin to use the topic key', caller: admin(S), request: req('kms:Decrypt', KEY_ARN, OUR_KEY) },
  { name: 'allows an admin to change its own EventBridge rules', caller: admin(W), request: req('events:PutRule', OTHER_RULE) },
  { name: 'allows an admin to disable its own EventBridge rules', caller: admin(W), request: req('events:DisableRule', OTHER_RULE) },
  { name: 'allows an admin a rule of the same name on another bus', caller: admin(W), request: req('events:DeleteRule', SAME_NAME_ON_CUSTOM_BUS) },
  { name: 'allows an admin to read the forwarding rule and its targets', caller: admin(W), request: req('events:ListTargetsByRule', FORWARDER_RULE) },
  { name: 'allows an admin to change its own roles', caller: admin(W), request: req('iam:PutRolePolicy', OTHER_ROLE) },
  { name: 'allows an admin to read the forwarder role', caller: admin(W), request: req('iam:GetRole', FORWARDER_ROLE) },

  // ... and every way of tampering with the baseline is denied.
  ...[
    'cloudformation:CancelUpdateStack', 'cloudformation:ContinueUpdateRollback', 'cloudformation:CreateChangeSet',
    'cloudformation:CreateStackRefactor', 'cloudformation:DeleteStack', 'cloudformation:ExecuteChangeSet',
    'cloudformation:ExecuteStackRefactor', 'cloudformation:RollbackStack', 'cloudformation:SetStackPolicy',
    'cloudformation:UpdateStack', 'cloudformation:UpdateTerminationProtection',
  ].map((action): Scenario => ({ name: `denies an admin ${action} on the root-checks stack instance`, caller: admin(W), request: req(action, ROOT_CHECKS_STACK), deniedBy: ['ProtectBaselineStacks'] })),
  {
    name: 'denies an admin deleting the alert-topic stack instance',
    caller: admin(S),
    request: req('cloudformation:DeleteStack', TOPIC_STACK),
    deniedBy: ['ProtectBaselineStacks'],
    deniedOnlyIf: (o) => o.protect.stackSetNames.includes(names.topicStackSet),
  },
  {
    name: 'denies an admin deleting the central event bus stack instance',
    caller: admin(S),
    request: req('cloudformation:DeleteStack', BUS_STACK),
    deniedBy: ['ProtectBaselineStacks'],
    deniedOnlyIf: (o) => o.protect.stackSetNames.includes(fast.eventBusStackSet),
  },
  {
    name: 'denies an admin deleting the member stack instance in a fast-alert Region (the forwarder)',
    caller: admin(W),
    request: req('cloudformation:DeleteStack', FORWARDER_STACK),
    deniedBy: ['ProtectBaselineStacks'],
    deniedOnlyIf: (o) => o.protect.stackSetNames.includes(names.rootChecksStackSet),
  },
  ...['config:PutConfigRule', 'config:DeleteConfigRule', 'config:DeleteEvaluationResults'].map((action): Scenario => ({
    name: `denies an admin ${action} on a home-region Config rule`, caller: admin(W), request: req(action, RULE_ARN), deniedBy: ['ProtectBaselineConfigRules'],
  })),
  ...['sns:AddPermission', 'sns:DeleteTopic', 'sns:PutDataProtectionPolicy', 'sns:RemovePermission', 'sns:SetSubscriptionAttributes', 'sns:SetTopicAttributes', 'sns:Unsubscribe']
    .map((action): Scenario => ({ name: `denies an admin ${action} on the alert topic`, caller: admin(S), request: req(action, TOPIC_ARN), deniedBy: ['ProtectAlertTopic'], deniedOnlyIf: createsTopic })),
  ...['kms:DisableKey', 'kms:DisableKeyRotation', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion']
    .map((action): Scenario => ({ name: `denies an admin ${action} on the topic key`, caller: admin(S), request: req(action, KEY_ARN, OUR_KEY), deniedBy: ['ProtectAlertTopicKey'], deniedOnlyIf: createsTopic })),
  ...['kms:DeleteAlias', 'kms:UpdateAlias']
    .map((action): Scenario => ({ name: `denies an admin ${action} on the topic key's alias`, caller: admin(S), request: req(action, ALIAS_ARN), deniedBy: ['ProtectAlertTopicKeyAlias'], deniedOnlyIf: createsTopic })),
  // The tamper receiver in the security account: its topic, key and bus (docs/tamper-alerts.md).
  ...['sns:DeleteTopic', 'sns:RemovePermission', 'sns:SetTopicAttributes', 'sns:Unsubscribe']
    .map((action): Scenario => ({ name: `denies an admin ${action} on the security account's tamper topic`, caller: admin(S), request: req(action, TAMPER_TOPIC_ARN), deniedBy: ['ProtectAlertTopic'], deniedOnlyIf: receivesTamper })),
  ...['kms:DisableKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion']
    .map((action): Scenario => ({ name: `denies an admin ${action} on the tamper topic's key`, caller: admin(S), request: req(action, KEY_ARN, TAMPER_KEY), deniedBy: ['ProtectAlertTopicKey'], deniedOnlyIf: receivesTamper })),
  // events:PutPermission / RemovePermission have no resource type (Resource "*" only): no SCP can single out
  // the tamper bus's policy; the tamper filters report them (docs/tamper-alerts.md).
  { name: "denies an admin kms:DeleteAlias on the tamper topic key's alias", caller: admin(S), request: req('kms:DeleteAlias', `arn:aws:kms:${HOME}:${S}:${names.tamperTopicKeyAlias}`), deniedBy: ['ProtectAlertTopicKeyAlias'], deniedOnlyIf: receivesTamper },
  ...['events:DeleteEventBus', 'events:UpdateEventBus']
    .map((action): Scenario => ({ name: `denies an admin ${action} on the tamper bus`, caller: admin(S), request: req(action, TAMPER_BUS), deniedBy: ['ProtectTamperBus'] })),
  ...['events:DeleteRule', 'events:DisableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets']
    .map((action): Scenario => ({ name: `denies an admin ${action} on a formatting rule of the tamper bus`, caller: admin(S), request: req(action, TAMPER_BUS_RULE), deniedBy: ['ProtectTamperBus'] })),
  { name: 'allows an admin to change its own event buses', caller: admin(S), request: req('events:UpdateEventBus', OTHER_BUS) },
  { name: 'denies an admin leaving the organization', caller: admin(W), request: req('organizations:LeaveOrganization', ORGANIZATION), deniedBy: ['DenyLeaveOrganization'] },
  ...['events:DeleteRule', 'events:DisableRule', 'events:EnableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets']
    .map((action): Scenario => ({ name: `denies an admin ${action} on the forwarding rule`, caller: admin(W), request: req(action, FORWARDER_RULE), deniedBy: ['ProtectForwarderRule'] })),
  { name: 'denies an admin disabling the forwarding rule in another Region', caller: admin(W), request: req('events:DisableRule', FORWARDER_RULE_OTHER_REGION), deniedBy: ['ProtectForwarderRule'] },
  ...['iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy']
    .map((action): Scenario => ({ name: `denies an admin ${action} on the forwarder role`, caller: admin(W), request: req(action, FORWARDER_ROLE), deniedBy: ['ProtectForwarderRole'] })),
  { name: "denies an admin deleting another Region's forwarder role", caller: admin(W), request: req('iam:DeleteRole', FORWARDER_ROLE_OTHER_REGION), deniedBy: ['ProtectForwarderRole'] },
  { name: 'denies the member root user deleting the forwarding rule', caller: root, request: req('events:DeleteRule', FORWARDER_RULE), deniedBy: ['DenyRootUser', 'ProtectForwarderRule'] },
];

const attached = (policies: readonly ScpPolicy[]): AttachedScp[] => policies.map((p) => ({ name: p.name, document: p.document as unknown as PolicyJson }));

function expectedResult(scenario: Scenario, o: BaselineScpOptions): 'Allowed' | 'ExplicitlyDenied' {
  if (scenario.allowedIf?.(o)) return 'Allowed';
  const sids = expectedSids(o);
  const denied = scenario.deniedBy?.some((sid) => sids.has(sid)) && (scenario.deniedOnlyIf?.(o) ?? true);
  return denied ? 'ExplicitlyDenied' : 'Allowed';
}

// ---- Tests ------------------------------------------------------------------------------------
const CONFIGURATIONS: Record<string, BaselineScpOptions> = {
  'every switch on (the defaults)': options(),
  'denyRootActions off': options({ denyRootActions: false }),
  'denyRootAccessKeys off': options({ denyRootAccessKeys: false }),
  'protectBaseline off': options({ protectBaseline: false }),
  'fast alerts off (no forwarder to protect)': options({ protect: WITHOUT_FAST_ALERTS }),
  'an existing topic (nothing to protect in the security account)': options({ protect: { stackSetNames: [names.rootChecksStackSet], configRules: true } }),
  'an existing topic, tamper alerts on (the tamper receiver only)': options({ protect: { stackSetNames: [names.rootChecksStackSet, names.tamperReceiverStackSet], configRules: true, tamperReceiver: TAMPER_RECEIVER } }),
  'no extra exempt roles': options({ exemptRoleNames: [] }),
};

describe.each(Object.entries(CONFIGURATIONS))('baseline SCP with %s', (_label, o) => {
  const policies = buildBaselinePolicies(o);
  const sids = expectedSids(o);

  test('is valid SCP syntax for the simulator\'s validator, and holds exactly the statements of the switches', () => {
    for (const policy of policies) expect(validateServiceControlPolicy(policy.document)).toEqual([]);
    const present = policies.flatMap((p) => p.document.Statement.map((s) => s.Sid));
    expect(new Set(present)).toEqual(new Set([...sids].map((sid) => WRITTEN_IN[sid])));
  });

  test.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const outcome = await simulate(attached(policies), scenario.caller, scenario.request);
    const expected = expectedResult(scenario, o);
    expect(outcome.result).toBe(expected);
    if (expected === 'ExplicitlyDenied') {
      // Denied by the statement that is meant to deny it, not by accident.
      const deniers = outcome.deniedBy.map((d) => d.split('/')[1]);
      expect(scenario.deniedBy?.some((sid) => deniers.includes(WRITTEN_IN[sid]))).toBe(true);
    }
  });
});

describe('every statement, action, resource and condition of the baseline is load-bearing', () => {
  const policies = attached(buildBaselinePolicies(options()));
  const mutations = mutationsOf(policies);

  test('there is something to mutate', () => {
    expect(mutations.length).toBeGreaterThan(40);
  });

  test.each(mutations.map((m) => [m.label, m] as const))('without %s, a scenario changes', async (_label, mutation) => {
    const candidates = scenarios.filter((s) => statementCanApply(mutation.statement, s.request.action, s.request.resource));
    let changed: string | undefined;
    for (const scenario of candidates) {
      const outcome = await simulate(mutation.scps, scenario.caller, scenario.request);
      if (outcome.result !== expectedResult(scenario, options())) {
        changed = scenario.name;
        break;
      }
    }
    expect(changed).toBeDefined();
  });
});

describe('the simulator harness itself', () => {
  test('allows every scenario without the baseline: each denial above comes from the baseline, not from a missing identity or key policy', async () => {
    for (const scenario of scenarios) {
      const outcome = await simulate([], scenario.caller, scenario.request);
      expect([scenario.name, outcome.result]).toEqual([scenario.name, 'Allowed']);
    }
  });
});
