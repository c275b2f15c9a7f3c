import { opendir, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';

/** What the walk found for one path: a file to read, one it left out on purpose, or a path it could not read. */
export type WalkEntry =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'ignored'; readonly path: string; readonly reason: string }
  | { readonly kind: 'problem'; readonly path: string; readonly problem: string };

/**
 * File names read when found inside a directory: CloudTrail's `….json.gz`, plain `.json`, and JSON
 * lines. A file named on the command line is always read, whatever its name.
 */
const READABLE = /\.(json|jsonl|ndjson)(\.gz)?$|\.gz$/i;

/**
 * CloudTrail digest files (integrity validation) sit beside the logs in `CloudTrail-Digest/` and are
 * named `…_CloudTrail-Digest_…json.gz`; they hold hashes, not events
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html).
 */
const DIGEST_DIR = 'CloudTrail-Digest';
const DIGEST_FILE = /_CloudTrail-Digest_/;

/**
 * Walks the given paths lazily, directories recursively in name order (CloudTrail's
 * `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/` layout then reads in time order). Nothing is
 * collected up front, so a folder with millions of files costs no more memory than one directory listing.
 * Symbolic links to files are read; symbolic links to directories are not followed (no cycles).
 */
export async function* walkInputs(paths: readonly string[]): AsyncGenerator<WalkEntry> {
  const covered = await coveringInputs(paths);
  for (const [i, path] of paths.entries()) {
    if (covered[i] !== undefined) {
      yield { kind: 'ignored', path, reason: covered[i] === path ? 'given twice (read once)' : `already read as part of ${covered[i]}` };
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      yield { kind: 'problem', path, problem: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? String(err)})` };
      continue;
    }
    if (info.isDirectory()) yield* walkDirectory(path);
    else if (info.isFile()) yield { kind: 'file', path };
    else yield { kind: 'problem', path, problem: 'not a regular file or directory' };
  }
}

async function* walkDirectory(dir: string): AsyncGenerator<WalkEntry> {
  let names: { name: string; isDir: boolean; isFile: boolean; isLink: boolean }[];
  try {
    const handle = await opendir(dir);
    names = [];
    for await (const entry of handle) {
      names.push({ name: entry.name, isDir: entry.isDirectory(), isFile: entry.isFile(), isLink: entry.isSymbolicLink() });
    }
  } catch (err) {
    yield { kind: 'problem', path: dir, problem: `cannot list the directory (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const path = join(dir, entry.name);
    if (entry.isDir) {
      if (entry.name === DIGEST_DIR) yield { kind: 'ignored', path, reason: 'CloudTrail digest files (no events)' };
      else yield* walkDirectory(path);
      continue;
    }
    let isFile = entry.isFile;
    if (entry.isLink) {
      try {
        const target = await stat(path);
        if (target.isDirectory()) {
          yield { kind: 'ignored', path, reason: 'symbolic link to a directory (not followed)' };
          continue;
        }
        isFile = target.isFile();
      } catch {
        yield { kind: 'problem', path, problem: 'broken symbolic link' };
        continue;
      }
    }
    if (!isFile) continue;
    if (DIGEST_FILE.test(basename(path))) yield { kind: 'ignored', path, reason: 'CloudTrail digest file (no events)' };
    else if (READABLE.test(entry.name)) yield { kind: 'file', path };
    else yield { kind: 'ignored', path, reason: 'not a .json, .jsonl, .ndjson or .gz file' };
  }
}

/**
 * For each input, the earlier input (or enclosing directory input) that already reads it, so a FILE
 * or DIR given twice, or a file inside a directory also given, is read once. Compared by real path
 * (symbolic links resolved); memory grows with the number of inputs, not of files.
 */
async function coveringInputs(paths: readonly string[]): Promise<(string | undefined)[]> {
  const resolved = await Promise.all(paths.map(async (path) => {
    try {
      return { real: await realpath(path), dir: (await stat(path)).isDirectory() };
    } catch {
      return undefined; // reported by the walk
    }
  }));
  return paths.map((_, i) => {
    const me = resolved[i];
    if (!me) return undefined;
    const by = resolved.findIndex((other, j) => other !== undefined && j !== i && (
      (other.real === me.real && j < i) || (other.dir && me.real.startsWith(other.real.endsWith(sep) ? other.real : other.real + sep))
    ));
    return by >= 0 ? paths[by] : undefined;
  });
}
