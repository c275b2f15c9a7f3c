import type { RootGuardConfig } from '../config/schema';
import { expectationsOf, type Expectations, type FastAlertExpectations } from '../plan';
import type { RuleComplianceRead } from './config-compliance';
import type { CheckStatus, OrgCheck } from './detection-checks';
import type { OrgAccount, OrgSnapshot } from './org-accounts';
import type { ScpAttachment } from './scp-attachment';
import type { StackSetInstances } from './stack-instances';

/**
 * What the config says each account should have, against what the organization has: a pure
 * function of what was read, so every rule below is tested without AWS.
 */

/** An item that does not apply to this account (with the reason in `detail`). */
export type ItemStatus = CheckStatus | 'n/a';

/** One coverage item of one account. */
export interface CoverageItem {
  /** `stack-set:<name>`, `scp`, or `config:<rule name>`. */
  readonly id: string;
  readonly label: string;
  readonly status: ItemStatus;
  readonly detail: string;
}

/**
 * - `covered`: every item that applies is ok;
 * - `uncovered`: something the config deploys to the account is missing or broken;
 * - `non-compliant`: deployed, and a root check reports NON_COMPLIANT (e.g. root without MFA);
 * - `unknown`: something could not be read, and nothing is known to be wrong;
 * - `not-targeted`: the config targets nothing at this account (only the org-wide alarm covers it);
 * - `inactive`: suspended or closing: CfCT deploys to ACTIVE accounts only.
 */
export type AccountResult = 'covered' | 'uncovered' | 'non-compliant' | 'unknown' | 'not-targeted' | 'inactive';

/** One audited account. */
export interface AccountCoverage {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  /** CfCT path of its OU: `Root` for accounts directly under the root; `?` when unknown. */
  readonly ouPath: string;
  readonly result: AccountResult;
  readonly items: readonly CoverageItem[];
}

/** Everything the audit read, as {@link evaluateCoverage} takes it. */
export interface CoverageInputs {
  readonly config: RootGuardConfig;
  readonly org: OrgSnapshot;
  /** Instances per stack set name (full CfCT name). */
  readonly stackSets: ReadonlyMap<string, StackSetInstances>;
  /** One read per baseline SCP the config generates (none when every `scp` switch is off). */
  readonly scps: readonly ScpAttachment[];
  /** One read per expected Config rule. */
  readonly compliance: readonly RuleComplianceRead[];
  /**
   * With fastAlerts: the forwarder stack set's instances per Region of `fastAlerts.regions` (one
   * ListStackInstances stream per Region). The central bus's stack set is in `stackSets` (home region).
   */
  readonly forwarders?: ReadonlyMap<string, StackSetInstances>;
}

/** Per-account coverage plus the org-level checks about the config's OU targets and the SCP. */
export interface CoverageResult {
  readonly accounts: readonly AccountCoverage[];
  readonly orgChecks: readonly OrgCheck[];
}

