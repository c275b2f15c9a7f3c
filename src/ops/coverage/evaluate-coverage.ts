import type { RootGuardConfig } from '../../config/schema';
import type { RuleComplianceRead } from '../readers/config-compliance';
import type { OrgCheck } from '../readers/detection-checks';
import type { OrganizationAccount, OrganizationSnapshot } from '../organization';
import type { ScpAttachment } from '../readers/scp-attachment';
import type { StackSetInstances } from '../readers/stack-instances';
import { type Expectations, expectationsOf } from '../../plan';
import type { AccountCoverage, AccountResult, CoverageItem } from './model';
import { baselineScpItem } from './rules/baseline-scp';
import { configRuleItem } from './rules/config-rule';
import { checkEventBus } from './rules/event-bus';
import { forwarderInstanceItem } from './rules/forwarder-instance';
import { checkForwarderStackSet } from './rules/forwarder-stack-set';
import { checkOuPathsExist } from './rules/ou-paths-exist';
import { checkScpAttached } from './rules/scp-attached';
import { checkStackSetExists } from './rules/stack-set-exists';
import { stackSetInstanceItem } from './rules/stack-set-instance';
import { type RootChecksTargets, targetedByRootChecks } from './targeting';

/**
 * What the config says each account should have, against what the organization has: the runner
 * hands each rule of rules/ the narrow facts it judges (already read from AWS), in a fixed order,
 * so every rule is tested without AWS.
 */

/** Everything the audit read, as {@link evaluateCoverage} takes it. */
export interface CoverageInputs {
  readonly config: RootGuardConfig;
  readonly org: OrganizationSnapshot;
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
  /** What the config deploys. @default expectationsOf(config) */
  readonly expected?: Expectations;
  /**
   * The OU paths root-guard.ous.yaml resolved `rootChecks.organizationalUnits` to (with
   * includeNestedOUs): an account in one of them needs no "run root-guard resolve" hint. @default none
   */
  readonly resolvedRootCheckPaths?: readonly string[];
}

/** Per-account coverage plus the org-level checks about the config's OU targets and the SCP. */
export interface CoverageResult {
  readonly accounts: readonly AccountCoverage[];
  readonly orgChecks: readonly OrgCheck[];
}

/** The config narrowed to what the rules take: one place, so that it can come from the plan layer. */
interface CoverageTargets {
  readonly homeRegion: string;
  readonly managementAccountId: string;
  readonly securityAccountId?: string;
  readonly rootChecks: RootChecksTargets;
  readonly scpPaths: readonly string[];
}

function targetsOf(config: RootGuardConfig): CoverageTargets {
  return {
    homeRegion: config.homeRegion,
    managementAccountId: config.managementAccountId,
    securityAccountId: config.securityTopic.accountId,
    rootChecks: config.rootChecks,
    scpPaths: config.scp.organizationalUnits,
  };
}

/** Evaluates every account against the config. */
export function evaluateCoverage(inputs: CoverageInputs): CoverageResult {
  const { org } = inputs;
  const expected = inputs.expected ?? expectationsOf(inputs.config);
  const targets = targetsOf(inputs.config);
  const region = targets.homeRegion;
  const orgChecks: OrgCheck[] = checkOuPathsExist({
    lists: [
      { key: 'rootChecks.organizationalUnits', paths: targets.rootChecks.organizationalUnits },
      { key: 'scp.organizationalUnits', paths: targets.scpPaths },
    ],
    unitPaths: new Set(org.units.map((u) => u.path)),
    treeIncomplete: org.unread.length > 0,
  });

  // In manifest order: topic, alarm, (bus), the member stack set (root checks, and with fast alerts the forwarder).
  const fast = expected.fastAlerts;
  if (expected.topicStackSet) orgChecks.push(checkStackSetExists({ stackSet: expected.topicStackSet, region, read: inputs.stackSets.get(expected.topicStackSet) }));
  orgChecks.push(checkStackSetExists({ stackSet: expected.alarmStackSet, region, read: inputs.stackSets.get(expected.alarmStackSet) }));
  if (expected.tamperStackSet) orgChecks.push(checkStackSetExists({ stackSet: expected.tamperStackSet, region, read: inputs.stackSets.get(expected.tamperStackSet) }));
  for (const stackSet of expected.sentinel ? [expected.sentinel.readerStackSet, expected.sentinel.verifierStackSet] : []) {
    orgChecks.push(checkStackSetExists({ stackSet, region, read: inputs.stackSets.get(stackSet) }));
  }
  if (fast) {
    orgChecks.push(checkEventBus({ stackSet: fast.eventBusStackSet, region, securityAccountId: fast.securityAccountId, read: inputs.stackSets.get(fast.eventBusStackSet) }));
  }
  if (fast && fast.forwarderStackSet === expected.rootChecksStackSet) {
    // One member stack set (src/plan/stack-sets.ts): one org check for it, over every Region it deploys to.
    const regions = [...new Set([region, ...fast.regions])];
    orgChecks.push(checkForwarderStackSet({ stackSet: fast.forwarderStackSet, homeRegion: region, reads: forwarderReads(regions, inputs, expected.rootChecksStackSet, region) }));
  } else {
    if (fast) orgChecks.push(checkForwarderStackSet({ stackSet: fast.forwarderStackSet, homeRegion: region, reads: forwarderReads(fast.regions, inputs) }));
    orgChecks.push(checkStackSetExists({ stackSet: expected.rootChecksStackSet, region, read: inputs.stackSets.get(expected.rootChecksStackSet) }));
  }

  for (const scp of inputs.scps) orgChecks.push(...checkScpAttached({ scp, paths: targets.scpPaths, rootId: org.rootId, units: org.units }));

  const accounts = org.accounts.map((account) => evaluateAccount(account, inputs, expected, targets));
  return { accounts, orgChecks };
}

