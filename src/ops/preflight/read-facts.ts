import { type CloudFormationClient, paginateListStackInstances, paginateListStackSets } from '@aws-sdk/client-cloudformation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { type CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, ListParentsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetTopicAttributesCommand, type SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, type GetCallerIdentityCommandOutput, type STSClient } from '@aws-sdk/client-sts';
import { partitionOf } from '../../aws/regions';
import type { RecordedLandingZone } from '../../config/landing-zone-record';
import { plannedLogGroup, readRecordQuietly, readTrail, recordedLandingZone, type PreflightTrail } from './read-trail';
import { expandStackSetTargets, loadOuResolution, ouResolutionPath } from '../../config/ou-resolution';
import type { RootGuardConfig } from '../../config/schema';
import { UserError } from '../../errors';
import { CONTROL_TOWER_EXECUTION_ROLE, resourceNames, securityTopicArn } from '../../plan';
import type { Pacer } from '../aws/api-pacer';
import { mapWithConcurrency } from '../aws/concurrency';
import { CONTROL_TOWER_AGGREGATOR } from '../readers/config-compliance';
import { readRecordedResourceCounts, RESOURCE_COUNTS_API } from '../readers/config-recording';
import { describeAwsError, unreadReason, type UnreadItem } from '../aws/describe-aws-error';
import { listAccounts, listAccountsForParent, listAttachedScps, OuIndex, readOrganization, ROOT_TARGET } from '../organization';
import { expandOuPaths } from '../organization';
import { targetListsToExpand } from '../resolve-ous/resolve-ous';
import { type Attempt, type ManagementRead, NOT_IN_MANAGEMENT, PREFLIGHT_API as API, type Read } from './finding';
import type { BaselineStackSetFacts } from './rules/baseline-stack-set';
import { baselineConfigStackSet } from './rules/baseline-stack-set';
import type { ConfigRecordingFacts } from './rules/config-recording';
import type { CredentialsFacts } from './rules/credentials';
import type { EnrolledAccounts, EnrolmentFacts, TargetedAccounts } from './rules/enrolment';
import type { ExecutionRoleFacts } from './rules/execution-role';
import type { ExecutionRolePolicyFacts } from './rules/execution-role-policy';
import { type InlinePolicySids, readInlinePolicySids } from './read-role-policies';
import type { ExplicitAccountFacts } from './rules/explicit-account-enrolment';
import type { HomeRegionFacts } from './rules/home-region';
import type { LogGroupFacts } from './rules/log-group';
import type { LogGroupProperties, LogGroupPropertiesFacts } from './rules/log-group-properties';
import type { OrganizationFacts } from './rules/organization';
import type { OrganizationTrailFacts } from './rules/organization-trail';
import type { RecordedLogGroupFacts } from './rules/recorded-log-group';
import type { OuPathFacts } from './rules/ou-path';
import type { ExpandedTargetList, OuResolutionFacts } from './rules/ou-resolution';
import type { ScpSlotsFacts, ScpTarget } from './rules/scp-slots';
import type { SecurityTopicFacts } from './rules/security-topic';
import type { CloudWatch1TopicFacts } from './rules/cloudwatch1-topic';
import { readTopicVisibility, TOPIC_VISIBILITY_API } from '../readers/topic-visibility';
import type { ScpReachFacts } from './rules/scp-reach';
import { paced } from '../aws/api-pacer';
import { executionRoleStatements, rootCheckTargets, securityAccountId } from '../../plan';
import { baselinePolicies } from '../../plan/scp-policies';
import { readRootAccessFacts, type RootAccessFacts } from '../root-credentials/root-access-check';

/**
 * Reads from AWS (and root-guard.ous.yaml) everything the preflight rules judge, in the order the
 * checks depend on each other: whose credentials, then the management account's stack sets, log
 * group and role (only with its credentials), the OU tree, the targeted accounts, the SCP slots,
 * the topic. A call that fails becomes a failed {@link Read} and an unread item; nothing here judges.
 */

