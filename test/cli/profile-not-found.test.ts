import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { writeMinimalConfig } from '../support/config';

/* Issue 28 §7: a --profile that does not exist is one line, in one wording, whatever the command. */
describe('a --profile that is not configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rg-profiles-'));
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  beforeAll(() => {
    writeFileSync(join(dir, 'config'), '[profile management]\nregion = us-east-1\n');
    writeFileSync(join(dir, 'credentials'), '');
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  });
  afterAll(() => {
    for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test.each([
    ['audit', []],
    ['preflight', []],
    ['investigate', []],
    ['resolve', []],
    ['test-alert', []],
  ] as const)('%s says "profile NAME not found" and exits 1', async (command, extra) => {
    const result = await runCli([command, '--config', writeMinimalConfig(), '--profile', 'no-such-profile', ...extra]);
    expect(result.code).toBe(1);
    // On stderr, or (test-alert) as the path's ERROR row.
    const said = result.stderr + result.stdout;
    expect(said).toMatch(/profile no-such-profile not found \(it is in neither ~\/\.aws\/config nor ~\/\.aws\/credentials/);
    expect(said).not.toContain('Could not load credentials');
  }, 60_000);
});
