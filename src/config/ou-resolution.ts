import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isNode, isPair, isScalar, stringify, type Document } from 'yaml';
import * as z from 'zod/mini';
import { capProblems, showValue, UserError } from '../errors';
import { recordedLandingZoneSchema, rootTargetUnavailable } from './landing-zone-record';
import { recordedOrganizationTrailSchema, type RecordedOrganizationTrail } from './organization-trail-record';
import { organizationalUnitPath, type RootGuardConfig } from './schema';
import { cutKey, parseYamlWithPositions, readTextInput } from './yaml-input';

/**
 * `root-guard.ous.yaml`: the config's OU targets resolved against the live organization into the
 * explicit CfCT paths the manifest needs. CfCT reaches only accounts directly in a named OU
 * (docs/reference/cfct.md#r6-ou-targets, aws-control-tower-customizations#131), so "Workloads and
 * everything below it" must be listed OU by OU. `root-guard resolve` (alias `resolve-ous`) writes the file (it needs
 * AWS credentials); the build only reads it, so the build stays offline and reproducible.
 */

/** The file's name; it lives beside the config file and is committed with it. */
export const OU_RESOLUTION_FILE = 'root-guard.ous.yaml';

/** What to run when the file is missing or stale. */
const FIX = 'run `root-guard resolve` (needs AWS credentials for the management account) and commit root-guard.ous.yaml';

/** One resolved target list. */
export interface ResolvedTargets {
  /** The config's list this was resolved from, as written there. */
  readonly from: readonly string[];
  /** The explicit CfCT paths: every listed OU and every OU below it, sorted. */
  readonly paths: readonly string[];
}

/** The contents of root-guard.ous.yaml. */
export interface OuResolution {
  /** The file it was read from (for messages); '' when not read from a file. */
  readonly file: string;
  /** When the resolution last changed (ISO 8601, UTC). */
  readonly resolvedAt: string;
  /** Config key path (e.g. `rootChecks.organizationalUnits`) → its resolution. */
  readonly targets: Readonly<Record<string, ResolvedTargets>>;
  /** Config key path → `file:line:col` of its entry (where its `from:` starts), for messages. */
  readonly positions: Readonly<Record<string, string>>;
  /** The organization trail `root-guard resolve` found (absent in files written before it recorded one). */
  readonly organizationTrail?: RecordedOrganizationTrail;
  /** `file:line:col` of the `organizationTrail:` section, for messages. */
  readonly organizationTrailPosition?: string;
}

const resolvedTargetsSchema = z.strictObject({
  from: z.array(organizationalUnitPath, { error: 'must be the list of OU paths the config names' }).check(z.minLength(1, { error: 'must not be empty' })),
  paths: z.array(organizationalUnitPath, { error: 'must be a list of OU paths' }).check(z.minLength(1, { error: 'must not be empty' })),
}, { error: 'must be a mapping with from and paths' });

const fileSchema = z.strictObject({
  resolvedAt: z.iso.datetime({ error: 'must be an ISO 8601 UTC time such as 2026-01-31T12:00:00.000Z' }),
  targets: z._default(z.record(z.string(), resolvedTargetsSchema, { error: 'must map config keys to {from, paths}' }), {}),
  organizationTrail: z.optional(recordedOrganizationTrailSchema),
}, { error: 'must be a mapping with resolvedAt, targets and organizationTrail' });

/**
 * Whether `build` uses root-guard.ous.yaml for `config`: the OU expansion with
 * `rootChecks.includeNestedOUs` or of a `Root` target, the recorded trail's log group when the config names none. Otherwise
 * the build does not read the file, so a stale or hand-broken record cannot stop a build that would
 * not use it (a missing file never stops one: then the default log group name applies, with a notice).
 */
export function ouResolutionNeeded(config: Pick<RootGuardConfig, 'rootChecks' | 'organizationTrail'>): boolean {
  // A Root target too: the record says whether CfCT can resolve it (rootTargetUnavailable).
  return config.rootChecks.includeNestedOUs || config.rootChecks.organizationalUnits.includes('Root') || !config.organizationTrail?.logGroupName;
}

/** The path of the resolution file that belongs to a config file. */
export function ouResolutionPath(configFile: string): string {
  return join(dirname(configFile), OU_RESOLUTION_FILE);
}

/**
 * Reads root-guard.ous.yaml beside `configFile`. Returns undefined when there is none; throws a
 * {@link UserError} with `file:line:col` for a file that is not a valid resolution.
 */
export function loadOuResolution(configFile: string): OuResolution | undefined {
  const file = ouResolutionPath(configFile);
  if (!existsSync(file)) return undefined;
  return parseOuResolution(readTextInput(file, { noun: 'OU resolution file', whenMissing: FIX }), file);
}