/** The SDK clients preflight calls; the CLI creates them in the home region. */
export interface PreflightClients {
  readonly sts: STSClient;
  readonly organizations: OrganizationsClient;
  readonly cloudformation: CloudFormationClient;
  readonly logs: CloudWatchLogsClient;
  readonly iam: IAMClient;
  readonly sns: SNSClient;
  readonly cloudtrail: CloudTrailClient;
  /**
   * AWS Config where the aggregator is (`--aggregator-profile`, or the caller's with `--aggregator`);
   * absent: the config-recording check says how to run it.
   */
  readonly aggregatorConfig?: ConfigServiceClient;
}

/** What the rules take, one entry per rule. */
export interface PreflightFacts {
  readonly credentials: CredentialsFacts;
  readonly organization: OrganizationFacts;
  readonly homeRegion: HomeRegionFacts;
  readonly baselineStackSet: BaselineStackSetFacts;
  readonly logGroup: LogGroupFacts;
  readonly logGroupProperties: LogGroupPropertiesFacts;
  readonly organizationTrail: OrganizationTrailFacts;
  readonly recordedLogGroup: RecordedLogGroupFacts;
  readonly executionRole: ExecutionRoleFacts;
  readonly executionRolePolicy: ExecutionRolePolicyFacts;
  readonly ouPath: OuPathFacts;
  readonly ouResolution: OuResolutionFacts;
  readonly enrolment: EnrolmentFacts;
  readonly configRecording: ConfigRecordingFacts;
  readonly explicitAccount: ExplicitAccountFacts;
  readonly scpSlots: ScpSlotsFacts;
  readonly securityTopic: SecurityTopicFacts;
  readonly cloudWatch1Topic: CloudWatch1TopicFacts;
  readonly centralizedRootAccess: RootAccessFacts;
  readonly scpReach: ScpReachFacts;
}

/** Inputs of {@link readPreflightFacts}. */
export interface ReadFactsOptions {
  readonly config: RootGuardConfig;
  readonly configFile: string;
  readonly clients: PreflightClients;
  readonly pacer: Pacer;
  readonly scpLimit: number;
  readonly concurrency: number;
  /** @default CONTROL_TOWER_AGGREGATOR */
  readonly aggregatorName?: string;
  /** The stack set CfCT's CONTROL_TOWER_BASELINE_CONFIG_STACKSET names, when not the default. */
  readonly enrolmentStackSet?: string;
  readonly onProgress?: (done: number, total: number | undefined, label: string) => void;
  /** sts:GetCallerIdentity already sent with `clients.sts` (the CLI sends it before loading the rest); default: sent here. */
  readonly callerIdentity?: Promise<GetCallerIdentityCommandOutput>;
}

/**
 * The facts derived from the config alone (names, ARNs, targets): one place, so that they can come
 * from the plan layer (src/plan/) when it exists.
 */
function configFacts(config: RootGuardConfig, landingZone?: RecordedLandingZone) {
  const names = resourceNames(config.namePrefix);
  return {
    topicArn: securityTopicArn(config),
    topicStackSet: names.topicStackSet,
    baselineScp: names.baselineScp,
    /** The account a stack set names explicitly: the topic's, when the package creates it. */
    explicitAccountId: config.securityTopic.arn ? undefined : config.securityTopic.accountId,
    ouLists: [
      { key: 'rootChecks.organizationalUnits', paths: config.rootChecks.organizationalUnits },
      { key: 'scp.organizationalUnits', paths: config.scp.organizationalUnits },
    ],
    expandedLists: targetListsToExpand(config, landingZone),
  };
}

