#!/usr/bin/env node
'use strict';
/**
 * `npm test`: the type check (tsc --noEmit) and jest, side by side.
 *
 * jest's two workers leave a core idle part of the time (a worker waiting on a child process or a
 * timeout, jest's own start-up), and tsc is single-threaded. So tsc starts with jest at the lowest CPU
 * priority and takes the idle time, instead of adding its time before jest starts (2-3 s with TypeScript 7,
 * 10-14 s with 5.9; docs/reference/toolchain.md#type-check-alongside-jest; `npm run bench:test`).
 *
 * jest's output streams as usual; tsc's is held and printed after jest's summary, with one line
 * saying whether the type check passed. Exit status: jest's when it failed, else tsc's. A failed type
 * check counts as one failed test in the "N passed, N failed" line CI reads
 * (ROOT_GUARD_TEST_SUMMARY, test/support/summary-reporter.js), so that line never says 0 failed
 * over a red run.
 *
 * Usage: npm test [-- jest arguments, e.g. a test path]
 */
const { spawn } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { setPriority } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const JEST = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const LOWEST_PRIORITY = 19;
/**
 * tsc's incremental record: a re-run reuses what did not change (TypeScript 7: 1.9 s cold, 1.1 s with
 * nothing changed, same session; 5.9 took 10.8 s and 5.9 s). Under node_modules/.cache, where tools keep
 * caches: never committed, gone with `rm -rf node_modules`, absent on CI's clean clone.
 */
const TSC_BUILD_INFO = join(ROOT, 'node_modules', '.cache', 'root-guard', 'tsc.tsbuildinfo');

/** Resolves with the exit code (signals count as failures) once the child has ended. */
function exitOf(child, err) {
  return new Promise((resolve) => {
    child.on('error', (error) => {
      err(`could not start ${child.spawnfile}: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Runs the type check and jest side by side and returns the exit status.
 * @param {{ tsc: string[], jest: string[], summaryFile?: string, interactive: boolean,
 *   out: (text: string) => void, err: (text: string) => void }} options
 *   tsc / jest: the command and its arguments; summaryFile: ROOT_GUARD_TEST_SUMMARY.
 */
async function runTests({ tsc: tscCommand, jest: jestCommand, summaryFile, interactive, out, err }) {
  const started = Date.now();
  const tsc = spawn(tscCommand[0], tscCommand.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    setPriority(tsc.pid, LOWEST_PRIORITY);
  } catch {
    // Not permitted on some systems: tsc then shares the CPU evenly, which is only slower.
  }
  let tscOutput = '';
  let tscSeconds = 0;
  tsc.stdout.on('data', (chunk) => { tscOutput += chunk; });
  tsc.stderr.on('data', (chunk) => { tscOutput += chunk; });
  const tscExit = exitOf(tsc, err).then((code) => {
    tscSeconds = (Date.now() - started) / 1000;
    return code;
  });

  const jestCode = await exitOf(spawn(jestCommand[0], jestCommand.slice(1), { cwd: ROOT, stdio: interactive ? 'inherit' : 'ignore' }), err);
  const tscCode = await tscExit;

  if (tscCode === 0) {
    err(`Type check (tsc --noEmit): passed in ${tscSeconds.toFixed(1)} s, alongside jest.\n`);
  } else {
    out(tscOutput.endsWith('\n') || tscOutput === '' ? tscOutput : `${tscOutput}\n`);
    err(`Type check (tsc --noEmit): FAILED (exit ${tscCode}): the errors are above; \`npm run typecheck\` runs it alone.\n`);
    countTypeCheckAsFailed(summaryFile);
  }
  return jestCode !== 0 ? jestCode : tscCode;
}

/** Adds the failed type check to the summary line jest's reporter wrote, if it wrote one. */
function countTypeCheckAsFailed(file) {
  if (!file || !existsSync(file)) return;
  const line = readFileSync(file, 'utf8');
  const match = /^(\d+) passed, (\d+) failed(.*)$/s.exec(line);
  if (match) writeFileSync(file, `${match[1]} passed, ${Number(match[2]) + 1} failed${match[3]}`);
}

module.exports = { runTests };

if (require.main === module) {
  runTests({
    tsc: [process.execPath, TSC, '--noEmit', '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', TSC_BUILD_INFO, '--pretty', String(Boolean(process.stdout.isTTY))],
    jest: [process.execPath, JEST, ...process.argv.slice(2)],
    summaryFile: process.env.ROOT_GUARD_TEST_SUMMARY,
    interactive: true,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }).then((code) => { process.exitCode = code; });
}
