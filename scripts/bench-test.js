#!/usr/bin/env node
'use strict';
/**
 * Benchmark: the whole test suite as `npm test` runs it (tsc --noEmit, then jest), cold: jest's
 * transform cache is emptied first, as on CI's clean clone.
 *
 * Floor (same run): the CPU-seconds the two phases used, divided by the machine's cores — the wall
 * time of the same work perfectly spread over every core (tsc checks on one thread, but its garbage
 * collector uses others, so its CPU exceeds its wall time). The ratio says how much of the wall time is waiting (one worker still busy while the
 * other is idle, child processes, timeouts) rather than work.
 *
 * CPU is read from /proc/self/stat (cutime + cstime: waited-for children and their descendants), so
 * CPU figures are Linux only; wall times are printed everywhere.
 *
 * Usage: npm run bench:test
 */
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { availableParallelism } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const CORES = availableParallelism();
const TICKS = 100; // USER_HZ on Linux

/** CPU-seconds of reaped children so far, or undefined off Linux. */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime) are at 13 and 14 after the command name.
    return (Number(fields[13]) + Number(fields[14])) / TICKS;
  } catch {
    return undefined;
  }
}

function run(label, command, args) {
  const cpuBefore = childCpu();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childCpu();
  if (result.status !== 0) {
    process.stderr.write(result.stderr.split('\n').slice(-30).join('\n'));
    throw new Error(`${label} failed (exit ${result.status})`);
  }
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  const summary = /Tests:\s+(.*)/.exec(result.stderr)?.[1];
  return { label, wall, cpu, summary };
}

const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
spawnSync(process.execPath, [jest, '--clearCache'], { cwd: ROOT, stdio: 'ignore' });
let phases;
try {
  phases = [
    run('tsc --noEmit', process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json']),
    run('jest (cold cache)', process.execPath, [jest, '--silent']),
  ];
} catch (err) {
  // A failing suite has no time worth reporting: its last lines are above.
  console.error(`bench:test: ${err.message}`);
  process.exit(1);
}

const fmt = (s) => `${s.toFixed(1)} s`;
console.log(`whole test suite, ${CORES} cores (${new Date().toISOString()})`);
for (const p of phases) {
  const floor = p.cpu === undefined ? undefined : p.cpu / CORES;
  console.log(`  ${p.label.padEnd(18)} wall ${fmt(p.wall)}${p.cpu === undefined ? '' : `, CPU ${fmt(p.cpu)}, floor ${fmt(floor)}: ${(p.wall / floor).toFixed(2)}x`}${p.summary ? ` (${p.summary})` : ''}`);
}
const wall = phases.reduce((sum, p) => sum + p.wall, 0);
const floors = phases.every((p) => p.cpu !== undefined) ? (phases[0].cpu + phases[1].cpu) / CORES : undefined;
console.log(`  ${'npm test'.padEnd(18)} wall ${fmt(wall)}${floors === undefined ? '' : `, floor ${fmt(floors)}: ${(wall / floors).toFixed(2)}x`}`);