/** Evaluates every account against the config. */
export function evaluateCoverage(inputs: CoverageInputs): CoverageResult {
  const { config, org } = inputs;
  const expected = expectationsOf(config);
  const management = config.managementAccountId;
  const unitPaths = new Set(org.units.map((u) => u.path));
  const orgChecks: OrgCheck[] = [];

  // Config OU paths that do not exist: CfCT silently deploys nowhere for an unknown top-level name
  // (RULES.md §5.2), so this is the first thing to look at when accounts are missing instances.
  const checkPaths = (key: string, paths: readonly string[]) => {
    for (const path of paths) {
      if (path === 'Root') continue;
      if (!unitPaths.has(path)) {
        const unknown = org.unread.length > 0;
        orgChecks.push({
          id: `ou:${key}:${path}`,
          label: `${key} OU ${path}`,
          status: unknown ? 'unknown' : 'missing',
          detail: unknown ? 'not found, but part of the OU tree could not be read' : `no OU at path "${path}" in the organization (fix ${key} in the config)`,
        });
      }
    }
  };
  checkPaths('rootChecks.organizationalUnits', config.rootChecks.organizationalUnits);
  checkPaths('scp.organizationalUnits', config.scp.organizationalUnits);

  // In manifest order: topic, alarm, (bus, forwarder), root checks.
  for (const name of [expected.topicStackSet, expected.alarmStackSet, expected.fastAlerts?.eventBusStackSet, expected.fastAlerts?.forwarderStackSet, expected.rootChecksStackSet]) {
    if (!name) continue;
    if (name === expected.fastAlerts?.eventBusStackSet) {
      orgChecks.push(eventBusCheck(expected.fastAlerts, inputs));
      continue;
    }
    if (name === expected.fastAlerts?.forwarderStackSet) {
      orgChecks.push(forwarderStackSetCheck(expected.fastAlerts, inputs));
      continue;
    }
    const read = inputs.stackSets.get(name);
    orgChecks.push({
      id: `stack-set:${name}`,
      label: `stack set ${name}`,
      status: read?.kind === 'found' ? 'ok' : read?.kind === 'absent' ? 'missing' : 'unknown',
      detail: read?.kind === 'found'
        ? `${read.instances.size} instance(s) in ${config.homeRegion}`
        : read?.kind === 'absent'
          ? `does not exist in ${config.homeRegion} (has the CfCT pipeline run with this package?)`
          : `cloudformation:ListStackInstances: ${read?.reason ?? 'not read'}`,
    });
  }

  for (const scp of inputs.scps) orgChecks.push(...scpChecks(config, org, scp));

  const accounts = org.accounts.map((account) => evaluateAccount(account, inputs, expected, management));
  return { accounts, orgChecks };
}

/** The central bus: its stack set exists and has a CURRENT instance in the security account, home region. */
function eventBusCheck(fast: FastAlertExpectations, inputs: CoverageInputs): OrgCheck {
  const name = fast.eventBusStackSet;
  const region = inputs.config.homeRegion;
  const base = { id: `stack-set:${name}`, label: `stack set ${name}` };
  const found = regionalInstance(name, region, inputs.stackSets.get(name), fast.securityAccountId);
  switch (found.kind) {
    case 'ok':
      return { ...base, status: 'ok', detail: `central event bus: instance in the security account ${fast.securityAccountId} CURRENT` };
    case 'absent':
      return { ...base, status: 'missing', detail: `does not exist in ${region} (has the CfCT pipeline run with this package?)` };
    case 'no-instance':
      return {
        ...base,
        status: 'missing',
        detail: `no instance in the security account ${fast.securityAccountId} in ${region}: fast alerts reach no one (run the CfCT pipeline; the account must be enrolled in Control Tower)`,
      };
    case 'not-current':
      return { ...base, status: 'missing', detail: `central event bus: ${found.detail}` };
    case 'unread':
      return { ...base, status: 'unknown', detail: found.detail };
  }
}

/** The forwarder's stack set exists (read once per fast-alert Region). */
function forwarderStackSetCheck(fast: FastAlertExpectations, inputs: CoverageInputs): OrgCheck {
  const name = fast.forwarderStackSet;
  const base = { id: `stack-set:${name}`, label: `stack set ${name}` };
  const reads = fast.regions.map((region) => ({ region, read: inputs.forwarders?.get(region) }));
  if (reads.some((r) => r.read?.kind === 'absent')) {
    return { ...base, status: 'missing', detail: `does not exist in ${inputs.config.homeRegion} (has the CfCT pipeline run with this package?)` };
  }
  const counts: string[] = [];
  const unread: string[] = [];
  for (const { region, read } of reads) {
    if (read?.kind === 'found') counts.push(`${read.instances.size} in ${region}`);
    else unread.push(`cloudformation:ListStackInstances in ${region}: ${read?.kind === 'unread' ? read.reason : 'not read'}`);
  }
  if (unread.length > 0) return { ...base, status: 'unknown', detail: unread.join('; ') };
  return { ...base, status: 'ok', detail: `instances: ${counts.join(', ')}` };
}

/** One account's instance of a stack set in one Region, as read. */
type RegionalInstance =
  | { readonly kind: 'ok' | 'absent' | 'no-instance' }
  | { readonly kind: 'not-current' | 'unread'; readonly detail: string };

