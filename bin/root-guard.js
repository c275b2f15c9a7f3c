#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).

// dist/ is minified: with ROOT_GUARD_DEBUG set, map stack traces to src/*.ts through the source maps
// scripts/bundle.js writes beside it. Only modules loaded after this call are mapped, so it comes
// before the import (https://nodejs.org/api/process.html#processsetsourcemapsenabledval).
if (process.env.ROOT_GUARD_DEBUG) process.setSourceMapsEnabled(true);

// The AWS SDK warns on every run under Node.js < 22 that its releases after the first week of
// January 2027 will require Node.js 22 (seven lines before a command's output). The README's
// "Requirements" states which Node.js versions root-guard supports, so the notice is turned off with
// the SDK's own switch, which silences exactly that warning
// (https://github.com/aws/aws-sdk-js-v3/issues/7983). A value the user set is kept.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

// A reader that stops early (`root-guard build --help | head -1`) closes the pipe, and the next write
// fails with EPIPE, emitted as an 'error' event that would end the process with a stack trace. The
// reader has all it wanted: stop quietly, as a program ended by SIGPIPE does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw err;
  });
}

import('../dist/root-guard.mjs').then(
  ({ main }) => main(process.argv.slice(2)).then((code) => { process.exitCode = code; }),
  (err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]root-guard\.mjs/.test(err.message)) {
      process.stderr.write('root-guard: the CLI is not compiled yet. Run `npm ci` (or `npm run bundle`) in the repository first.\n');
      process.exitCode = 2;
      return;
    }
    throw err;
  },
);
