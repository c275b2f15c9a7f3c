import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../support/config';

const run = promisify(execFile);

/**
 * The CLI bundled as scripts/bundle.js bundles it (dependencies inlined, aws-cdk-lib, constructs and
 * the AWS SDK left to node_modules), into a scratch directory under node_modules/.cache (so that the
 * external modules resolve): what a user runs, without touching dist/.
 */
function bundleCli(dir: string): string {
  const outfile = join(dir, 'root-guard.js');
  buildSync({
    entryPoints: [join(REPO_ROOT, 'src', 'cli', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-sdk/*', '@smithy/*'],
    logLevel: 'error',
  });
  return outfile;
}

/**
 * Runs `root-guard <command> --help` in a fresh Node process and returns the aws-cdk-lib and
 * constructs modules it loaded: the operating commands synthesize nothing, so they must not pay for
 * the CDK at start-up (they read their facts from src/plan, never from src/package).
 */
async function cdkModulesLoadedBy(bundle: string, command: string): Promise<string[]> {
  const probe = [
    `const { main } = require(${JSON.stringify(bundle)});`,
    'process.stdout.write = () => true;',
    `main([${JSON.stringify(command)}, '--help']).then((code) => {`,
    "  const cdk = Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/](aws-cdk-lib|constructs)[\\\\/]/.test(f));",
    '  process.stderr.write(JSON.stringify({ code, cdk }));',
    '});',
  ].join('\n');
  const { stderr } = await run(process.execPath, ['-e', probe], { cwd: REPO_ROOT, timeout: 60_000 });
  const result = JSON.parse(stderr.slice(stderr.indexOf('{'))) as { code: number; cdk: string[] };
  expect(result.code).toBe(0);
  return result.cdk;
}

describe('start-up of the bundled commands', () => {
  const operating = ['audit', 'preflight', 'resolve-ous', 'test-alert', 'investigate', 'backtest'];
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  let scratch: string;
  let loaded: Map<string, string[]>;

  beforeAll(async () => {
    mkdirSync(cache, { recursive: true });
    scratch = mkdtempSync(join(cache, 'rg-startup-'));
    const bundle = bundleCli(scratch);
    // One process per command, all at once: each needs a fresh module registry.
    loaded = new Map(await Promise.all([...operating, 'build'].map(async (command) => [command, await cdkModulesLoadedBy(bundle, command)] as const)));
  }, 60_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test.each(operating)('%s loads no aws-cdk-lib or constructs module', (command) => {
    expect(loaded.get(command)).toEqual([]);
  });

  test('build does load aws-cdk-lib (the probe sees it)', () => {
    expect(loaded.get('build')?.some((f) => f.includes('aws-cdk-lib'))).toBe(true);
  });
});
