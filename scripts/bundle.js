#!/usr/bin/env node
'use strict';
/**
 * Bundles the CLI into dist/ (run by `npm ci`/`npm install` through `prepare`): dist/root-guard.mjs, the
 * entry bin/root-guard.js imports, and dist/chunks/, loaded only when needed.
 *
 * Why a bundle: `root-guard build` runs on every change and in CI, and a cold start that loads
 * zod, yaml and commander as ~170 separate files costs about 10% of the build (measured with
 * scripts/bench-build.js). aws-cdk-lib, constructs and the AWS SDK stay external: they are large,
 * lazily loaded, and resolved from node_modules as usual. Type checking is `npm run typecheck`.
 *
 * Why ES modules and chunks: esbuild splits code only for ES modules. The entry holds the dispatcher,
 * the command table and commander; each command's definition and each command's run are chunks of
 * their own, loaded by the `import()` that chooses them (src/cli/commands.ts). Parsing one bundle of
 * every command took ~13 ms, a quarter of a bare `node -e 0`, before any command was chosen
 * (`npm run bench:cli` measures the start-up). The banner gives each chunk the `require`,
 * `__dirname` and `__filename` the bundled CommonJS code (commander) and src/report expect.
 *
 * Whitespace and comments are removed (names and syntax are kept): a few comments of the bundled
 * libraries hold non-ASCII characters, which make V8 keep the whole source as a two-byte string.
 * ASCII-only and ~30% smaller, the bundle loads faster and takes less heap (measured). With
 * ROOT_GUARD_DEBUG set, bin/root-guard.js turns source maps on, so stack traces name src/*.ts.
 *
 * The commit: `root-guard --version` prints the commit the bundle was made from (see commitOf).
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, realpathSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { buildSync } = require('esbuild');

const ROOT = join(__dirname, '..');

/**
 * The commit of the sources being bundled: from git when ROOT is the top of a git work tree (a clone;
 * not a copy installed inside another project's repository), with `-dirty` when tracked files differ
 * from it; else from COMMIT, which `git archive` fills in (export-subst in .gitattributes) for a
 * tree exported without .git; else undefined, and `--version` prints the version alone.
 */
function commitOf(root = ROOT) {
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', timeout: 10_000 }).trim();
  try {
    if (realpathSync(git('rev-parse', '--show-toplevel')) === realpathSync(root)) {
      const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
      return `${git('rev-parse', '--short=12', 'HEAD')}${dirty ? '-dirty' : ''}`;
    }
  } catch {
    // No git, or not a work tree: the recorded file below.
  }
  try {
    const recorded = readFileSync(join(root, 'COMMIT'), 'utf8').trim();
    if (/^[0-9a-f]{7,40}$/.test(recorded)) return recorded.slice(0, 12);
  } catch {
    // No record either.
  }
  return undefined;
}

/**
 * Bundles src/cli/main.ts into `outdir` and returns esbuild's metafile (which output holds which
 * sources, and which outputs each imports statically or by `import()`).
 * @param {{ outdir?: string, commit?: string }} [options]
 */
function bundle({ outdir = join(ROOT, 'dist'), commit = commitOf() } = {}) {
  // dist/ is this script's output only: remove what an earlier bundle left (chunk names change with their content).
  rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
  for (const old of ['root-guard.js', 'root-guard.js.map']) rmSync(join(outdir, old), { force: true });
  const result = buildSync({
    entryPoints: { 'root-guard': join(ROOT, 'src', 'cli', 'main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-sdk/*', '@smithy/*'],
    banner: {
      js: [
        "import { createRequire as __rgCreateRequire } from 'node:module';",
        "import { fileURLToPath as __rgFileURLToPath } from 'node:url';",
        "import { dirname as __rgDirname } from 'node:path';",
        'const require = __rgCreateRequire(import.meta.url);',
        'const __filename = __rgFileURLToPath(import.meta.url);',
        'const __dirname = __rgDirname(__filename);',
      ].join(''),
    },
    define: { ROOT_GUARD_COMMIT: JSON.stringify(commit ?? '') },
    minifyWhitespace: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

module.exports = { bundle, commitOf };

if (require.main === module) bundle();