/** Reads every fact; throws a {@link UserError} only when there are no usable credentials. */
export async function readPreflightFacts(options: ReadFactsOptions): Promise<{ facts: PreflightFacts; unread: UnreadItem[]; caller: { account: string; arn: string } }> {
  const { config, clients, concurrency } = options;
  const record = readRecordQuietly(options.configFile);
  const derived = configFacts(config, record?.organizationTrail?.landingZone);
  const planned = plannedLogGroup(config, record);
  const { logGroupName } = planned;
  const mgmt = config.managementAccountId;
  const region = config.homeRegion;
  const mgmtTarget = `account ${mgmt}`;
  const unread: UnreadItem[] = [];
  /** Makes a call; a failure becomes a failed Read and an unread item. */
  const attempt = async <T>(target: string, api: string, call: () => Promise<T>): Promise<Read<T>> => {
    try {
      return { ok: true, value: await call() };
    } catch (err) {
      const error = describeAwsError(err);
      const failure = { target, api, reason: unreadReason(error), error };
      unread.push({ target, api, reason: failure.reason });
      return { ok: false, failure };
    }
  };

  let caller: { account: string; arn: string };
  try {
    const identity = await (options.callerIdentity ?? clients.sts.send(new GetCallerIdentityCommand({})));
    caller = { account: identity.Account ?? '', arn: identity.Arn ?? '' };
  } catch (err) {
    throw new UserError(`${API.getCallerIdentity}: ${unreadReason(describeAwsError(err))}`);
  }
  const inManagement = caller.account === mgmt;

  const organization = await attempt(mgmtTarget, API.describeOrganization, async () => {
    const org = (await clients.organizations.send(new DescribeOrganizationCommand({}))).Organization;
    return { id: org?.Id, managementAccountId: org?.MasterAccountId };
  });

  // The management account's own resources, read only with its credentials.
  let stackSets: ManagementRead<readonly string[]> = NOT_IN_MANAGEMENT;
  let enrolled: EnrolledAccounts = { kind: 'not-in-management' };
  let logGroup: ManagementRead<LogGroupProperties | 'absent'> = NOT_IN_MANAGEMENT;
  let trail: ManagementRead<PreflightTrail> = NOT_IN_MANAGEMENT;
  let role: ManagementRead<{ trustPolicy: string } | 'absent'> = NOT_IN_MANAGEMENT;
  let rolePolicies: ManagementRead<readonly InlinePolicySids[] | 'absent'> = NOT_IN_MANAGEMENT;
  if (inManagement) {
    stackSets = await attempt(`${mgmtTarget} ${region}`, API.listStackSets, async () => {
      const names: string[] = [];
      for await (const page of paginateListStackSets({ client: clients.cloudformation }, { Status: 'ACTIVE' })) {
        for (const s of page.Summaries ?? []) if (s.StackSetName) names.push(s.StackSetName);
      }
      return names;
    });
    enrolled = await readEnrolled(clients.cloudformation, stackSets, attempt, options.enrolmentStackSet);
    [logGroup, role] = await Promise.all([
      attempt(`${mgmtTarget} ${region}`, API.describeLogGroups, async (): Promise<LogGroupProperties | 'absent'> => {
        let found: LogGroupProperties | 'absent' = 'absent';
        for await (const page of paginateDescribeLogGroups({ client: clients.logs }, { logGroupNamePrefix: logGroupName })) {
          const group = (page.logGroups ?? []).find((g) => g.logGroupName === logGroupName);
          if (group) {
            found = {
              ...(group.logGroupClass ? { logGroupClass: group.logGroupClass } : {}),
              ...(group.deletionProtectionEnabled !== undefined ? { deletionProtectionEnabled: group.deletionProtectionEnabled } : {}),
            };
          }
        }
        return found;
      }),
      readRole(clients.iam, mgmtTarget, attempt),
    ]);
    rolePolicies = !role.ok ? { ok: false, failure: role.failure }
      : role.value === 'absent' ? { ok: true, value: 'absent' } : await readInlinePolicySids(clients.iam, CONTROL_TOWER_EXECUTION_ROLE, mgmtTarget, attempt);
    trail = await readTrail(clients.cloudtrail, `${mgmtTarget} ${region}`, region, attempt);
  }

  // The OU tree, paced like every Organizations read.
  const tree = await attempt('organization root', API.listRoots, async () => {
    const snapshot = await readOrganization(clients.organizations, {
      pacer: options.pacer,
      accounts: false,
      concurrency,
      onProgress: (p) => options.onProgress?.(p.parentsDone, p.parentsKnown, 'OUs'),
    });
    unread.push(...snapshot.unread.map(({ target, api, reason }) => ({ target, api, reason })));
    return new OuIndex(snapshot);
  });
  const index = tree.ok ? tree.value : undefined;

  const expandedLists: ExpandedTargetList[] = derived.expandedLists.map((list) => ({ ...list, committed: readCommitted(options.configFile, list.key, list.targets) }));

  let targeted: TargetedAccounts | undefined;
  if (enrolled.kind === 'read' && index) targeted = await readTargeted(options, index, attempt);

  const scpTargets = index ? await readScpTargets(options, index, attempt) : [];

  const topicTarget = `topic ${derived.topicArn}`;
  const attributes = await attempt(topicTarget, API.getTopicAttributes, async () => {
    try {
      return (await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: derived.topicArn }))).Attributes ?? {};
    } catch (err) {
      if (describeAwsError(err).kind === 'not-found') return 'absent' as const;
      throw err;
    }
  });

  // Security Hub evaluates CloudWatch.1 with the management account: only its credentials answer.
  const visibility = inManagement
    ? await attempt(topicTarget, TOPIC_VISIBILITY_API, () => readTopicVisibility(clients.sns, derived.topicArn, options.pacer))
    : NOT_IN_MANAGEMENT;

  // iam:ListOrganizationsFeatures answers the management account and IAM's delegated administrator;
  // any other caller gets AccountNotManagementOrDelegatedAdministrator, which the rule explains.
  const centralizedRootAccess = await readRootAccessFacts(clients.iam, config, options.pacer);
  if (centralizedRootAccess.features.kind === 'unread') {
    unread.push({ target: 'organization', api: 'iam:ListOrganizationsFeatures', reason: centralizedRootAccess.features.reason });
  }

  const scpReach = await readScpReach(options, index, attempt);

  // Which accounts record with AWS Config, from the aggregator (another account's credentials as a rule).
  const aggregatorName = options.aggregatorName ?? CONTROL_TOWER_AGGREGATOR;
  const aggregatorConfig = clients.aggregatorConfig;
  const recording = aggregatorConfig ? {
    aggregatorName,
    counts: await attempt(`aggregator ${aggregatorName}`, RESOURCE_COUNTS_API, () => readRecordedResourceCounts(aggregatorConfig, aggregatorName, region, options.pacer)),
  } : undefined;

  const who = { managementAccountId: mgmt, callerAccount: caller.account };
  return {
    caller,
    unread,
    facts: {
      credentials: { caller, managementAccountId: mgmt },
      organization: { organization, managementAccountId: mgmt, configFile: options.configFile },
      homeRegion: { ...who, region, stackSets, ...(recordedLandingZone(record)?.arn ? { landingZoneArn: recordedLandingZone(record)!.arn } : {}) },
      baselineStackSet: {
        managementAccountId: mgmt, region, stackSets, rootTarget: config.rootChecks.organizationalUnits.includes('Root'),
        ...(options.enrolmentStackSet ? { configured: options.enrolmentStackSet } : {}),
        ...(recordedLandingZone(record) ? { landingZone: recordedLandingZone(record) } : {}),
      },
      logGroup: { ...who, region, logGroupName, logGroupExists: logGroup === NOT_IN_MANAGEMENT || !logGroup.ok ? logGroup : { ok: true, value: logGroup.value !== 'absent' } },
      logGroupProperties: { region, managementAccountId: mgmt, logGroupName, properties: logGroup },
      organizationTrail: { ...who, region, trail, now: new Date() },
      recordedLogGroup: { ...who, region, trail, planned, recordFile: ouResolutionPath(options.configFile) },
      executionRole: { ...who, role },
      executionRolePolicy: {
        ...who,
        policies: rolePolicies,
        required: executionRoleStatements(config),
        metricFilterLogGroupArn: `arn:${partitionOf(region)}:logs:${region}:${mgmt}:log-group:${logGroupName}`,
      },
      ouPath: { tree, lists: derived.ouLists, configFile: options.configFile },
      ouResolution: { index, lists: expandedLists },
      enrolment: { ...who, enrolled, ...(targeted ? { targeted } : {}) },
      configRecording: {
        region, managementAccountId: mgmt, includeManagementAccount: config.rootChecks.includeManagementAccount, enrolled,
        ...(targeted ? { targeted } : {}), ...(recording ? { recording } : {}),
        landingZone: recordedLandingZone(record),
      },
      explicitAccount: { managementAccountId: mgmt, accountId: derived.explicitAccountId, enrolled, treeRead: index !== undefined },
      scpSlots: { targets: scpTargets, ourPolicyName: derived.baselineScp, scpLimit: options.scpLimit },
      securityTopic: {
        ...who,
        topicArn: derived.topicArn,
        created: !config.securityTopic.arn,
        topicStackSet: derived.topicStackSet,
        securityAccountId: config.securityTopic.accountId,
        attributes,
      },
      cloudWatch1Topic: { ...who, topicArn: derived.topicArn, created: !config.securityTopic.arn, visibility },
      centralizedRootAccess,
      scpReach,
    },
  };
}

