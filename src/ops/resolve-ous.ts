import { existsSync, readFileSync } from 'node:fs';
import { type CloudFormationClient, paginateListStackSets } from '@aws-sdk/client-cloudformation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { isDeepStrictEqual } from 'node:util';
import { type RecordedLandingZone, rootTargetUnavailable } from '../config/landing-zone-record';
import type { RecordedOrganizationTrail } from '../config/organization-trail-record';
import {
  type OuResolution,
  ouResolutionPath,
  parseOuResolution,
  renderOuResolution,
  type ResolvedTargets,
  sameTargets,
} from '../config/ou-resolution';
import type { RootGuardConfig } from '../config/schema';
import { UserError } from '../errors';
import { describeAwsError, unreadReason } from './describe-aws-error';
import { writeFileAtomically } from './write-file-atomically';
import { API_RATES, createPacer, type Pacer } from './api-pacer';
import { expandOuPaths, OuIndex, ORGANIZATIONS_API, readOrganization, ROOT_TARGET } from './organization';
import { discoverOrganizationTrail } from './organization-trail/discover-trail';
import type { ControlTowerApi } from './control-tower/control-tower-api';
import { readLandingZone } from './control-tower/read-landing-zone';
import { readEnabledBaselines } from './control-tower/read-enabled-baselines';
import { baselineConfigStackSet } from './preflight/rules/baseline-stack-set';

/**
 * `root-guard resolve` (alias `resolve-ous`): expands the config's stack-set OU targets that include
 * nested OUs into the explicit CfCT paths and, given a CloudTrail client, records the organization
 * trail that delivers to CloudWatch Logs (docs/organization-trail.md); both go to root-guard.ous.yaml
 * beside the config, one generated file reviewed and committed together.
 *
 * Only stack-set targets need it: SCPs attached to an OU already apply to every OU below it.
 */

/** A config target list that a stack set deploys to, by its key path in the config. */
export interface StackSetTargetList {
  readonly key: string;
  readonly targets: readonly string[];
}

/**
 * The config's stack-set target lists that must be expanded: `rootChecks.organizationalUnits` when
 * `rootChecks.includeNestedOUs` is true and the list is not `Root` (which already covers every
 * enrolled account), and a `Root` list when the recorded landing zone has no enrolment stack set for
 * CfCT to resolve it with ({@link rootTargetUnavailable}): then `Root` becomes every OU.
 */
export function targetListsToExpand(config: RootGuardConfig, landingZone?: Pick<RecordedLandingZone, 'baselineConfigStackSet'>): StackSetTargetList[] {
  const lists: StackSetTargetList[] = [];
  const rootChecks = config.rootChecks.organizationalUnits;
  if (rootChecks.includes(ROOT_TARGET) ? rootTargetUnavailable(landingZone) : config.rootChecks.includeNestedOUs) {
    lists.push({ key: 'rootChecks.organizationalUnits', targets: rootChecks });
  }
  return lists;
}

/** `Root` as CfCT paths: every top-level OU and every OU below it (CfCT reaches only accounts directly in a named OU). */
function expandTargets(index: OuIndex, targets: readonly string[]) {
  if (!targets.includes(ROOT_TARGET)) return expandOuPaths(index, targets);
  const topLevel = index.tree.units.filter((u) => u.parentId === index.tree.rootId).map((u) => u.path);
  const rootUnread = index.tree.unread.find((u) => u.parentId === index.tree.rootId);
  const expanded = expandOuPaths(index, topLevel);
  const problems = [
    ...(rootUnread ? [`Root: the OUs under the root could not be listed (${rootUnread.reason})`] : []),
    ...(topLevel.length === 0 && !rootUnread ? ['Root: the organization has no OU, so Root cannot be spelled out as OUs (CfCT needs its enrolment stack set for Root; see docs/reference/cfct.md)'] : []),
    ...expanded.problems,
  ];
  return { paths: expanded.paths, problems };
}

