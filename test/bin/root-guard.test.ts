import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/config';

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
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  const olderThan22 = Number(process.versions.node.split('.')[0]) < 22;
  (olderThan22 ? test : test.skip)('the SDK does print that notice when not started through bin/root-guard.js (Node.js < 22 only)', () => {
    const result = spawnSync(process.execPath, ['-e', script(false)], { encoding: 'utf8', env: userEnv() });
    expect(result.stderr).toContain('NodeVersionSupportWarning');
  });
});