/**
 * Where the protected resources live, for the scp-reach rule: the root-check targets (expanded from
 * root-guard.ous.yaml when includeNestedOUs is on; the config's list if that file is missing or
 * stale, which ou-resolution reports) and the OU of the security account (organizations:ListParents).
 */
async function readScpReach(options: ReadFactsOptions, index: OuIndex | undefined, attempt: Attempt): Promise<ScpReachFacts> {
  const { config } = options;
  let memberTargets: readonly string[] = config.rootChecks.organizationalUnits;
  try {
    memberTargets = rootCheckTargets(config, loadOuResolution(options.configFile));
  } catch {
    // A missing or stale root-guard.ous.yaml is the ou-resolution check's finding.
  }
  const security = securityAccountId(config);
  const securityAccount = security === config.managementAccountId ? undefined : {
    id: security,
    parentPath: await attempt(`account ${security}`, 'organizations:ListParents', async () => {
      const parent = (await paced(options.pacer, 'organizations:ListParents', () =>
        options.clients.organizations.send(new ListParentsCommand({ ChildId: security })))).Parents?.[0];
      if (!parent?.Id) throw new Error('organizations:ListParents returned no parent');
      if (parent.Type === 'ROOT') return '';
      const unit = index?.tree.units.find((u) => u.id === parent.Id);
      if (!unit) throw new Error(`OU ${parent.Id} is not in the OU tree read (see the unread OUs)`);
      return unit.path;
    }),
  };
  return {
    protects: config.scp.protectBaseline && baselinePolicies(config).length > 0,
    scpOus: config.scp.organizationalUnits,
    memberTargets,
    ...(securityAccount ? { securityAccount } : {}),
    managementAccountId: config.managementAccountId,
    tamperAlerts: config.tamperAlerts,
    acknowledged: config.acknowledgedGaps ?? [],
  };
}


