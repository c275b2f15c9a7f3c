#!/usr/bin/env node
'use strict';
/**
 * Benchmark: the whole test suite as `npm test` runs it (scripts/test.js: tsc --noEmit alongside
 * jest), cold: jest's transform cache is emptied first, as on CI's clean clone.
 *
 * Floor (same run): the CPU-seconds used, divided by the machine's cores — the wall time of the same
 * work perfectly spread over every core (tsc checks on one thread, but its garbage collector uses
 * others, so its CPU exceeds its wall time). The ratio says how much of the wall time is waiting (a
 * core idle while a worker waits on a child process or a timeout, or while the last suite runs)
 * rather than work.
 *
 * CPU is read from /proc/self/stat (cutime + cstime: waited-for children and their descendants), so
 * CPU figures are Linux only; wall times are printed everywhere.
 *
 * Usage: npm run bench:test [-- --compare]   (--compare also times tsc, then jest, one after the other)
 */
const { spawnSync } = require('node:child_process');
const { availableParallelism } = require('node:os');
const { join } = require('node:path');

const { childCpu } = require('./child-cpu');

const ROOT = join(__dirname, '..');
const CORES = availableParallelism();

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
const clearCache = () => spawnSync(process.execPath, [jest, '--clearCache'], { cwd: ROOT, stdio: 'ignore' });
const compare = process.argv.includes('--compare');
const runs = [];
try {
  clearCache();
  runs.push({ label: 'npm test (tsc alongside jest, scripts/test.js)', phases: [run('npm test', process.execPath, [join(ROOT, 'scripts', 'test.js'), '--silent'])] });
  if (compare) {
    clearCache();
    runs.push({
      label: 'for comparison: tsc, then jest',
      phases: [
        run('tsc --noEmit', process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json']),
        run('jest', process.execPath, [jest, '--silent']),
      ],
    });
  }
} catch (err) {
  // A failing suite has no time worth reporting: its last lines are above.
  console.error(`bench:test: ${err.message}`);
  process.exit(1);
}

const fmt = (s) => `${s.toFixed(1)} s`;
const line = (label, wall, cpu, summary) => {
  const floor = cpu === undefined ? undefined : cpu / CORES;
  return `  ${label.padEnd(14)} wall ${fmt(wall)}${cpu === undefined ? '' : `, CPU ${fmt(cpu)}, floor ${fmt(floor)}: ${(wall / floor).toFixed(2)}x`}${summary ? ` (${summary})` : ''}`;
};
console.log(`whole test suite, cold jest cache, ${CORES} cores (${new Date().toISOString()})`);
for (const r of runs) {
  console.log(` ${r.label}`);
  for (const p of r.phases) console.log(line(p.label, p.wall, p.cpu, p.summary));
  if (r.phases.length > 1) {
    const cpus = r.phases.map((p) => p.cpu);
    console.log(line('total', r.phases.reduce((sum, p) => sum + p.wall, 0), cpus.includes(undefined) ? undefined : cpus.reduce((a, b) => a + b, 0)));
  }
}
if (runs.length > 1) {
  const total = (r) => r.phases.reduce((sum, p) => sum + p.wall, 0);
  console.log(` npm test takes ${(total(runs[0]) / total(runs[1])).toFixed(2)}x the time of tsc, then jest`);
}
