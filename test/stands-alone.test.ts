import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/config';

/*
 * The repository stands alone (issue 10 §6): a user who clones it must be able to follow every
 * citation. Nothing in src/, test/, docs/, scripts/ or the README may point at `../shared/` (a team
 * folder beside the repository on our machines, nowhere else) or cite its notes by name. The facts
 * those notes held are in docs/reference/ with their public sources.
 *
 * Allowed: `.ci/run` (not scanned) and the test support that runs CfCT's manifest checker from
 * `../shared/tools/` (listed below, by file and by what the line must contain).
 */

const SCANNED = ['src', 'test', 'docs', 'scripts', 'bin', 'README.md', 'jest.config.js'];
const SKIPPED_DIRS = new Set(['node_modules', 'fixtures']);

/** Names of the team's notes (and of their folder) that mean nothing outside our machines. */
const PRIVATE_REFERENCE = /\.\.\/shared\b|\b(RULES|DETECTION|STYLE|root-detection|tooling)\.md\b/;

/** The lines allowed to mention ../shared: the manifest checker's location, nothing else. */
const ALLOWED: readonly { readonly file: string; readonly line: RegExp }[] = [
  { file: 'test/support/config.ts', line: /SHARED_DIR = join\(REPO_ROOT, '\.\.', 'shared'\)|\.\.\/shared beside the repository/ },
  { file: 'test/support/cfct.ts', line: /manifest checker .* from \.\.\/shared\/tools/ },
  { file: 'test/support/external-judges.ts', line: /SHARED_DIR/ },
];

/** Every text file under the scanned places, relative to `root`. */
function scannedFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (!SKIPPED_DIRS.has(name)) walk(`${rel}/${name}`);
    } else if (/\.(ts|js|mjs|cjs|md|json|ya?ml)$/.test(rel)) {
      out.push(rel);
    }
  };
  for (const top of SCANNED) walk(top);
  return out;
}

/** `file:line: text` for each line that points outside the repository and is not allowed. */
function privateReferences(root: string): string[] {
  const found: string[] = [];
  for (const file of scannedFiles(root)) {
    if (file === 'test/stands-alone.test.ts') continue; // this file names what it looks for
    readFileSync(join(root, file), 'utf8').split('\n').forEach((text, i) => {
      if (!PRIVATE_REFERENCE.test(text)) return;
      if (ALLOWED.some((a) => a.file === file && a.line.test(text))) return;
      found.push(`${file}:${i + 1}: ${text.trim()}`);
    });
  }
  return found;
}

describe('the repository stands alone', () => {
  test('nothing but the manifest checker\'s support points at ../shared or cites the team notes', () => {
    // Cite an AWS page, CfCT's source or issue on GitHub, or a heading of docs/reference/ instead.
    expect(privateReferences(REPO_ROOT)).toEqual([]);
  });

  test('every docs/reference anchor cited in src/, test/, docs/ and the README exists', () => {
    const slugs = (page: string): Set<string> => {
      const seen = new Map<string, number>();
      const anchors = new Set<string>();
      let fenced = false;
      for (const line of readFileSync(join(REPO_ROOT, 'docs', 'reference', page), 'utf8').split('\n')) {
        if (line.startsWith('```')) fenced = !fenced;
        const m = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
        if (!m) continue;
        // GitHub's heading slugs: lower case, punctuation dropped, spaces to hyphens, -1 for repeats.
        const base = m[1].replace(/`/g, '').toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
        const k = seen.get(base) ?? 0;
        seen.set(base, k + 1);
        anchors.add(k === 0 ? base : `${base}-${k}`);
      }
      return anchors;
    };
    const missing: string[] = [];
    const pages = new Map<string, Set<string>>();
    for (const file of scannedFiles(REPO_ROOT)) {
      if (file === 'test/stands-alone.test.ts') continue;
      readFileSync(join(REPO_ROOT, file), 'utf8').split('\n').forEach((text, i) => {
        for (const m of text.matchAll(/(?:docs\/)?reference\/([a-z-]+\.md)#([a-z0-9_-]+)|\]\(([a-z-]+\.md)#([a-z0-9_-]+)\)/g)) {
          const page = m[1] ?? m[3];
          const anchor = m[2] ?? m[4];
          if (!m[1] && !file.startsWith('docs/reference/')) continue; // a relative link outside docs/reference/ is another page's
          if (!existsSync(join(REPO_ROOT, 'docs', 'reference', page))) {
            missing.push(`${file}:${i + 1}: docs/reference/${page} does not exist`);
            continue;
          }
          if (!pages.has(page)) pages.set(page, slugs(page));
          if (!pages.get(page)?.has(anchor)) missing.push(`${file}:${i + 1}: docs/reference/${page}#${anchor} has no such heading`);
        }
      });
    }
    expect(missing).toEqual([]);
  });
});