/** Validates the text of a resolution file; `file` is used in messages. */
export function parseOuResolution(source: string, file: string): OuResolution {
  const regenerate = `(the file is generated: ${FIX})`;
  const { doc, data, position } = parseYamlWithPositions(source, file, `the file is generated: ${FIX}`);
  const result = fileSchema.safeParse(data ?? undefined);
  if (!result.success) {
    const keyPath = (path: readonly (string | number)[]) =>
      path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${cutKey(p)}` : cutKey(p)), '') || '(top level)';
    throw new UserError(capProblems(result.error.issues.flatMap((issue) => {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      if (issue.code === 'unrecognized_keys') {
        // Point at each unknown key, not at the mapping that holds it.
        const offsets = keyOffsets(doc, path);
        return issue.keys.map((key) => `${position(offsets.get(key) ?? offsetOf(doc, path))}: ${keyPath([...path, key])}: unknown key ${showValue(key)} (allowed keys: ${allowedKeys(path)}) ${regenerate}`);
      }
      return [`${position(offsetOf(doc, path))}: ${keyPath(path)}: ${issue.message} ${regenerate}`];
    })));
  }
  const positions: Record<string, string> = {};
  for (const key of Object.keys(result.data.targets)) positions[key] = position(offsetOf(doc, ['targets', key]));
  const trail = result.data.organizationTrail;
  return {
    file,
    resolvedAt: result.data.resolvedAt,
    targets: result.data.targets,
    positions,
    ...(trail ? { organizationTrail: trail, organizationTrailPosition: position(offsetOf(doc, ['organizationTrail'])) } : {}),
  };
}

/** The keys allowed in the mapping at `path`, for "unknown key" messages. */
function allowedKeys(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'resolvedAt, targets, organizationTrail';
  if (path[0] === 'organizationTrail' && path[1] === 'landingZone') {
    return path[2] === 'integrations' ? 'config, centralizedLogging' : Object.keys(recordedLandingZoneSchema.def.shape).join(', ');
  }
  if (path[0] === 'organizationTrail') return Object.keys(recordedOrganizationTrailSchema.def.shape).join(', ');
  return 'from, paths';
}

/** Where each key of the mapping at `path` is written (one pass: a mapping may have thousands of keys). */
function keyOffsets(doc: Document, path: readonly (string | number)[]): Map<unknown, number | undefined> {
  const parent = path.length === 0 ? doc.contents : (doc.getIn(path, true) as unknown);
  if (!isMap(parent)) return new Map();
  return new Map(parent.items.map((p) => [isScalar(p.key) ? p.key.value : p.key, isNode(p.key) ? p.key.range?.[0] : undefined]));
}

function offsetOf(doc: Document, path: readonly (string | number)[]): number | undefined {
  for (let i = path.length; i >= 0; i--) {
    const node = i === 0 ? doc.contents : (doc.getIn(path.slice(0, i), true) as unknown);
    if (isNode(node)) return node.range?.[0];
    if (isPair(node) && isNode(node.key)) return node.key.range?.[0];
  }
  return undefined;
}

/** Whether two target lists name the same OUs (order does not matter: the result is sorted). */
export function sameTargets(a: readonly string[], b: readonly string[]): boolean {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
}

/**
 * The explicit CfCT paths for one stack-set target list of the config: `Root` as is (it already
 * means every enrolled account) unless the recorded landing zone has no enrolment stack set for CfCT
 * to resolve it with, anything else from the resolution. Pure and offline (the build calls it).
 * Throws a {@link UserError} when the resolution is missing or was made from a different list than
 * the config's.
 */
export function expandStackSetTargets(key: string, targets: readonly string[], resolution: OuResolution | undefined): string[] {
  const root = targets.includes('Root');
  if (root && !rootTargetUnavailable(resolution?.organizationTrail?.landingZone)) return [...targets];
  const shown = `[${targets.join(', ')}]`;
  if (!resolution) {
    throw new UserError(`${OU_RESOLUTION_FILE}: ${key}: missing, and ${key} ${shown} must be expanded to every OU below them (${FIX})`);
  }
  const entry = resolution.targets[key];
  if (!entry) {
    const why = root
      ? `the recorded landing zone has no AWSControlTowerBP-BASELINE-CONFIG stack set, which CfCT resolves Root with, so Root must be spelled out as every OU (${FIX})`
      : FIX;
    throw new UserError(`${resolution.file || OU_RESOLUTION_FILE}:1:1: targets.${key}: not resolved yet (${why})`);
  }
  if (!sameTargets(entry.from, targets)) {
    const at = resolution.positions[key] ?? `${resolution.file || OU_RESOLUTION_FILE}:1:1`;
    throw new UserError(`${at}: targets.${key}.from: resolved from [${entry.from.join(', ')}] but the config now lists ${shown} (${FIX})`);
  }
  return [...entry.paths];
}

/** The header every generated resolution file starts with. */
export const OU_RESOLUTION_HEADER = [
  '# Generated by `root-guard resolve`: do not edit.',
  '# The OU lists of root-guard.config.yaml that include nested OUs, resolved against the live organization',
  '# into the explicit CfCT paths (CfCT reaches only accounts directly in a named OU). `root-guard build`',
  '# reads this file and stays offline. Re-run `root-guard resolve` after changing those lists or the',
  '# OU tree (a new OU below a listed one is not covered until you do), and commit the result.',
].join('\n');

/**
 * Renders a resolution as the file's text: header, then `resolvedAt`, `targets` with sorted keys and,
 * when recorded, `organizationTrail`.
 */
export function renderOuResolution(resolution: Pick<OuResolution, 'resolvedAt' | 'targets' | 'organizationTrail'>): string {
  const targets: Record<string, { from: string[]; paths: string[] }> = {};
  for (const key of Object.keys(resolution.targets).sort()) {
    const entry = resolution.targets[key];
    targets[key] = { from: [...entry.from], paths: [...entry.paths] };
  }
  const trail = resolution.organizationTrail ? { organizationTrail: { ...resolution.organizationTrail } } : {};
  return `${OU_RESOLUTION_HEADER}\n${stringify({ resolvedAt: resolution.resolvedAt, targets, ...trail }, { lineWidth: 0 })}`;
}
