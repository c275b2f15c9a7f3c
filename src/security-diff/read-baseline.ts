import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package directories and the manifest: every file the security review compares. */
const PACKAGE_DIRECTORIES = ['templates', 'policies', 'prerequisites'] as const;
const MANIFEST = 'manifest.yaml';

/** Where the baseline of a review came from. */
export interface Baseline {
  /** `git HEAD` (the committed package) or `disk` (the files in the package directory). */
  readonly source: 'git HEAD' | 'disk';
  readonly files: ReadonlyMap<string, string>;
}

/** The package files on disk in `root`: manifest.yaml and every JSON file of the package directories. */
export function readPackageOnDisk(root: string): Baseline {
  const files = new Map<string, string>();
  const manifest = join(root, MANIFEST);
  if (existsSync(manifest)) files.set(MANIFEST, readFileSync(manifest, 'utf8'));
  for (const dir of PACKAGE_DIRECTORIES) {
    const full = join(root, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).filter((n) => n.endsWith('.json')).sort()) files.set(`${dir}/${name}`, readFileSync(join(full, name), 'utf8'));
  }
  return { source: 'disk', files };
}

/**
 * The package as committed: the same files at git's HEAD, read with one `git ls-tree` and one
 * `git cat-file --batch` (bounded to 10 s each). Falls back to the files on disk when `root` is not in
 * a git work tree or HEAD has no commit yet, and says so in `source`.
 */
export function readCommittedPackage(root: string): Baseline {
  const git = (args: readonly string[], input?: string): Buffer => execFileSync('git', [...args], { cwd: root, timeout: 10_000, input, stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  let prefix: string;
  let names: string[];
  try {
    prefix = git(['rev-parse', '--show-prefix']).toString('utf8').trim();
    names = git(['ls-tree', '-r', '--name-only', 'HEAD', '--', MANIFEST, ...PACKAGE_DIRECTORIES]).toString('utf8').split('\n')
      .filter((n) => n === MANIFEST || (n.endsWith('.json') && PACKAGE_DIRECTORIES.some((d) => n.startsWith(`${d}/`) && !n.slice(d.length + 1).includes('/'))));
  } catch {
    return readPackageOnDisk(root);
  }
  const files = new Map<string, string>();
  if (names.length === 0) return { source: 'git HEAD', files };
  const out = git(['cat-file', '--batch'], names.map((n) => `HEAD:${prefix}${n}`).join('\n') + '\n');
  let at = 0;
  for (const name of names) {
    const end = out.indexOf(10, at);
    const header = out.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    files.set(name, out.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return { source: 'git HEAD', files };
}
