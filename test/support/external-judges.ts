import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SHARED_DIR } from './config';

/**
 * The external judges of the test suite: programs outside npm that check the generated package the
 * way AWS and CfCT will. Without one, a run on a user's machine skips that judge's tests with one
 * line naming it and how to install it (printed once, by jest's global setup); under CI (`CI=true`)
 * a missing judge fails the run, so CI never passes without them.
 */
export interface ExternalJudge {
  /** What the skip line calls it. */
  readonly name: string;
  /** What it checks. */
  readonly checks: string;
  /** How to install it, per platform. */
  readonly install: { readonly linux: string; readonly macos: string };
}

export const CFN_LINT: ExternalJudge = {
  name: 'cfn-lint',
  checks: 'every template against the CloudFormation resource specification',
  install: { linux: 'pipx install cfn-lint (or pip install cfn-lint)', macos: 'brew install cfn-lint' },
};

/**
 * A second opinion on the manifest: CfCT's own pykwalify schema run by Python, from a checker script
 * beside the repository (tools/cfct-schema-check under SHARED_DIR, on the project's machines and CI). The
 * project's own validator (src/cfct-manifest) checks every manifest in every run; this judge runs
 * too where the script is present, and a clone without it skips it (even under CI=true) with a line
 * saying so. Where the script is present but Python lacks its packages, it is a missing judge as any other.
 */
export const CFCT_MANIFEST_CHECK: ExternalJudge & { readonly script: string } = {
  name: 'CfCT manifest check (Python 3 with pykwalify, PyYAML, dateutil)',
  checks: "the manifest against CfCT's own pykwalify schema and PyYAML's reading of it",
  install: {
    linux: 'apt-get install python3-pykwalify python3-yaml python3-dateutil',
    macos: 'python3 -m pip install pykwalify pyyaml python-dateutil',
  },
  script: join(SHARED_DIR, 'tools', 'cfct-schema-check'),
};

/** The one line printed when the CfCT checker script is not beside the repository (never a failure). */
export function absentCheckerLine(script: string = CFCT_MANIFEST_CHECK.script): string {
  return `judge skipped: CfCT's pykwalify manifest check (a second opinion) is not beside this repository (${script} does not exist); `
    + "the project's own validator (src/cfct-manifest) checks the manifest, its schema, CfCT's rules and the files it names in every run";
}

/** Whether the CfCT checker script is beside the repository at all. */
export function cfctCheckerPresent(): boolean {
  return existsSync(CFCT_MANIFEST_CHECK.script);
}

/** What to do about one judge. */
export type JudgeDecision = 'run' | 'skip' | 'fail';

/** Whether the environment is CI: `CI=true` (or `1`), as GitHub Actions, GitLab and most CI systems set it. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/** Run an installed judge; without it, skip on a user's machine and fail under CI. */
export function decideJudge(available: boolean, env: NodeJS.ProcessEnv): JudgeDecision {
  if (available) return 'run';
  return isCi(env) ? 'fail' : 'skip';
}

/** The one line printed for a judge that is not run. */
export function missingJudgeLine(judge: ExternalJudge, decision: Exclude<JudgeDecision, 'run'>): string {
  const install = `install it: Linux: ${judge.install.linux}; macOS: ${judge.install.macos}`;
  return decision === 'skip'
    ? `judge skipped: ${judge.name} (checks ${judge.checks}) is not installed (${install})`
    : `judge missing: ${judge.name} (checks ${judge.checks}) is not installed, and CI=true does not skip judges (${install})`;
}

/** Whether an executable of this name is on PATH (without running it: cfn-lint takes ~1 s to start). */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PATH ?? '').split(delimiter).filter(Boolean).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The manifest checker script (CfCT's schema + build-stage rules). */
export const CFCT_SCHEMA_CHECK = CFCT_MANIFEST_CHECK.script;

const availability = new Map<ExternalJudge, boolean>();

/** Whether a judge is installed (checked once per process). */
export function isJudgeAvailable(judge: ExternalJudge): boolean {
  let available = availability.get(judge);
  if (available === undefined) {
    available = judge === CFN_LINT
      ? onPath('cfn-lint')
      : cfctCheckerPresent() && spawnSync('/usr/bin/python3', ['-c', 'import pykwalify.core, yaml, dateutil'], { stdio: 'ignore' }).status === 0;
    availability.set(judge, available);
  }
  return available;
}

/** `test` when the judge runs (or must fail, under CI), `test.skip` when it is skipped (or, for the CfCT checker, absent). */
export function judgeTest(judge: ExternalJudge): jest.It {
  if (judge === CFCT_MANIFEST_CHECK && !cfctCheckerPresent()) return test.skip;
  return decideJudge(isJudgeAvailable(judge), process.env) === 'skip' ? test.skip : test;
}
