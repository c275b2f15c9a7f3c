import { execFileSync } from 'node:child_process';

/**
 * Which root-guard this is: the package version, and the commit the CLI was bundled from.
 *
 * Its own module, imported by main.ts and by the commands that stamp their `--json` output, so no
 * command imports the dispatcher back (that was the one import cycle in src/).
 */

/** The package version (kept in sync with package.json by a test). */
export const PACKAGE_VERSION = '0.1.0';

/**
 * The commit the bundle was made from (`abc123def456`, with `-dirty` when tracked files differed),
 * written into dist/ by scripts/bundle.js (esbuild `define`): from git in a clone, else from the
 * `COMMIT` file `git archive` fills in. Undefined when neither knew it, and when the sources run
 * unbundled (the tests).
 */
declare const ROOT_GUARD_COMMIT: string | undefined;

/** The commit recorded at bundle time, or undefined. */
export function bundledCommit(): string | undefined {
  return typeof ROOT_GUARD_COMMIT === 'string' && ROOT_GUARD_COMMIT !== '' ? ROOT_GUARD_COMMIT : undefined;
}

/** What `root-guard --version` prints: `0.1.0 (commit abc123def456)`, or the version alone when no commit is known. */
export function versionText(commit: string | undefined = bundledCommit()): string {
  return commit ? `${PACKAGE_VERSION} (commit ${commit})` : PACKAGE_VERSION;
}

let recorded: string | undefined;

/**
 * The commit for what root-guard writes down (every `--json` envelope's `meta.commit`, the report
 * page): the bundled commit; run from source (the tests, `tsx`), git's HEAD, asked once and bounded to
 * 2 s; else `unknown`, never a guess.
 */
export function recordedCommit(): string {
  if (recorded !== undefined) return recorded;
  const bundled = bundledCommit();
  if (bundled) return (recorded = bundled);
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: __dirname, timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim();
    recorded = /^[0-9a-f]{40}$/.test(out) ? out : 'unknown';
  } catch {
    recorded = 'unknown';
  }
  return recorded;
}
