import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load';
import { configSchema, type RootGuardConfig, type RootGuardConfigInput } from '../../src/config/schema';

/** The repository root. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** ../shared beside the repository (CI clones it there too). */
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');

/**
 * The test suite's own config: a copy of the example config as shipped (documentation values). Tests
 * read it instead of the repository's root-guard.config.yaml, which a team replaces with its own
 * organization's values (issue 27: a fork's `npm test` stays green); only the tests about the
 * committed package read that one (test/package/committed-package.test.ts).
 */
export const FIXTURE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'example-org');

/** The fixture config's path (see {@link FIXTURE_DIR}). */
export const FIXTURE_CONFIG = join(FIXTURE_DIR, 'root-guard.config.yaml');

/** The fixture config's text. */
export function fixtureConfigText(): string {
  return readFileSync(FIXTURE_CONFIG, 'utf8');
}

/** The fixture config's text without its `acknowledgedGaps` section: the example's two scp-reach gaps unacknowledged. */
export function fixtureConfigTextWithoutAcknowledgements(): string {
  const text = fixtureConfigText();
  const withoutSection = text.replace(/^acknowledgedGaps:\n(?:[ #].*\n)*/m, '');
  if (withoutSection === text) throw new Error('the fixture config has no acknowledgedGaps section');
  return withoutSection;
}

/** The fixture config, parsed (see {@link FIXTURE_DIR}). */
export function fixtureConfig(): RootGuardConfig {
  return parseConfig(fixtureConfigText(), 'root-guard.config.yaml');
}

/** The fixture config with some sections replaced (a deep copy; the original is untouched). */
export function configWith(patch: (config: RootGuardConfig) => void): RootGuardConfig {
  const config = structuredClone(fixtureConfig());
  patch(config);
  return config;
}

/** The smallest valid config, as lines; `overrides` replaces lines by their key (e.g. `{ homeRegion: 'eu-west-1' }`). */
export function minimalConfigLines(overrides: Readonly<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    homeRegion: 'us-east-1',
    managementAccountId: '"111111111111"',
    namePrefix: 'root-guard',
    securityTopic: '{ accountId: "222222222222", emails: [security@example.com] }',
    rootChecks: '{ organizationalUnits: [Root], includeManagementAccount: false }',
    scp: '{ organizationalUnits: [Workloads] }',
  };
  return Object.entries({ ...base, ...overrides }).map(([key, value]) => `${key}: ${value}`);
}

/** Writes a minimal config (see {@link minimalConfigLines}) into a new scratch directory; returns its path. */
export function writeMinimalConfig(overrides: Readonly<Record<string, string>> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rg-config-')), 'root-guard.config.yaml');
  writeFileSync(file, minimalConfigLines(overrides).join('\n'));
  return file;
}

/** The smallest valid config as a parsed object, with top-level sections replaced by `overrides`. */
export function minimalConfig(overrides: Partial<RootGuardConfigInput> = {}): RootGuardConfig {
  return configSchema.parse({
    homeRegion: 'us-east-1',
    managementAccountId: '111111111111',
    namePrefix: 'root-guard',
    securityTopic: { accountId: '222222222222', emails: ['security@example.com'] },
    rootChecks: { organizationalUnits: ['Root'], includeManagementAccount: false },
    scp: { organizationalUnits: ['Workloads'] },
    ...overrides,
  });
}