/** Which of CfCT's enrolment stack sets the management account has in `region` (cloudformation:ListStackSets, ACTIVE ones). */
async function readBaselineConfigStackSet(client: CloudFormationClient): Promise<string | undefined> {
  try {
    const names: string[] = [];
    for await (const page of paginateListStackSets({ client }, { Status: 'ACTIVE' })) {
      for (const s of page.Summaries ?? []) if (s.StackSetName) names.push(s.StackSetName);
    }
    return baselineConfigStackSet(names)?.name ?? 'absent';
  } catch {
    return undefined; // not recorded: Root stays as it is, and preflight reads the stack sets itself
  }
}

/** Inputs of {@link resolveOus}. */
export interface ResolveOusOptions {
  readonly config: RootGuardConfig;
  /** The config file; the resolution is written beside it. */
  readonly configFile: string;
  readonly organizations: OrganizationsClient;
  /**
   * CloudTrail in the home region: when given, the organization trail is discovered and recorded.
   * Without it a trail already recorded in the file is kept as it is.
   */
  readonly cloudtrail?: CloudTrailClient;
  /**
   * Control Tower in the home region: with `cloudtrail`, the landing zone (version, integrations) is
   * read and recorded with the trail; a failure is recorded as `not read: <reason>`, not fatal.
   * Without it the record says the landing zone was not asked for.
   */
  readonly controlTower?: ControlTowerApi;
  /**
   * CloudFormation in the home region: with `controlTower`, whether CfCT's enrolment stack set exists
   * is recorded with the landing zone (a `Root` target is expanded without it).
   */
  readonly cloudformation?: CloudFormationClient;
  /**
   * Paces the Organizations calls at the published rates and counts them.
   * @default createPacer(API_RATES)
   */
  readonly pacer?: Pacer;
  /** Organizations parents listed at once. @default DEFAULT_CONCURRENCY (3) */
  readonly concurrency?: number;
  /** Progress of the tree walk: parents listed, parents known. */
  readonly onProgress?: (listed: number, known: number) => void;
  /** The clock, for `resolvedAt`. @default the system clock */
  readonly now?: () => Date;
}

/** One resolved list, with what changed since the file on disk. */
export interface ResolvedList extends ResolvedTargets {
  readonly key: string;
  /** Paths that were not in the previous file (all of them when there was none). */
  readonly added: readonly string[];
  /** Paths of the previous file that are gone. */
  readonly removed: readonly string[];
}

/** What {@link resolveOus} did. */
export interface ResolveOusResult {
  /** The resolution file. */
  readonly file: string;
  /**
   * `written`: the file was created or its content changed; `unchanged`: same content, file not
   * touched (so it stays byte-stable); `not-needed`: no list of the config needs expanding.
   */
  readonly status: 'written' | 'unchanged' | 'not-needed';
  readonly lists: readonly ResolvedList[];
  /** When the content on disk last changed. */
  readonly resolvedAt?: string;
  /** True when the file exists but the config no longer needs it (it is left in place). */
  readonly unusedFileExists: boolean;
  /** The organization trail as recorded now (absent when not discovered and none was recorded). */
  readonly organizationTrail?: RecordedOrganizationTrail;
  /** True when the recorded trail differs from the one in the file before (or there was none). */
  readonly organizationTrailChanged?: boolean;
}

/**
 * Walks the organization and writes root-guard.ous.yaml, atomically and only when its content
 * changes. Throws a {@link UserError} (writing nothing) when a listed OU does not exist, an OU below
 * one cannot be listed, or an OU name cannot be written as a CfCT path: a partial expansion would
 * silently leave accounts without the checks.
 */