function regionalInstance(stackSet: string, region: string, read: StackSetInstances | undefined, accountId: string): RegionalInstance {
  if (!read || read.kind === 'unread') return { kind: 'unread', detail: `cloudformation:ListStackInstances ${stackSet} in ${region}: ${read?.reason ?? 'not read'}` };
  if (read.kind === 'absent') return { kind: 'absent' };
  const instance = read.instances.get(accountId);
  if (!instance) return { kind: 'no-instance' };
  if (instance.status !== 'CURRENT') {
    const why = [instance.detailedStatus, instance.reason].filter(Boolean).join(': ');
    return { kind: 'not-current', detail: `instance of ${stackSet} in ${region} is ${instance.status}${why ? ` (${why})` : ''}` };
  }
  return { kind: 'ok' };
}

/**
 * The fast-alert forwarder of one account: a CURRENT instance in every Region of `fastAlerts.regions`.
 * One item for all Regions, naming each Region with a gap.
 */
function forwarderItem(fast: FastAlertExpectations, account: OrgAccount, inputs: CoverageInputs, isManagement: boolean, hint: string): CoverageItem {
  const name = fast.forwarderStackSet;
  const base = { id: `stack-set:${name}`, label: 'the fast-alert forwarder' };
  const results = fast.regions.map((region) => ({ region, result: regionalInstance(name, region, inputs.forwarders?.get(region), account.id) }));
  if (results.some((r) => r.result.kind === 'absent')) {
    return { ...base, status: 'missing', detail: `stack set ${name} does not exist in ${inputs.config.homeRegion}` };
  }
  const problems: string[] = [];
  const noInstance = results.filter((r) => r.result.kind === 'no-instance').map((r) => r.region);
  if (noInstance.length > 0) {
    const fix = hint || (isManagement
      ? ' (run the CfCT pipeline, after redeploying prerequisites/management-account-execution-role.json if fast alerts or Regions were added)'
      : ' (run the CfCT pipeline; for Root, CfCT reaches only enrolled accounts, and for an OU only the accounts directly in it)');
    problems.push(`no instance of ${name} in ${noInstance.join(', ')}${fix}`);
  }
  for (const { result } of results) if (result.kind === 'not-current') problems.push(result.detail);
  if (problems.length > 0) return { ...base, status: 'missing', detail: problems.join('; ') };

  const unread = results.flatMap(({ result }) => (result.kind === 'unread' ? [result.detail] : []));
  if (unread.length > 0) return { ...base, status: 'unknown', detail: unread.join('; ') };
  return { ...base, status: 'ok', detail: `${name} CURRENT in ${fast.regions.join(', ')}` };
}

function scpChecks(config: RootGuardConfig, org: OrgSnapshot, scp: ScpAttachment): OrgCheck[] {
  const label = `SCP ${scp.policyName}`;
  if (scp.kind === 'absent') return [{ id: 'scp', label, status: 'missing', detail: 'no SCP of that name in the organization (has the CfCT pipeline run?)' }];
  if (scp.kind === 'unread') return [{ id: 'scp', label, status: 'unknown', detail: `${scp.api}: ${scp.reason}` }];
  const checks: OrgCheck[] = [{ id: 'scp', label, status: 'ok', detail: `${scp.policyId}, attached to ${scp.targetIds.size} target(s)` }];
  for (const path of config.scp.organizationalUnits) {
    const id = path === 'Root' ? org.rootId : org.units.find((u) => u.path === path)?.id;
    if (!id) continue; // reported by the OU path check
    checks.push(scp.targetIds.has(id)
      ? { id: `scp-target:${path}`, label: `SCP attached to ${path}`, status: 'ok', detail: id }
      : { id: `scp-target:${path}`, label: `SCP attached to ${path}`, status: 'missing', detail: `not attached to ${path} (${id}): run the CfCT pipeline` });
  }
  return checks;
}

