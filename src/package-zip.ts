import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * The CfCT package as the zip CfCT's Amazon S3 source expects (docs/reference/cfct.md#the-s3-source):
 * `manifest.yaml` at the zip root, paths in the manifest relative to it.
 *
 * Deterministic: entries sorted by path, one fixed timestamp and fixed Unix permissions, so the
 * same package always gives the same bytes (and `publish` can tell an unchanged package from a
 * changed one by its hash).
 */

/** The object key CfCT's pipeline is triggered by (docs/reference/cfct.md#the-s3-source; exact). */
export const CFCT_ZIP_KEY = 'custom-control-tower-configuration.zip';

/**
 * The timestamp of every entry: 1980-01-01 00:00, the earliest a zip (DOS) date can hold. Built from
 * local date parts because zip dates have no time zone and fflate writes local parts: the bytes are
 * the same in every time zone.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
/** Unix file type and mode: regular file, rw-r--r-- (external attributes, high 16 bits, with os = 3). */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const UNIX = 3;

/**
 * Zips package files (path relative to the package root → content). Throws an Error for a path that
 * is absolute, climbs out with `..`, or uses backslashes, and when `manifest.yaml` is missing: CfCT
 * fails such a zip in its install phase.
 */
export function zipPackage(files: ReadonlyMap<string, string | Uint8Array>): Uint8Array {
  if (!files.has('manifest.yaml')) throw new Error('zipPackage: the package has no manifest.yaml at its root (CfCT requires it there)');
  const entries: Zippable = {};
  for (const path of [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      throw new Error(`zipPackage: "${path}" is not a relative path inside the package`);
    }
    const content = files.get(path)!;
    const data = typeof content === 'string' ? strToU8(content) : content;
    entries[path] = [data, { mtime: FIXED_MTIME, os: UNIX, attrs: FILE_ATTRIBUTES, level: 9 }];
  }
  return zipSync(entries, { mtime: FIXED_MTIME });
}