export async function resolveOus(options: ResolveOusOptions): Promise<ResolveOusResult> {
  const file = ouResolutionPath(options.configFile);
  const previous = readPrevious(file);
  if (targetListsToExpand(options.config, previous?.organizationTrail?.landingZone).length === 0 && !options.cloudtrail) {
    return { file, status: 'not-needed', lists: [], unusedFileExists: existsSync(file) };
  }
  // The trail first: its failure stops the command (the build needs it), the landing zone's does not.
  const trailFound = options.cloudtrail
    ? await discoverOrganizationTrail(options.cloudtrail, { region: options.config.homeRegion, managementAccountId: options.config.managementAccountId })
    : undefined;
  const landing = trailFound && options.controlTower ? await readLandingZone(options.controlTower, options.config.homeRegion) : undefined;
  const stackSet = landing?.landingZone && options.cloudformation ? await readBaselineConfigStackSet(options.cloudformation) : undefined;
  const landingZone = landing?.landingZone && { ...landing.landingZone, ...(stackSet ? { baselineConfigStackSet: stackSet } : {}) };
  const lists = targetListsToExpand(options.config, trailFound ? landingZone : previous?.organizationTrail?.landingZone);

  // The OU tree is walked when a list needs expanding, or to name the OUs of the enabled baselines when
  // the enrolment stack set is absent (preflight's remedy names them); otherwise those keep their ARNs,
  // so a large organization pays no tree walk for a record nothing reads.
  let index: OuIndex | undefined;
  if (lists.length > 0 || (options.controlTower && rootTargetUnavailable(landingZone))) {
    try {
      index = new OuIndex(await readOrganization(options.organizations, {
        pacer: options.pacer ?? createPacer(API_RATES),
        accounts: false,
        concurrency: options.concurrency,
        onProgress: (p) => options.onProgress?.(p.parentsDone, p.parentsKnown),
      }));
    } catch (err) {
      // Fatal only when a list needs the tree; the baselines' OUs are then named by their ARNs.
      if (lists.length > 0) throw new UserError(`organization root: ${ORGANIZATIONS_API.listRoots} failed: ${unreadReason(describeAwsError(err))}`);
    }
  }
  const enabledBaselines = landingZone && options.controlTower
    ? await readEnabledBaselines(options.controlTower, (id) => index?.tree.units.find((u) => u.id === id)?.path)
    : undefined;
  const discovered: RecordedOrganizationTrail | undefined = trailFound && {
    ...trailFound,
    ...(landing
      ? { landingZoneVersion: landing.landingZoneVersion, ...(landingZone ? { landingZone: { ...landingZone, ...(enabledBaselines ? { enabledBaselines } : {}) } } : {}) }
      : { landingZoneVersion: 'not read: no Control Tower client was given' }),
  };
  const problems: string[] = [];
  const resolved: ResolvedList[] = [];
  for (const list of lists) {
    const expanded = expandTargets(index!, list.targets);
    problems.push(...expanded.problems.map((p) => `${options.configFile}: ${list.key}: ${p}`));
    const before = previous?.targets[list.key]?.paths ?? [];
    resolved.push({
      key: list.key,
      from: [...list.targets],
      paths: expanded.paths,
      added: expanded.paths.filter((p) => !before.includes(p)),
      removed: before.filter((p) => !expanded.paths.includes(p)),
    });
  }
  if (problems.length > 0) {
    throw new UserError([...problems, `${file}: not written (fix the problems above, then run \`root-guard resolve\` again)`]);
  }

  const targets: Record<string, ResolvedTargets> = {};
  for (const list of resolved) targets[list.key] = { from: list.from, paths: list.paths };
  const organizationTrail = discovered ?? previous?.organizationTrail;
  const trail = organizationTrail ? { organizationTrail, organizationTrailChanged: !isDeepStrictEqual(organizationTrail, previous?.organizationTrail) } : {};
  if (previous && sameContent(previous, targets) && !trail.organizationTrailChanged) {
    return { file, status: 'unchanged', lists: resolved, resolvedAt: previous.resolvedAt, unusedFileExists: false, ...trail };
  }
  const resolvedAt = (options.now ?? (() => new Date()))().toISOString();
  writeFileAtomically(file, renderOuResolution({ resolvedAt, targets, organizationTrail }));
  return { file, status: 'written', lists: resolved, resolvedAt, unusedFileExists: false, ...trail };
}

/** The file on disk, if it is a valid resolution; a broken one is simply regenerated. */
function readPrevious(file: string): OuResolution | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return parseOuResolution(readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
}

function sameContent(previous: OuResolution, targets: Record<string, ResolvedTargets>): boolean {
  const keys = Object.keys(targets);
  if (Object.keys(previous.targets).length !== keys.length) return false;
  return keys.every((key) => {
    const before = previous.targets[key];
    return before !== undefined
      && sameTargets(before.from, targets[key].from)
      && before.paths.length === targets[key].paths.length
      && before.paths.every((p, i) => p === targets[key].paths[i]);
  });
}
