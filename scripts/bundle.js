#!/usr/bin/env node
'use strict';
/**
 * Bundles the CLI into dist/root-guard.js (run by `npm ci`/`npm install` through `prepare`).
 *
 * Why a bundle: `root-guard build` runs on every change and in CI, and a cold start that loads
 * zod, yaml and commander as ~170 separate files costs about 10% of the build (measured with
 * scripts/bench-build.js). aws-cdk-lib, constructs and the AWS SDK stay external: they are large,
 * lazily loaded, and resolved from node_modules as usual. Type checking is `npm run typecheck`.
 */
const { buildSync } = require('esbuild');
const { join } = require('node:path');

buildSync({
  entryPoints: [join(__dirname, '..', 'src', 'cli', 'main.ts')],
  outfile: join(__dirname, '..', 'dist', 'root-guard.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-sdk/*', '@smithy/*'],
  logLevel: 'warning',
});
