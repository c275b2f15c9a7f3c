#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).
let main;
try {
  ({ main } = require('../dist/root-guard.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && /dist[\\/]root-guard/.test(err.message)) {
    process.stderr.write('root-guard: the CLI is not compiled yet. Run `npm ci` (or `npm run build`) in the repository first.\n');
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
