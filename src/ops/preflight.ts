import { type CloudFormationClient, paginateListStackInstances, paginateListStackSets } from '@aws-sdk/client-cloudformation';
import { type CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, type OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { GetTopicAttributesCommand, type SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { expandStackSetTargets, loadOuResolution, OU_RESOLUTION_FILE } from '../config/ou-resolution';
import type { RootGuardConfig } from '../config/schema';
import { UserError } from '../errors';
import { CONTROL_TOWER_EXECUTION_ROLE, CONTROL_TOWER_LOG_GROUP, CONTROL_TOWER_STACKSET_ROLE_PATH, resourceNames, securityTopicArn } from '../plan';
import { mapWithConcurrency } from './concurrency';
import { describeAwsError, unreadReason, type UnreadItem } from './describe-aws-error';
import {
  type AccountSummary,
  compareText,
  DEFAULT_CONCURRENCY,
  describeUnresolved,
  expandOuPaths,
  listAccountsForParent,
  listAttachedScps,
  listSome,
  OrganizationIndex,
  ORGANIZATIONS_API,
  readOrganizationTree,
  ROOT_TARGET,
} from './organization';
import { targetListsToExpand } from './resolve-ous';

/**
 * `root-guard preflight`: what must hold in the organization before the package is committed, so
 * that CfCT's pipeline does not fail (or, worse, succeed while deploying nothing). Every finding
 * names the account or OU and the API call it rests on, and says how to fix a failure.
 */

/** The checks, in the order they run and print. */
export type PreflightCheck =
  | 'credentials'
  | 'organization'
  | 'home-region'
  | 'baseline-stack-set'
  | 'log-group'
  | 'execution-role'
  | 'ou-path'
  | 'ou-resolution'
  | 'enrolment'
  | 'scp-slots'
  | 'security-topic';

const CHECK_ORDER: readonly PreflightCheck[] = [
  'credentials', 'organization', 'home-region', 'baseline-stack-set', 'log-group', 'execution-role',
  'ou-path', 'ou-resolution', 'enrolment', 'scp-slots', 'security-topic',
];

export type FindingStatus = 'pass' | 'fail' | 'warn';

/** One result of one check. */
export interface PreflightFinding {
  readonly check: PreflightCheck;
  readonly status: FindingStatus;
  /** The account, OU or resource checked: `account 111111111111`, `OU Workloads:Prod` … */
  readonly target: string;
  /** The API call the finding rests on, as `service:Action` (or the local file read). */
  readonly api: string;
  /** What was found; for a failure, the fix. */
  readonly message: string;
}

/** The SDK clients preflight calls; the CLI creates them in the home region. */
export interface PreflightClients {
  readonly sts: STSClient;
  readonly organizations: OrganizationsClient;
  readonly cloudformation: CloudFormationClient;
  readonly logs: CloudWatchLogsClient;
  readonly iam: IAMClient;
  readonly sns: SNSClient;
}

/** Inputs of {@link runPreflight}. */
export interface PreflightOptions {
  readonly config: RootGuardConfig;
  /** The config file (root-guard.ous.yaml is read beside it). */
  readonly configFile: string;
  readonly clients: PreflightClients;
  /**
   * SCPs that may be attached to one root or OU.
   * @default 5 - the documented quota; the 2026-05 raise to 10 is reported but not in the docs yet
   *   (../shared/reference/cfct/RULES.md §6): pass 10 once your organization shows it.
   */
  readonly scpLimit?: number;
  /** Organizations calls in flight at once. @default 4 */
  readonly concurrency?: number;
  /** Progress of org-wide work: items done, total if known, and what is being read. */
  readonly onProgress?: (done: number, total: number | undefined, label: string) => void;
}

/** Everything preflight found. */
export interface PreflightResult {
  readonly configFile: string;
  readonly managementAccountId: string;
  readonly homeRegion: string;
  /** The account and principal the credentials belong to. */
  readonly caller: { readonly account: string; readonly arn: string };
  readonly scpLimit: number;
  readonly findings: readonly PreflightFinding[];
  /** What could not be read (access denied, throttled past the retries): the result is partial if any. */
  readonly unread: readonly UnreadItem[];
  readonly summary: { readonly pass: number; readonly warn: number; readonly fail: number };
  /** True when no finding failed. */
  readonly ok: boolean;
}

/** The documented SCP quota per root, OU or account (RULES.md §6). */
export const DEFAULT_SCP_LIMIT = 5;

/** The stack set CfCT reads enrolment from (RULES.md §5.2; CfCT's `CONTROL_TOWER_BASELINE_CONFIG_STACKSET`). */
export const BASELINE_CONFIG_STACK_SET = 'AWSControlTowerBP-BASELINE-CONFIG';

const API = {
  getCallerIdentity: 'sts:GetCallerIdentity',
  listStackSets: 'cloudformation:ListStackSets',
  listStackInstances: 'cloudformation:ListStackInstances',
  describeLogGroups: 'logs:DescribeLogGroups',
  getRole: 'iam:GetRole',
  getTopicAttributes: 'sns:GetTopicAttributes',
  ...ORGANIZATIONS_API,
} as const;

/**
 * Runs every check. Access denied or throttling on one call becomes a `warn` finding (and an
 * `unread` entry) and the rest goes on; only missing credentials stop it, with a {@link UserError}.
 */
export async function runPreflight(options: PreflightOptions): Promise<PreflightResult> {
  const { config, clients } = options;
  const scpLimit = options.scpLimit ?? DEFAULT_SCP_LIMIT;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const mgmt = config.managementAccountId;
  const region = config.homeRegion;
  const findings: PreflightFinding[] = [];
  const unread: UnreadItem[] = [];
  const add = (check: PreflightCheck, status: FindingStatus, target: string, api: string, message: string) => {
    findings.push({ check, status, target, api, message });
  };
  /** Records a call that failed with an SDK error as unread and as a `warn` finding. */
  const couldNotRead = (check: PreflightCheck, target: string, api: string, err: unknown, what: string) => {
    const reason = unreadReason(describeAwsError(err));
    unread.push({ target, api, reason });
    add(check, 'warn', target, api, `not checked: could not ${what}: ${reason}`);
  };
  const mgmtTarget = `account ${mgmt}`;

  // 1. Whose credentials these are: the management-account checks need the management account.
  let caller: { account: string; arn: string };
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    caller = { account: identity.Account ?? '', arn: identity.Arn ?? '' };
  } catch (err) {
    throw new UserError(`${API.getCallerIdentity}: ${unreadReason(describeAwsError(err))}`);
  }
  const inManagement = caller.account === mgmt;
  add('credentials', inManagement ? 'pass' : 'fail', `account ${caller.account}`, API.getCallerIdentity, inManagement
    ? `running as ${caller.arn} in the management account`
    : `running as ${caller.arn} in account ${caller.account}, not the management account ${mgmt} of the config: the checks of the log group, the execution role, the home region and enrolment need the management account (run with its credentials, e.g. AWS_PROFILE=<management profile>)`);

  // 2. The config's management account is this organization's.
  try {
    const org = (await clients.organizations.send(new DescribeOrganizationCommand({}))).Organization;
    const actual = org?.MasterAccountId;
    add('organization', actual === mgmt ? 'pass' : 'fail', `organization ${org?.Id ?? '?'}`, API.describeOrganization, actual === mgmt
      ? `the management account is ${mgmt}, as the config says`
      : `the management account of this organization is ${actual ?? 'unknown'}, but managementAccountId in ${options.configFile} is ${mgmt} (fix managementAccountId)`);
  } catch (err) {
    couldNotRead('organization', mgmtTarget, API.describeOrganization, err, 'describe the organization');
  }

  // 3. Control Tower's stack sets in the home region: proof of the home region, and enrolment.
  let enrolled: ReadonlySet<string> | undefined;
  const notInManagement = (check: PreflightCheck, target: string, api: string) =>
    add(check, 'warn', target, api, `not checked: needs the management account's credentials (running in ${caller.account})`);
  if (inManagement) {
    enrolled = await checkControlTowerStackSets();
    await Promise.all([checkLogGroup(), checkExecutionRole()]);
  } else {
    notInManagement('home-region', `${mgmtTarget} ${region}`, API.listStackSets);
    notInManagement('log-group', `${mgmtTarget} ${region}`, API.describeLogGroups);
    notInManagement('execution-role', mgmtTarget, API.getRole);
  }

  // 4. The OU tree: every OU path of the config resolves.
  let index: OrganizationIndex | undefined;
  try {
    const tree = await readOrganizationTree(clients.organizations, {
      concurrency,
      onProgress: (listed, known) => options.onProgress?.(listed, known, 'OUs'),
    });
    index = new OrganizationIndex(tree);
    unread.push(...tree.unread.map(({ target, api, reason }) => ({ target, api, reason })));
  } catch (err) {
    couldNotRead('ou-path', 'organization root', API.listRoots, err, 'list the organization root');
  }
  if (index) {
    checkOuPaths(index, 'rootChecks.organizationalUnits', config.rootChecks.organizationalUnits);
    checkOuPaths(index, 'scp.organizationalUnits', config.scp.organizationalUnits);
    checkOuResolution(index);
  }

  // 5. Every targeted account is enrolled.
  if (enrolled && index) await checkEnrolment(index, enrolled);
  else if (!enrolled && inManagement) add('enrolment', 'warn', mgmtTarget, API.listStackInstances, `not checked: the accounts enrolled in Control Tower could not be read (see ${BASELINE_CONFIG_STACK_SET} above)`);
  else if (!inManagement) notInManagement('enrolment', mgmtTarget, API.listStackInstances);

  // 6. SCP slots on every OU the baseline SCP is attached to.
  if (index) await checkScpSlots(index);

  // 7. The security topic.
  await checkSecurityTopic();

  // Checks run concurrently: print them in check order, then by target, the same on every run.
  findings.sort((a, b) => CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check) || compareText(a.target, b.target));
  unread.sort((a, b) => compareText(a.target, b.target) || compareText(a.api, b.api));
  const summary = {
    pass: findings.filter((f) => f.status === 'pass').length,
    warn: findings.filter((f) => f.status === 'warn').length,
    fail: findings.filter((f) => f.status === 'fail').length,
  };
  return { configFile: options.configFile, managementAccountId: mgmt, homeRegion: region, caller, scpLimit, findings, unread, summary, ok: summary.fail === 0 };

  // ---- the checks -------------------------------------------------------------------------

  /**
   * The home region: Control Tower creates its `AWSControlTowerBP-BASELINE-*` stack sets in the
   * management account in its home region only (stack sets are regional), so finding them in
   * `homeRegion` proves it is Control Tower's. CfCT must run there too: its stack-set stage reads
   * enrolment from `AWSControlTowerBP-BASELINE-CONFIG` in its own region and fails without it (#106).
   */
  async function checkControlTowerStackSets(): Promise<ReadonlySet<string> | undefined> {
    const target = `${mgmtTarget} ${region}`;
    const names: string[] = [];
    // Enrolled = has an instance of the baseline CONFIG stack set: CfCT's own test (RULES.md §5.2).
    try {
      for await (const page of paginateListStackSets({ client: clients.cloudformation }, { Status: 'ACTIVE' })) {
        for (const s of page.Summaries ?? []) if (s.StackSetName) names.push(s.StackSetName);
      }
    } catch (err) {
      couldNotRead('home-region', target, API.listStackSets, err, 'list the stack sets');
      return undefined;
    }
    const baseline = names.filter((n) => /^(StackSet-)?AWSControlTowerBP-BASELINE-/.test(n)).sort(compareText);
    if (baseline.length === 0) {
      add('home-region', 'fail', target, API.listStackSets, `no Control Tower stack set (AWSControlTowerBP-BASELINE-*) in ${region}: ${region} is not the Control Tower home region (set homeRegion to the Region where Control Tower was set up; CfCT must be installed there too)`);
      return undefined;
    }
    add('home-region', 'pass', target, API.listStackSets, `Control Tower's stack sets are in ${region} (${listSome(baseline, 3)}): it is the home region`);

    // UNVERIFIED (RULES.md §5.2): one report names it StackSet-AWSControlTowerBP-BASELINE-CONFIG-<uuid>
    // on landing zone 3.3, while CfCT v2.8.4 looks up the exact name (a fixed value in its template).
    const exact = names.includes(BASELINE_CONFIG_STACK_SET);
    const variant = baseline.find((n) => n !== BASELINE_CONFIG_STACK_SET && n.replace(/^StackSet-/, '').startsWith(BASELINE_CONFIG_STACK_SET));
    const stackSet = exact ? BASELINE_CONFIG_STACK_SET : variant;
    if (exact) {
      add('baseline-stack-set', 'pass', target, API.listStackSets, `${BASELINE_CONFIG_STACK_SET} exists: CfCT reads enrolled accounts from its instances`);
    } else if (variant) {
      add('baseline-stack-set', 'warn', target, API.listStackSets, `found ${variant} but not ${BASELINE_CONFIG_STACK_SET}, the exact name CfCT looks up: its stack-set stage may fail with StackSetNotFound (#106); check the first CfCT pipeline run's stack-set stage log`);
    } else {
      add('baseline-stack-set', 'fail', target, API.listStackSets, `no ${BASELINE_CONFIG_STACK_SET} stack set in ${region}: CfCT's stack-set stage reads enrolment from it and fails without it (#106; is AWS Config enabled by the landing zone?)`);
      return undefined;
    }
    const accounts = new Set<string>();
    try {
      for await (const page of paginateListStackInstances({ client: clients.cloudformation }, { StackSetName: stackSet })) {
        for (const instance of page.Summaries ?? []) if (instance.Account) accounts.add(instance.Account);
      }
    } catch (err) {
      couldNotRead('enrolment', `stack set ${stackSet}`, API.listStackInstances, err, 'list its stack instances');
      return undefined;
    }
    return accounts;
  }

  /** The org trail's log group, which the root-activity alarm's metric filter reads (root-detection.md §4). */
  async function checkLogGroup(): Promise<void> {
    const target = `${mgmtTarget} ${region}`;
    try {
      let found = false;
      for await (const page of paginateDescribeLogGroups({ client: clients.logs }, { logGroupNamePrefix: CONTROL_TOWER_LOG_GROUP })) {
        if ((page.logGroups ?? []).some((g) => g.logGroupName === CONTROL_TOWER_LOG_GROUP)) found = true;
      }
      add('log-group', found ? 'pass' : 'fail', target, API.describeLogGroups, found
        ? `${CONTROL_TOWER_LOG_GROUP} exists: the metric filter has its org trail events`
        : `no log group ${CONTROL_TOWER_LOG_GROUP} in the management account in ${region}: the alarm stack set would fail to create its metric filter (the landing zone must be 3.0 or later with the AWS CloudTrail integration on, and homeRegion its home region)`);
    } catch (err) {
      couldNotRead('log-group', target, API.describeLogGroups, err, `look up ${CONTROL_TOWER_LOG_GROUP}`);
    }
  }

  /** The management account's AWSControlTowerExecution role, which CfCT needs to deploy there (RULES.md §5.3). */
  async function checkExecutionRole(): Promise<void> {
    const fix = `deploy prerequisites/management-account-execution-role.json once in the management account as a CloudFormation stack (Control Tower does not create this role there)`;
    try {
      const role = (await clients.iam.send(new GetRoleCommand({ RoleName: CONTROL_TOWER_EXECUTION_ROLE }))).Role;
      const trust = decodeURIComponent(role?.AssumeRolePolicyDocument ?? '');
      // The prerequisite template trusts the stack-set role by ARN; trusting the account itself also works.
      const trustsCfct = trust.includes(CONTROL_TOWER_STACKSET_ROLE_PATH) || new RegExp(`arn:aws[a-z-]*:iam::${mgmt}:root|"${mgmt}"`).test(trust);
      add('execution-role', trustsCfct ? 'pass' : 'warn', mgmtTarget, API.getRole, trustsCfct
        ? `${CONTROL_TOWER_EXECUTION_ROLE} exists and trusts ${CONTROL_TOWER_STACKSET_ROLE_PATH}`
        : `${CONTROL_TOWER_EXECUTION_ROLE} exists but its trust policy names neither ${CONTROL_TOWER_STACKSET_ROLE_PATH} nor the account: CfCT's stack sets cannot assume it (${fix})`);
    } catch (err) {
      if (describeAwsError(err).kind === 'not-found') {
        add('execution-role', 'fail', mgmtTarget, API.getRole, `no ${CONTROL_TOWER_EXECUTION_ROLE} role in the management account: the alarm stack set cannot deploy there (${fix})`);
      } else {
        couldNotRead('execution-role', mgmtTarget, API.getRole, err, `read the role ${CONTROL_TOWER_EXECUTION_ROLE}`);
      }
    }
  }

  /** Each path must resolve as CfCT resolves it: exact, case-sensitive names, Root excluded. */
  function checkOuPaths(idx: OrganizationIndex, key: string, paths: readonly string[]): void {
    for (const path of paths) {
      const resolution = idx.resolve(path);
      const target = path === ROOT_TARGET ? `root ${idx.tree.rootId}` : `OU ${path}`;
      if (resolution.kind === 'root') add('ou-path', 'pass', target, API.listRoots, `${key}: Root is the organization root ${resolution.id}`);
      else if (resolution.kind === 'found') add('ou-path', 'pass', target, API.listOrganizationalUnitsForParent, `${key}: resolves to ${resolution.unit.id}`);
      else if (resolution.kind === 'unread') add('ou-path', 'warn', target, API.listOrganizationalUnitsForParent, `${key}: ${describeUnresolved(path, resolution)}`);
      else add('ou-path', 'fail', target, API.listOrganizationalUnitsForParent, `${key}: ${describeUnresolved(path, resolution)} (fix ${key} in ${options.configFile}; CfCT ${key.startsWith('scp') ? 'skips an unknown OU' : 'deploys nowhere for an unknown top-level OU and fails on an unknown nested one'})`);
    }
  }

  /** root-guard.ous.yaml must be what resolve-ous would write now, or the build deploys to a stale OU list. */
  function checkOuResolution(idx: OrganizationIndex): void {
    for (const list of targetListsToExpand(config)) {
      const target = `${list.key} [${list.targets.join(', ')}]`;
      const fix = 'run `root-guard resolve-ous`, then `root-guard build`, and commit both';
      const live = expandOuPaths(idx, list.targets);
      if (live.problems.length > 0) {
        add('ou-resolution', 'warn', target, API.listOrganizationalUnitsForParent, `not checked: the live OU tree could not be expanded (${live.problems.join('; ')})`);
        continue;
      }
      let committed: string[];
      try {
        committed = expandStackSetTargets(list.key, list.targets, loadOuResolution(options.configFile));
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        add('ou-resolution', 'fail', target, `read ${OU_RESOLUTION_FILE}`, err.problems.join('; '));
        continue;
      }
      const added = live.paths.filter((p) => !committed.includes(p));
      const removed = committed.filter((p) => !live.paths.includes(p));
      if (added.length === 0 && removed.length === 0) {
        add('ou-resolution', 'pass', target, API.listOrganizationalUnitsForParent, `${OU_RESOLUTION_FILE} is current: ${live.paths.length} OUs`);
      } else {
        const changes = [added.length ? `new OUs: ${listSome(added, 5)}` : '', removed.length ? `gone: ${listSome(removed, 5)}` : ''].filter(Boolean).join('; ');
        add('ou-resolution', 'fail', target, API.listOrganizationalUnitsForParent, `${OU_RESOLUTION_FILE} is stale (${changes}): accounts in new OUs get no root checks and CfCT fails on a gone nested OU (${fix})`);
      }
    }
  }

  /**
   * CfCT deploys an OU target to every ACTIVE account directly in the OU, enrolled or not (its
   * instance then fails, #129), and silently drops an explicit account that is not enrolled (#101).
   */
  async function checkEnrolment(idx: OrganizationIndex, enrolledAccounts: ReadonlySet<string>): Promise<void> {
    const api = API.listStackInstances;
    const rootChecks = config.rootChecks.organizationalUnits;
    if (rootChecks.includes(ROOT_TARGET)) {
      const accounts: AccountSummary[] = [];
      try {
        for await (const page of paginateListAccounts({ client: clients.organizations }, {})) {
          for (const a of page.Accounts ?? []) if (a.Id) accounts.push({ id: a.Id, name: a.Name ?? '', state: a.State ?? a.Status ?? 'UNKNOWN' });
          options.onProgress?.(accounts.length, undefined, 'accounts');
        }
      } catch (err) {
        couldNotRead('enrolment', 'organization', API.listAccounts, err, 'list the accounts');
        return checkExplicitAccounts(enrolledAccounts, api);
      }
      const members = accounts.filter((a) => a.id !== mgmt && a.state === 'ACTIVE');
      const outside = members.filter((a) => !enrolledAccounts.has(a.id)).map((a) => `${a.id} (${a.name})`).sort(compareText);
      add('enrolment', outside.length ? 'warn' : 'pass', 'rootChecks.organizationalUnits [Root]', API.listAccounts, outside.length
        ? `Root covers enrolled accounts only: ${outside.length} active account(s) are not enrolled and get no root checks: ${listSome(outside, 10)} (enroll them in Control Tower)`
        : `Root: all ${members.length} active member accounts are enrolled and get the root checks`);
    } else {
      const paths = config.rootChecks.includeNestedOUs ? expandOuPaths(idx, rootChecks).paths : rootChecks;
      const units = paths.map((p) => ({ path: p, r: idx.resolve(p) })).flatMap(({ path, r }) => (r.kind === 'found' ? [{ path, id: r.unit.id }] : []));
      let done = 0;
      await mapWithConcurrency(units, concurrency, async (unit) => {
        const target = `OU ${unit.path}`;
        try {
          const accounts = await listAccountsForParent(clients.organizations, unit.id);
          const active = accounts.filter((a) => a.state === 'ACTIVE');
          const inactive = accounts.filter((a) => a.state !== 'ACTIVE');
          const outside = active.filter((a) => !enrolledAccounts.has(a.id));
          for (const a of outside) {
            add('enrolment', 'fail', `account ${a.id} in OU ${unit.path}`, api, `${a.id} (${a.name}) is in OU ${unit.path} but not enrolled in Control Tower: CfCT still deploys the root checks to it and the stack instance fails (#129) (enroll the account, or move it out of the OU; enrolled = has an ${BASELINE_CONFIG_STACK_SET} stack instance)`);
          }
          for (const a of inactive) {
            add('enrolment', 'warn', `account ${a.id} in OU ${unit.path}`, API.listAccountsForParent, `${a.id} (${a.name}) is ${a.state}: CfCT skips it, and suspended or closed accounts have broken CfCT runs (#86, #192) (move it out of the OU)`);
          }
          if (accounts.length === 0) {
            add('enrolment', 'warn', target, API.listAccountsForParent, `no accounts directly in ${unit.path}: the stack set gets no instances there`);
          } else if (outside.length === 0) {
            add('enrolment', 'pass', target, API.listAccountsForParent, `${active.length} active account(s), all enrolled in Control Tower`);
          }
        } catch (err) {
          couldNotRead('enrolment', target, API.listAccountsForParent, err, 'list its accounts');
        } finally {
          options.onProgress?.(++done, units.length, 'OU accounts');
        }
      });
    }
    checkExplicitAccounts(enrolledAccounts, api);
  }

  /** Accounts named explicitly in a stack set: CfCT drops any that is not enrolled, silently (#101). */
  function checkExplicitAccounts(enrolledAccounts: ReadonlySet<string>, api: string): void {
    const account = config.securityTopic.accountId;
    if (!account || config.securityTopic.arn) return;
    const target = `account ${account}`;
    if (account === mgmt) {
      add('enrolment', 'pass', target, api, `securityTopic.accountId is the management account: CfCT adds it itself (it needs ${CONTROL_TOWER_EXECUTION_ROLE}, see execution-role)`);
    } else if (enrolledAccounts.has(account)) {
      add('enrolment', 'pass', target, api, 'securityTopic.accountId is enrolled: the topic stack set deploys there');
    } else {
      add('enrolment', 'fail', target, api, `securityTopic.accountId ${account} is not enrolled in Control Tower: CfCT silently drops it (#101), the topic is never created and the alarm notifies nothing (enroll the account, or use an enrolled one)`);
    }
  }

  /** Existing SCP attachments + ours must stay within the quota on every target (RULES.md §6). */
  async function checkScpSlots(idx: OrganizationIndex): Promise<void> {
    const ours = resourceNames(config.namePrefix).baselineScp;
    const targets = config.scp.organizationalUnits.flatMap((path) => {
      const r = idx.resolve(path);
      if (r.kind === 'root') return [{ path, id: r.id, label: `root ${r.id}` }];
      if (r.kind === 'found') return [{ path, id: r.unit.id, label: `OU ${path}` }];
      return []; // reported by ou-path
    });
    let done = 0;
    await mapWithConcurrency(targets, concurrency, async (t) => {
      try {
        const attached = await listAttachedScps(clients.organizations, t.id);
        const names = attached.map((p) => p.Name ?? p.Id ?? '?');
        const already = names.includes(ours);
        const after = attached.length + (already ? 0 : 1);
        const detail = `${attached.length} attached (${listSome(names, 6) || 'none'})${already ? `, ${ours} among them` : ` + ${ours}`} = ${after} of ${scpLimit}`;
        add('scp-slots', after > scpLimit ? 'fail' : 'pass', t.label, API.listPoliciesForTarget, after > scpLimit
          ? `${detail}: AWS Organizations refuses the attachment and CfCT's SCP stage fails (detach or merge an SCP on ${t.path}, or attach ours higher up; if your organization has the 2026 raise to 10, pass --scp-limit 10)`
          : detail);
      } catch (err) {
        couldNotRead('scp-slots', t.label, API.listPoliciesForTarget, err, 'list its SCPs');
      } finally {
        options.onProgress?.(++done, targets.length, 'SCP targets');
      }
    });
  }

  /** The topic the alarm notifies: exists (or will be created), readable, usable by CloudWatch, subscribed. */
  async function checkSecurityTopic(): Promise<void> {
    const arn = securityTopicArn(config);
    const created = !config.securityTopic.arn;
    const target = `topic ${arn}`;
    let attributes: Record<string, string>;
    try {
      attributes = (await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
    } catch (err) {
      const info = describeAwsError(err);
      if (info.kind === 'not-found') {
        add('security-topic', created ? 'pass' : 'fail', target, API.getTopicAttributes, created
          ? `not created yet: the stack set ${resourceNames(config.namePrefix).topicStackSet} creates it in ${config.securityTopic.accountId}`
          : `the topic does not exist (fix securityTopic.arn, or give accountId and emails to create one)`);
      } else if (info.kind === 'access-denied') {
        unread.push({ target, api: API.getTopicAttributes, reason: unreadReason(info) });
        add('security-topic', 'warn', target, API.getTopicAttributes, created
          ? `cannot read it from ${caller.account} (before the first deployment this is expected; afterwards the topic policy lets the management account read it)`
          : `cannot read it from ${caller.account}: check by hand that its policy lets cloudwatch.amazonaws.com publish from ${mgmt} (and let ${mgmt} call sns:GetTopicAttributes to make this check work)`);
      } else {
        couldNotRead('security-topic', target, API.getTopicAttributes, err, 'read the topic');
      }
      return;
    }
    const problems: { status: FindingStatus; text: string }[] = [];
    const key = attributes.KmsMasterKeyId ?? '';
    if (/(^|:)alias\/aws\/sns$/.test(key)) {
      problems.push({ status: 'fail', text: 'it is encrypted with the AWS managed key alias/aws/sns, which CloudWatch alarms cannot use: notifications are dropped (use a customer managed key that lets cloudwatch.amazonaws.com call kms:Decrypt and kms:GenerateDataKey*)' });
    }
    const topicAccount = arn.split(':')[4];
    if (topicAccount !== mgmt && !policyLetsCloudWatchPublish(attributes.Policy)) {
      problems.push({ status: 'warn', text: `its policy has no statement letting cloudwatch.amazonaws.com call sns:Publish: alarms in ${mgmt} cannot notify it (add one with aws:SourceAccount ${mgmt})` });
    }
    if (attributes.SubscriptionsConfirmed === '0') {
      const pending = attributes.SubscriptionsPending && attributes.SubscriptionsPending !== '0' ? ` (${attributes.SubscriptionsPending} pending: confirm the email)` : '';
      problems.push({ status: 'warn', text: `it has no confirmed subscription${pending}: alerts reach nobody (CIS 4.3 needs a confirmed subscriber)` });
    }
    if (problems.length === 0) {
      add('security-topic', 'pass', target, API.getTopicAttributes, `reachable, ${attributes.SubscriptionsConfirmed ?? '?'} confirmed subscription(s)`);
    }
    for (const p of problems) add('security-topic', p.status, target, API.getTopicAttributes, p.text);
  }
}

/** Whether a topic policy has an Allow of sns:Publish for CloudWatch (or for everyone). */
export function policyLetsCloudWatchPublish(policyText: string | undefined): boolean {
  if (!policyText) return false;
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(policyText) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  return statements.some((s) => {
    const st = (s ?? {}) as { Effect?: string; Principal?: unknown; Action?: unknown };
    if (st.Effect !== 'Allow') return false;
    const actions = list(st.Action).map(String);
    if (!actions.some((a) => a === '*' || a === 'sns:*' || a.toLowerCase() === 'sns:publish')) return false;
    const principal = st.Principal;
    if (principal === '*') return true;
    const p = (principal ?? {}) as { Service?: unknown; AWS?: unknown };
    return list(p.Service).map(String).includes('cloudwatch.amazonaws.com') || list(p.AWS).map(String).includes('*');
  });
}
