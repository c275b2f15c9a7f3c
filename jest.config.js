/**
 * Tests are transpiled by SWC (@swc/jest), file by file, without type-checking: `npm test` runs
 * `tsc --noEmit` once before jest instead (docs/reference/toolchain.md#jest-transpile-only).
 * `isolatedModules` in tsconfig.json makes tsc reject what a file-by-file transpiler cannot compile.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    }],
  },
  // src/config/schema.ts imports zod's English locale alone, by file; jest on Node 20 cannot require the ES module
  // build of it, so it loads the CommonJS twin that zod ships beside it (as every other zod module in jest does
  // through the `require` condition of zod's exports). The CLI bundle keeps the ES module build.
  moduleNameMapper: { '^zod/v4/locales/en\\.js$': 'zod/v4/locales/en.cjs' },
  // aws-cdk-lib's built-in CloudFormation validation costs ~10 s per worker (docs/reference/toolchain.md#cdk-built-in-validation).
  setupFiles: ['<rootDir>/test/setup-env.js'],
  // Re-bundles the CLI for the tests that start bin/root-guard.js; external judges (cfn-lint, CfCT's
  // manifest check): one line for each one missing, which fails under CI=true.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
  // On a clean clone, start the suites known to take longest first (test/support/slow-first-sequencer.js).
  testSequencer: '<rootDir>/test/support/slow-first-sequencer.js',
  // jest's default is one worker less than the cores: on the 2-core CI machine that is 1 (30 s vs 23 s).
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
