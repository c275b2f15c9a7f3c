import { execFileSync } from 'node:child_process';

/**
 * The git commit root-guard runs from, for every `--json` envelope's `meta.commit`.
 *
 * The bundle (scripts/bundle.js) writes the commit it was built from into the code as
 * `ROOT_GUARD_COMMIT`, so an installed CLI needs no git. Run from source (the tests, `tsx`), it asks
 * git once, bounded to 2 s; anywhere else the answer is `unknown`, never a guess.
 */
declare const ROOT_GUARD_COMMIT: string | undefined;

let cached: string | undefined;

/** The commit, `<40 hex>` (with `-dirty` when the bundle was built from changed files), or `unknown`. */
export function sourceCommit(): string {
  if (cached !== undefined) return cached;
  if (typeof ROOT_GUARD_COMMIT === 'string' && ROOT_GUARD_COMMIT !== '') return (cached = ROOT_GUARD_COMMIT);
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: __dirname, timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim();
    cached = /^[0-9a-f]{40}$/.test(out) ? out : 'unknown';
  } catch {
    cached = 'unknown';
  }
  return cached;
}
