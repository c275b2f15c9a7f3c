import { openSync } from 'node:fs';
import { UserError } from '../../errors';

/**
 * Opens `path` for writing only if no file is there (`wx`): the plan a person reviewed and the
 * journal of a run are never replaced by another under the same name. `exists` says what to do
 * instead; `what` names the file in the other errors.
 */
export function openNewFile(path: string, what: string, exists: string): number {
  try {
    return openSync(path, 'wx');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'EEXIST' ? `${path}: ${exists}` : `${path}: cannot create the ${what}: ${(err as Error).message}`);
  }
}