/** Enrolled = has an instance of the baseline CONFIG stack set: CfCT's own test. */
async function readEnrolled(client: CloudFormationClient, stackSets: Read<readonly string[]>, attempt: Attempt, configured?: string): Promise<EnrolledAccounts> {
  const stackSet = !stackSets.ok ? undefined
    : configured ? (stackSets.value.includes(configured) ? configured : undefined) : baselineConfigStackSet(stackSets.value)?.name;
  if (!stackSet) return { kind: 'not-read' };
  const instances = await attempt(`stack set ${stackSet}`, API.listStackInstances, async () => {
    const accounts = new Set<string>();
    for await (const page of paginateListStackInstances({ client }, { StackSetName: stackSet })) {
      for (const instance of page.Summaries ?? []) if (instance.Account) accounts.add(instance.Account);
    }
    return accounts;
  });
  return instances.ok ? { kind: 'read', accounts: instances.value } : { kind: 'unread', failure: instances.failure };
}

async function readRole(client: IAMClient, target: string, attempt: Attempt): Promise<Read<{ trustPolicy: string } | 'absent'>> {
  return attempt(target, API.getRole, async () => {
    try {
      const role = (await client.send(new GetRoleCommand({ RoleName: CONTROL_TOWER_EXECUTION_ROLE }))).Role;
      return { trustPolicy: decodeURIComponent(role?.AssumeRolePolicyDocument ?? '') };
    } catch (err) {
      if (describeAwsError(err).kind === 'not-found') return 'absent' as const;
      throw err;
    }
  });
}