/**
 * The forwarder's reads per Region. With one member stack set, the home-region read is the root checks'
 * own (`stackSets`), unless `forwarders` has one for that Region too.
 */
function forwarderReads(regions: readonly string[], inputs: CoverageInputs, sameAs?: string, homeRegion?: string) {
  return regions.map((region) => ({
    region,
    read: inputs.forwarders?.get(region) ?? (sameAs && region === homeRegion ? inputs.stackSets.get(sameAs) : undefined),
  }));
}

/** Runs the item rules that apply to one account, in a fixed order. */
function evaluateAccount(account: OrganizationAccount, inputs: CoverageInputs, expected: Expectations, targets: CoverageTargets): AccountCoverage {
  const ouPath = account.path === undefined ? '?' : account.path === '' ? 'Root' : account.path;
  const base = { id: account.id, name: account.name, state: account.state, ouPath };
  if (account.state !== 'ACTIVE') {
    return { ...base, result: 'inactive', items: [] };
  }
  const region = targets.homeRegion;
  const items: CoverageItem[] = [];
  const isManagement = account.id === targets.managementAccountId;
  const instanceItem = (stackSet: string, what: string, hint = '') =>
    stackSetInstanceItem({ stackSet, region, read: inputs.stackSets.get(stackSet), accountId: account.id, what, hint });

  if (expected.topicStackSet && account.id === targets.securityAccountId) items.push(instanceItem(expected.topicStackSet, 'the security topic'));
  if (isManagement) items.push(instanceItem(expected.alarmStackSet, 'the root-activity alarm'));
  // The tamper alerts: their own stack set in the management account, so that removing the alarm does not remove them.
  if (isManagement && expected.tamperStackSet) items.push(instanceItem(expected.tamperStackSet, 'the tamper alerts'));
  // The sentinel: its read-only role and canary here, its verifier in the security account.
  if (isManagement && expected.sentinel) items.push(instanceItem(expected.sentinel.readerStackSet, 'the sentinel\'s read-only role and canary'));
  if (expected.sentinel && account.id === expected.sentinel.securityAccountId) items.push(instanceItem(expected.sentinel.verifierStackSet, 'the sentinel\'s verifier'));

  // Reached only through includeNestedOUs: CfCT gets this OU from root-guard.ous.yaml, which may predate it.
  const rootPaths = targets.rootChecks.organizationalUnits;
  const resolved = inputs.resolvedRootCheckPaths ?? [];
  const nested = !isManagement && !rootPaths.includes('Root') && !rootPaths.includes(account.path ?? '') && !resolved.includes(account.path ?? '');
  const hint = nested ? ' (a nested OU: if it is new, run root-guard resolve, build and publish)' : '';
  const rootChecks = targetedByRootChecks(account, targets.rootChecks, isManagement);
  let rootChecksItem: CoverageItem | undefined;
  if (rootChecks === true) {
    rootChecksItem = instanceItem(expected.rootChecksStackSet, 'the root checks', hint);
    items.push(rootChecksItem);
  } else if (rootChecks === 'unknown') {
    items.push({ id: `stack-set:${expected.rootChecksStackSet}`, label: 'root checks', status: 'unknown', detail: 'the OU of this account could not be read' });
  }

  // The forwarder goes to the root-check OUs and, always, to the management account (src/package/fast-alerts.ts).
  const fast = expected.fastAlerts;
  if (fast) {
    const forwarder = isManagement || targetedByRootChecks(account, targets.rootChecks, false);
    if (forwarder === true) {
      items.push(forwarderInstanceItem({ stackSet: fast.forwarderStackSet, homeRegion: region, reads: forwarderReads(fast.regions, inputs, expected.rootChecksStackSet, region), accountId: account.id, isManagement, hint }));
    } else if (forwarder === 'unknown') {
      items.push({ id: `stack-set:${fast.forwarderStackSet}#forwarder`, label: 'the fast-alert forwarder', status: 'unknown', detail: 'the OU of this account could not be read' });
    }
  }

  const acknowledged = (inputs.config.acknowledgedGaps ?? []).find((g) => g.check === 'scp-reach'
    && (g.target === account.id || g.target === 'Root' || (account.path !== undefined && (account.path === g.target || account.path.startsWith(`${g.target}:`)))));
  items.push(baselineScpItem({ account, scps: inputs.scps, paths: targets.scpPaths, isManagement, ...(acknowledged ? { acknowledged } : {}) }));

  if (rootChecks === true) {
    for (const rule of expected.rules) {
      const read = inputs.compliance.find((c) => c.ruleName === rule.name);
      items.push(configRuleItem({ rule, accountId: account.id, read, rootChecksStatus: rootChecksItem?.status }));
    }
  }

  return { ...base, result: accountResult(items), items };
}

/** The account's result from its items: the worst status among those that apply. */
export function accountResult(items: readonly CoverageItem[]): AccountResult {
  const applicable = items.filter((i) => i.status !== 'n/a');
  if (applicable.length === 0) return 'not-targeted';
  if (applicable.some((i) => i.status === 'missing')) return 'uncovered';
  if (applicable.some((i) => i.status === 'failing')) return 'non-compliant';
  if (applicable.some((i) => i.status === 'unknown')) return 'unknown';
  return 'covered';
}