function evaluateAccount(account: OrgAccount, inputs: CoverageInputs, expected: Expectations, management: string): AccountCoverage {
  const { config } = inputs;
  const ouPath = account.path === undefined ? '?' : account.path === '' ? 'Root' : account.path;
  const base = { id: account.id, name: account.name, state: account.state, ouPath };
  if (account.state !== 'ACTIVE') {
    return { ...base, result: 'inactive', items: [] };
  }
  const items: CoverageItem[] = [];
  const isManagement = account.id === management;

  if (expected.topicStackSet && account.id === config.securityTopic.accountId) {
    items.push(stackSetItem(expected.topicStackSet, account, inputs, 'the security topic'));
  }
  if (isManagement) items.push(stackSetItem(expected.alarmStackSet, account, inputs, 'the root-activity alarm'));

  // Reached only through includeNestedOUs: CfCT gets this OU from root-guard.ous.yaml, which may predate it.
  const nested = !isManagement && !config.rootChecks.organizationalUnits.includes('Root') && !config.rootChecks.organizationalUnits.includes(account.path ?? '');
  const hint = nested ? ' (a nested OU: if it is new, run root-guard resolve-ous, build and publish)' : '';
  const rootChecks = targetedByRootChecks(account, config, isManagement);
  let rootChecksItem: CoverageItem | undefined;
  if (rootChecks === true) {
    rootChecksItem = stackSetItem(expected.rootChecksStackSet, account, inputs, 'the root checks', hint);
    items.push(rootChecksItem);
  } else if (rootChecks === 'unknown') {
    items.push({ id: `stack-set:${expected.rootChecksStackSet}`, label: 'root checks', status: 'unknown', detail: 'the OU of this account could not be read' });
  }

  // The forwarder goes to the root-check OUs and, always, to the management account (src/plan/stack-sets.ts).
  if (expected.fastAlerts) {
    const forwarder = isManagement || targetedByRootChecks(account, config, false);
    if (forwarder === true) items.push(forwarderItem(expected.fastAlerts, account, inputs, isManagement, hint));
    else if (forwarder === 'unknown') {
      items.push({ id: `stack-set:${expected.fastAlerts.forwarderStackSet}`, label: 'the fast-alert forwarder', status: 'unknown', detail: 'the OU of this account could not be read' });
    }
  }

  items.push(scpItem(account, inputs, isManagement));

  if (rootChecks === true) {
    for (const rule of expected.rules) items.push(ruleItem(rule, account, inputs, rootChecksItem));
  }

  return { ...base, result: resultOf(items), items };
}

/** CfCT's targeting (RULES.md §5.2): Root = every enrolled account but the management account; a path = accounts directly in it. */
function targetedByRootChecks(account: OrgAccount, config: RootGuardConfig, isManagement: boolean): boolean | 'unknown' {
  if (isManagement) return config.rootChecks.includeManagementAccount;
  const paths = config.rootChecks.organizationalUnits;
  if (paths.includes('Root')) return true;
  if (account.path === undefined) return 'unknown';
  const path = account.path;
  return paths.some((p) => path === p || (config.rootChecks.includeNestedOUs && path.startsWith(`${p}:`)));
}

function stackSetItem(stackSet: string, account: OrgAccount, inputs: CoverageInputs, what: string, hint = ''): CoverageItem {
  const region = inputs.config.homeRegion;
  const base = { id: `stack-set:${stackSet}`, label: what };
  const read = inputs.stackSets.get(stackSet);
  if (!read || read.kind === 'unread') return { ...base, status: 'unknown', detail: `cloudformation:ListStackInstances ${stackSet}: ${read?.reason ?? 'not read'}` };
  if (read.kind === 'absent') return { ...base, status: 'missing', detail: `stack set ${stackSet} does not exist in ${region}` };
  const instance = read.instances.get(account.id);
  if (!instance) {
    return {
      ...base,
      status: 'missing',
      detail: hint
        ? `no instance of ${stackSet} in ${region}${hint}`
        : `no instance of ${stackSet} in ${region} (run the CfCT pipeline; for Root, CfCT reaches only enrolled accounts, and for an OU only the accounts directly in it)`,
    };
  }
  if (instance.status !== 'CURRENT') {
    const why = [instance.detailedStatus, instance.reason].filter(Boolean).join(': ');
    return { ...base, status: 'missing', detail: `instance of ${stackSet} is ${instance.status}${why ? ` (${why})` : ''}` };
  }
  return { ...base, status: 'ok', detail: `${stackSet} CURRENT` };
}