/** The committed expansion of one list in root-guard.ous.yaml, or why it cannot be used. */
function readCommitted(configFile: string, key: string, targets: readonly string[]): ExpandedTargetList['committed'] {
  try {
    return { ok: true, paths: expandStackSetTargets(key, targets, loadOuResolution(configFile)) };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { ok: false, problems: err.problems };
  }
}

/** The accounts the root checks target: all (Root) or those directly in each target OU. */
async function readTargeted(options: ReadFactsOptions, index: OuIndex, attempt: Attempt): Promise<TargetedAccounts> {
  const { config, clients, pacer } = options;
  const rootChecks = config.rootChecks.organizationalUnits;
  if (rootChecks.includes(ROOT_TARGET)) {
    const accounts = await attempt('organization', API.listAccounts, () =>
      listAccounts(clients.organizations, pacer, (count) => options.onProgress?.(count, undefined, 'accounts')));
    return { kind: 'root', accounts };
  }
  const paths = config.rootChecks.includeNestedOUs ? expandOuPaths(index, rootChecks).paths : rootChecks;
  const units = paths.map((p) => ({ path: p, r: index.resolve(p) })).flatMap(({ path, r }) => (r.kind === 'found' ? [{ path, id: r.unit.id }] : []));
  let done = 0;
  const read = await mapWithConcurrency(units, options.concurrency, async (unit) => {
    const accounts = await attempt(`OU ${unit.path}`, API.listAccountsForParent, () => listAccountsForParent(clients.organizations, pacer, unit.id));
    options.onProgress?.(++done, units.length, 'OU accounts');
    return { path: unit.path, accounts };
  });
  return { kind: 'ous', units: read };
}

/** The SCPs on each resolved target of `scp.organizationalUnits`. */
async function readScpTargets(options: ReadFactsOptions, index: OuIndex, attempt: Attempt): Promise<ScpTarget[]> {
  const targets = options.config.scp.organizationalUnits.flatMap((path) => {
    const r = index.resolve(path);
    if (r.kind === 'root') return [{ path, id: r.id, label: `root ${r.id}` }];
    if (r.kind === 'found') return [{ path, id: r.unit.id, label: `OU ${path}` }];
    return []; // reported by ou-path
  });
  let done = 0;
  return mapWithConcurrency(targets, options.concurrency, async (t) => {
    const attached = await attempt(t.label, API.listPoliciesForTarget, async () =>
      (await listAttachedScps(options.clients.organizations, options.pacer, t.id)).map((p) => p.Name ?? p.Id ?? '?'));
    options.onProgress?.(++done, targets.length, 'SCP targets');
    return { path: t.path, label: t.label, attached };
  });
}
