import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load';
import type { RootGuardConfig } from '../../src/config/schema';

/** The repository root. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** ../shared beside the repository (CI clones it there too). */
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');

/** The committed config, parsed: the documentation-values config a fresh clone builds. */
export function committedConfig(): RootGuardConfig {
  return parseConfig(readFileSync(join(REPO_ROOT, 'root-guard.config.yaml'), 'utf8'), 'root-guard.config.yaml');
}

/** The committed config with some sections replaced (a deep copy; the original is untouched). */
export function configWith(patch: (config: RootGuardConfig) => void): RootGuardConfig {
  const config = structuredClone(committedConfig());
  patch(config);
  return config;
}
