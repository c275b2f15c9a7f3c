import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../../src/cli/version';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/config';

describe('root-guard (the program)', () => {
  test('--version prints the package.json version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(PACKAGE_VERSION);
    expect(PACKAGE_VERSION).toBe((require('../../package.json') as { version: string }).version);
  });

  test('--help lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['build', 'backtest', 'preflight', 'resolve\\|resolve-ous', 'publish', 'audit', 'test-alert', 'investigate', 'hunt', 'report', 'root-credentials']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  test('an unknown command is a usage error that suggests the right one', async () => {
    const result = await runCli(['biuld']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'biuld'");
    expect(result.stderr).toContain('build');
  });

  test('a usage error is one line naming the fix, not the whole help, exit 2', async () => {
    const result = await runCli(['preflight', '--no-such-option']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: unknown option '--no-such-option' (see root-guard preflight --help)\n");
  });

  test('options that do not go together are a usage error too (exit 2, one line)', async () => {
    const result = await runCli(['investigate', '--since', '1h', '--start', '2026-05-01T10:00:00Z']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --since and --start both give the window start: use one of them (see root-guard investigate --help)\n');
  });

  test('every AWS command takes --profile, --region and --request-timeout, and every command lists its exit codes', async () => {
    for (const command of ['preflight', 'resolve-ous', 'publish', 'audit', 'test-alert', 'investigate', 'hunt', 'root-credentials']) {
      const help = await runCli([command, '--help']);
      for (const option of ['--profile <name>', '--region <name>', '--request-timeout <seconds>']) expect(`${command}: ${help.stdout}`).toContain(option);
    }
    for (const command of ['build', 'backtest', 'preflight', 'resolve-ous', 'publish', 'audit', 'test-alert', 'investigate', 'hunt', 'report', 'root-credentials']) {
      const help = await runCli([command, '--help']);
      expect(`${command}: ${help.stdout}`).toMatch(/Exit codes:[\s\S]*\b2 wrong usage/);
    }
  });

  test('no npm script is named like a root-guard command (`npm run build` used to bundle the CLI)', async () => {
    const { scripts } = require('../../package.json') as { scripts: Record<string, string> };
    const help = await runCli(['--help']);
    const commands = [...help.stdout.matchAll(/^  ([a-z-]+)\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands).toContain('build');
    expect(Object.keys(scripts).filter((name) => commands.includes(name))).toEqual([]);
    expect(scripts.bundle).toBe('node scripts/bundle.js');
    expect(scripts.prepare).toBe('node scripts/bundle.js'); // `npm ci` still builds dist/
  });

  test('the bundled CLI runs `build` without loading the AWS SDK (cold start)', () => {
    const script = `
      import(${JSON.stringify(join(REPO_ROOT, 'dist', 'root-guard.mjs'))}).then(({ main }) => main(['build', '--check', '--config', ${JSON.stringify(join(REPO_ROOT, 'root-guard.config.yaml'))}]))
        .then((code) => console.log(JSON.stringify({ code, sdk: Object.keys(require.cache).filter((k) => k.includes('@aws-sdk')).length })));`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: 'false' } });
    const last = JSON.parse(result.stdout.trim().split('\n').pop() as string) as { code: number; sdk: number };
    expect(last).toEqual({ code: 0, sdk: 0 });
  });
});
