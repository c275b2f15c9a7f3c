import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { loadConfig, positionAtKeys } from '../config/load';
import { loadOuResolution, ouResolutionNeeded } from '../config/ou-resolution';
import { renderPackage } from '../package/generate';
import type { RootGuardConfig } from '../config/schema';
import { describeStrayTemplate, strayTemplateFiles } from '../package/stray-templates';
import { describeLimitProblem, TemplateLimitError } from '../package/template-limits';
import { createPlan, describeReachGaps, PACKAGE_PATHS, type Plan, scpReachGaps } from '../plan';
import { UserError } from '../errors';
import { describeScpSlots, reportScpSlots } from '../scps';
import { readGeneratedRecord, writePackage } from '../package/write';
import { diffPackage, readCommittedPackage, readPackageOnDisk, renderSecurityDiff } from '../security-diff';
import { describeOutOfPipelineWork } from './build-notices';

/** Options of `root-guard build`. */
export interface BuildCommandOptions {
  readonly config: string;
  /** Package root; default: the config file's directory (the repository root). */
  readonly out?: string;
  /** Compare only: exit 1 if the package on disk differs from what the config generates. */
  readonly check?: boolean;
  /** Write nothing: print the security review of the change against the committed package. */
  readonly diff?: boolean;
}

/** What `root-guard build` does once its options are parsed (the action of definitions/build.ts). */
export function buildAction(options: BuildCommandOptions): void {
  // One write at the end instead of one per line: with 1,000 OUs the SCP slot report is 1,000
  // lines, and 1,000 writes to a pipe cost about 8 ms more than one (measured, median of 15).
  const lines: string[] = [];
  try {
    process.exitCode = runBuild(options, (line) => lines.push(line));
  } finally {
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/** What `build` reads: the config file, the config, and the plan made from it with the records beside it. */
export interface BuildInputs {
  readonly file: string;
  readonly config: RootGuardConfig;
  readonly plan: Plan;
  /** The config file was found in a directory above the current one (no --config given). */
  readonly foundAbove?: boolean;
}

/**
 * Loads a config file and plans it as `build` does: with root-guard.ous.yaml beside it when the config
 * uses it (the OU expansion with includeNestedOUs, or the trail's log group without
 * organizationTrail.logGroupName). The committed-package test plans the repository's config with it.
 */
export function loadBuildInputs(configPath: string): BuildInputs {
  const { file, config, foundAbove } = loadConfig(configPath);
  return { file, config, foundAbove, plan: createPlan(config, ouResolutionNeeded(config) ? loadOuResolution(file) : undefined) };
}

/** Runs the build; returns the exit code. Throws UserError on bad config or conflicts (nothing written). */
export function runBuild(options: BuildCommandOptions, print: (line: string) => void): number {
  const { file, config, plan, foundAbove } = loadBuildInputs(options.config);
  // Said first: the package is written beside that file, not in the current directory.
  if (foundAbove) print(`Using ${file} (found above the current directory; the package is written beside it).`);
  const outDir = options.out ?? dirname(file);
  const { files, policies } = renderWithPositions(plan, file);
  // Said once per build: the default name is wrong for landing zones from 4.0 on (docs/organization-trail.md).
  if (plan.organizationTrail.notice) print(plan.organizationTrail.notice);
  const shown = (path: string) => relative(process.cwd(), join(outDir, path)) || path;

  if (options.diff) {
    const baseline = readCommittedPackage(outDir);
    print(`Compared with the package at ${baseline.source === 'git HEAD' ? 'git HEAD (committed)' : `${outDir} (not a git checkout)`}; nothing written.`);
    for (const line of renderSecurityDiff(diffPackage(baseline.files, files))) print(line);
    return 0;
  }

  const strays = strayTemplateFiles(outDir, files);
  if (options.check) {
    const stale = [...files].filter(([path, content]) => {
      const target = join(outDir, path);
      return !existsSync(target) || readFileSync(target, 'utf8') !== content;
    });
    for (const [path] of stale) print(`out of date: ${shown(path)}`);
    for (const path of strays) print(`stray:       ${describeStrayTemplate(shown(path))}`);
    const clean = stale.length === 0 && strays.length === 0;
    print(clean ? `The package in ${outDir} is up to date with ${file}.` : stale.length > 0 ? `Run \`npx root-guard build\` and commit the result.` : 'Move the stray files out of templates/ and commit.');
    return clean ? 0 : 1;
  }

  const readPrevious = (path: string) => (existsSync(join(outDir, path)) ? readFileSync(join(outDir, path), 'utf8') : undefined);
  const previous = { manifest: readPrevious(PACKAGE_PATHS.manifest), executionRoleTemplate: readPrevious(PACKAGE_PATHS.executionRoleTemplate), record: readGeneratedRecord(outDir) };
  const onDisk = readPackageOnDisk(outDir).files;
  const result = writePackage(outDir, files, { managementAccountId: config.managementAccountId });
  for (const path of result.written) print(`wrote     ${shown(path)}`);
  for (const path of result.removed) print(`removed   ${shown(path)}`);
  print(`${files.size} files: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed.`);
  // Left alone (build never touches what it did not write), but said: `build --check` fails on them.
  for (const path of strays) print(`stray     ${describeStrayTemplate(shown(path))}`);
  // What this build changed, for a person to review before committing (issue 28 §4).
  if (result.written.length + result.removed.length > 0) for (const line of renderSecurityDiff(diffPackage(onDisk, files))) print(line);
  if (policies.length > 0) {
    print('SCP slots per target (the limit counts every SCP attached directly to the OU or root):');
    for (const line of describeScpSlots(reportScpSlots(config.scp.organizationalUnits, policies))) print(`  ${line}`);
  }
  // Not an error: the package is valid, but what scp.protectBaseline protects outside its OUs is not protected.
  const gaps = scpReachGaps(plan, config.scp.protectBaseline);
  if (gaps.length > 0) {
    print('SCP reach (scp.protectBaseline protects these only where the SCP applies; see docs/root-checks-and-scps.md):');
    for (const line of describeReachGaps(gaps, config.acknowledgedGaps)) print(`  ${line}`);
  }
  const work = describeOutOfPipelineWork(previous, files, { includeNestedOUs: config.rootChecks.includeNestedOUs === true, managementAccountId: config.managementAccountId });
  if (work.length > 0) {
    print('Outside the pipeline (CfCT will not do these):');
    for (const line of work) print(`  ${line}`);
  }
  return 0;
}

/** {@link renderPackage}, with a template over a CloudFormation limit reported at the config key that makes it grow. */
function renderWithPositions(plan: Plan, configFile: string): ReturnType<typeof renderPackage> {
  try {
    return renderPackage(plan);
  } catch (err) {
    if (!(err instanceof TemplateLimitError)) throw err;
    const keyed = err.limitProblems.filter((p) => p.key);
    const placed = positionAtKeys(configFile, keyed.map((p) => ({ key: p.key as readonly (string | number)[], text: describeLimitProblem(p) })));
    const unplaced = err.limitProblems.filter((p) => !p.key).map(describeLimitProblem);
    throw new UserError([...placed, ...unplaced, 'Nothing was written.']);
  }
}