function scpItem(account: OrgAccount, inputs: CoverageInputs, isManagement: boolean): CoverageItem {
  const { config, scps } = inputs;
  const base = { id: 'scp', label: 'baseline SCP' };
  if (scps.length === 0) return { ...base, status: 'n/a', detail: 'the config generates no SCP (every scp switch is off)' };
  if (isManagement) return { ...base, status: 'n/a', detail: 'SCPs never apply to the management account (the alarm covers root there)' };
  const paths = config.scp.organizationalUnits;
  const wanted = paths.includes('Root') || (account.path !== undefined && paths.some((p) => account.path === p || account.path!.startsWith(`${p}:`)));
  if (!wanted && account.path !== undefined) return { ...base, status: 'n/a', detail: `not under ${paths.join(', ')} in the config` };
  const results = scps.map((scp) => scpOnPath(account, scp));
  const worst = (['missing', 'unknown'] as const).find((status) => results.some((r) => r.status === status));
  if (worst) return { ...base, status: worst, detail: results.filter((r) => r.status === worst).map((r) => r.detail).join('; ') };
  return { ...base, status: 'ok', detail: results.map((r) => r.detail).join('; ') };
}

/** Whether one SCP reaches the account: attached to the root, an OU on its path, or the account. */
function scpOnPath(account: OrgAccount, scp: ScpAttachment): { status: 'ok' | 'missing' | 'unknown'; detail: string } {
  if (scp.kind === 'unread') return { status: 'unknown', detail: `${scp.api}: ${scp.reason}` };
  if (scp.kind === 'absent') return { status: 'missing', detail: `SCP ${scp.policyName} does not exist` };
  if (!account.ancestorIds) return { status: 'unknown', detail: 'the OU of this account could not be read' };
  const at = [...account.ancestorIds, account.id].find((id) => scp.targetIds.has(id));
  if (at) return { status: 'ok', detail: `${scp.policyName} attached at ${at}` };
  return {
    status: 'missing',
    detail: `${scp.policyName} is attached neither to the root, nor to an OU on the path ${account.path === '' ? 'Root' : account.path}, nor to the account`,
  };
}

function ruleItem(
  rule: Expectations['rules'][number],
  account: OrgAccount,
  inputs: CoverageInputs,
  rootChecks: CoverageItem | undefined,
): CoverageItem {
  const base = { id: `config:${rule.name}`, label: `Config rule ${rule.name}` };
  const read = inputs.compliance.find((c) => c.ruleName === rule.name);
  if (!read || read.kind === 'unread') return { ...base, status: 'unknown', detail: read?.reason ?? 'not read' };
  const value = read.byAccount.get(account.id);
  switch (value) {
    case 'COMPLIANT':
      return { ...base, status: 'ok', detail: 'COMPLIANT' };
    case 'NOT_APPLICABLE':
      return { ...base, status: 'ok', detail: 'NOT_APPLICABLE (no root credentials: centralized root access)' };
    case 'NON_COMPLIANT':
      return { ...base, status: 'failing', detail: rule.failing };
    case undefined:
      return rootChecks?.status === 'missing'
        ? { ...base, status: 'missing', detail: 'not deployed (no root-checks stack instance)' }
        : { ...base, status: 'unknown', detail: 'no result in the aggregator yet (periodic rules report within their frequency; or the account is not aggregated)' };
    default:
      return { ...base, status: 'unknown', detail: `${value} (not evaluated yet)` };
  }
}

function resultOf(items: readonly CoverageItem[]): AccountResult {
  const applicable = items.filter((i) => i.status !== 'n/a');
  if (applicable.length === 0) return 'not-targeted';
  if (applicable.some((i) => i.status === 'missing')) return 'uncovered';
  if (applicable.some((i) => i.status === 'failing')) return 'non-compliant';
  if (applicable.some((i) => i.status === 'unknown')) return 'unknown';
  return 'covered';
}
