import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../../src/cli/version';
import { REPO_ROOT } from '../support/config';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script
const { commitOf } = require('../../scripts/bundle.js') as { commitOf: (root: string) => string | undefined };

const BIN = join(REPO_ROOT, 'bin', 'root-guard.js');
const FORCE_INTERNAL_ERROR = join(REPO_ROOT, 'test', 'support', 'force-internal-error.js');

/** The environment of a user's shell: without the switches test/setup-env.js sets for the suite. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  delete env.ROOT_GUARD_DEBUG;
  return { ...env, ...extra };
}

describe('bin/root-guard.js', () => {
  test('with ROOT_GUARD_DEBUG=1, an internal error\'s stack trace names the TypeScript sources, not the minified bundle', () => {
    const result = spawnSync(process.execPath, ['-r', FORCE_INTERNAL_ERROR, BIN, '--version'], { encoding: 'utf8', env: userEnv({ ROOT_GUARD_DEBUG: '1' }) });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Error: forced internal error');
    expect(result.stderr).toMatch(/at (async )?(main|runProgram) \(.*src[\\/]cli[\\/]main\.ts:\d+:\d+\)/);
    expect(result.stderr).not.toMatch(/dist[\\/]root-guard\.js:1:\d+/);
  });

  test('without ROOT_GUARD_DEBUG, the same error is one line and a hint, without a stack trace', () => {
    const result = spawnSync(process.execPath, ['-r', FORCE_INTERNAL_ERROR, BIN, '--version'], { encoding: 'utf8', env: userEnv() });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('root-guard: unexpected error: forced internal error\n(set ROOT_GUARD_DEBUG=1 for the stack trace, and please report it)\n');
  });

  // The notice is printed when a client is constructed, so this creates one the way a command does.
  const script = (viaBin: boolean) => [
    viaBin ? `process.argv = [process.argv[0], ${JSON.stringify(BIN)}, '--version']; require(${JSON.stringify(BIN)});` : '',
    `const { STSClient } = require(${JSON.stringify(require.resolve('@aws-sdk/client-sts'))});`,
    "new STSClient({ region: 'us-east-1' }).destroy();",
  ].join('\n');

  test('users do not see the AWS SDK\'s Node.js version notice', () => {
    const result = spawnSync(process.execPath, ['-e', script(true)], { encoding: 'utf8', env: userEnv() });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+ \(commit [0-9a-f]{12}(-dirty)?\)$/);
  });

  const olderThan22 = Number(process.versions.node.split('.')[0]) < 22;
  (olderThan22 ? test : test.skip)('the SDK does print that notice when not started through bin/root-guard.js (Node.js < 22 only)', () => {
    const result = spawnSync(process.execPath, ['-e', script(false)], { encoding: 'utf8', env: userEnv() });
    expect(result.stderr).toContain('NodeVersionSupportWarning');
  });
});

describe('root-guard --version', () => {
  test('prints the version and the commit the bundle was made from (git, in a clone)', () => {
    const result = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: userEnv() });
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${PACKAGE_VERSION.replace(/\./g, '\\.')} \\(commit ${head}(-dirty)?\\)\n$`));
  });

  test('without git, the commit comes from COMMIT as `git archive` fills it in; the unfilled placeholder gives none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-commit-'));
    try {
      writeFileSync(join(dir, 'COMMIT'), '0123456789abcdef0123456789abcdef01234567\n');
      expect(commitOf(dir)).toBe('0123456789ab');
      writeFileSync(join(dir, 'COMMIT'), '$Format:%H$\n');
      expect(commitOf(dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('output into a pipe that closes early', () => {
  test('`root-guard build --help | head -1` prints the first line and exits 0, without an EPIPE stack trace', () => {
    // `head -1` exits after one line; the CLI's next write then fails with EPIPE.
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" build --help | head -1`], { encoding: 'utf8', env: userEnv() });
    expect(result.stdout).toBe('Usage: root-guard build [options]\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('a reader that exits before reading anything: the write fails with EPIPE, and the CLI exits 0 without a word', () => {
    // `true` is gone before the CLI has started, so the first write always meets a closed pipe.
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" build --help | true`], { encoding: 'utf8', env: userEnv() });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('an npm-installed copy', () => {
  test('`npm pack` takes the bundled CLI along (npm runs no `prepare` when it installs a tarball), and nothing of node_modules', () => {
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const files = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/root-guard.js', 'dist/root-guard.mjs', 'COMMIT', 'package.json']));
    expect(files.filter((f) => f.startsWith('dist/chunks/') && f.endsWith('.mjs')).length).toBeGreaterThan(10);
    expect(files.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
  });
});
