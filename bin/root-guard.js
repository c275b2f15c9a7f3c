#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).

// dist/root-guard.js is one minified line: with ROOT_GUARD_DEBUG set, map stack traces to src/*.ts
// through the source map scripts/bundle.js writes beside it. Only modules loaded after this call are
// mapped, so it comes before the require (https://nodejs.org/api/process.html#processsetsourcemapsenabledval).
if (process.env.ROOT_GUARD_DEBUG) process.setSourceMapsEnabled(true);

// The AWS SDK warns on every run under Node.js < 22 that its releases after the first week of
// January 2027 will require Node.js 22 (seven lines before a command's output). The README's
// "Requirements" states which Node.js versions root-guard supports, so the notice is turned off with
// the SDK's own switch, which silences exactly that warning
// (https://github.com/aws/aws-sdk-js-v3/issues/7983). A value the user set is kept.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

let main;
try {
  ({ main } = require('../dist/root-guard.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && /dist[\\/]root-guard/.test(err.message)) {
    process.stderr.write('root-guard: the CLI is not compiled yet. Run `npm ci` (or `npm run bundle`) in the repository first.\n');
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
