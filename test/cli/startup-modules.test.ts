import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/config';

const run = promisify(execFile);

/** The bundled CLI as users run it: dist/, made from today's sources by test/support/global-setup.ts. */
const BUNDLE = join(REPO_ROOT, 'dist', 'root-guard.mjs');

/**
 * Runs `root-guard <command> --config <missing file>` in a fresh Node process (the command's code is
 * loaded, then the config error ends it, exit 1) and returns the aws-cdk-lib and constructs modules it
 * loaded: the operating commands synthesize nothing, so they must not pay for the CDK at start-up
 * (they read their facts from src/plan, never from src/package).
 */
async function cdkModulesLoadedBy(bundle: string, command: string): Promise<string[]> {
  const probe = [
    `import(${JSON.stringify(bundle)}).then(({ main }) => {`,
    'process.stdout.write = () => true;',
    'process.stderr.write = () => true;',
    `return main([${JSON.stringify(command)}, '--config', 'no-such-config.yaml', ...(${JSON.stringify(command)} === 'backtest' ? ['.'] : [])]).then((code) => {`,
    "  const cdk = Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/](aws-cdk-lib|constructs)[\\\\/]/.test(f));",
    '  process.stdout.constructor.prototype.write.call(process.stdout, JSON.stringify({ code, cdk }));',
    '});',
    '});',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['-e', probe], { cwd: REPO_ROOT, timeout: 60_000 });
  const result = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { code: number; cdk: string[] };
  expect(result.code).toBe(1);
  return result.cdk;
}

describe('start-up of the bundled commands', () => {
  const operating = ['audit', 'preflight', 'resolve-ous', 'test-alert', 'investigate', 'backtest'];
  let loaded: Map<string, string[]>;

  beforeAll(async () => {
    // One process per command, all at once: each needs a fresh module registry.
    loaded = new Map(await Promise.all([...operating, 'build'].map(async (command) => [command, await cdkModulesLoadedBy(BUNDLE, command)] as const)));
  }, 60_000);

  test.each(operating)('%s loads no aws-cdk-lib or constructs module', (command) => {
    expect(loaded.get(command)).toEqual([]);
  });

  test('build does load aws-cdk-lib (the probe sees it)', () => {
    expect(loaded.get('build')?.some((f) => f.includes('aws-cdk-lib'))).toBe(true);
  });
});
