import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError } from '../errors';

/**
 * Writes a file through a temporary file in the same directory, renamed over the target: a reader
 * (or a crash) never sees half a file, and a failed write leaves the old file as it was.
 */
export function writeFileAtomically(file: string, content: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new UserError(`${file}: cannot write the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
