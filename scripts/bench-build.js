#!/usr/bin/env node
'use strict';
/**
 * Benchmark: cold `root-guard build` of the whole package vs. a floor measured in the same run.
 *
 * Floor: a fresh Node process that loads aws-cdk-lib and synthesizes the same number of
 * one-resource stacks (the unavoidable cost of CDK synthesis), writing their templates.
 * Build: a fresh `node bin/root-guard.js build --out <tmp>` process (config load + validation,
 * synthesis, manifest, atomic write). Also the same build with configs of 1, 100 and 1,000 OUs, to
 * show the time stays flat. Each of the five runs once per round, RUNS rounds; times are medians.
 *
 * The machines this runs on change speed by ±20% from one second to the next (shared 2-core VMs), so
 * the runs are interleaved and each ratio is the median of the ratios within a round, of two runs made
 * one after the other (floor and build; 1 and 1,000 OUs). Odd rounds run in reverse order, so neither
 * side of a pair is always first. The ratio of the medians is printed too.
 *
 * Usage: npm run bench:build   (builds dist/ first)
 *        BENCH_BIN=<launcher> node scripts/bench-build.js   (another build of the CLI, to compare)
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, resolve } = require('node:path');
const YAML = require('yaml');

const ROOT = join(__dirname, '..');
const RUNS = Number(process.env.RUNS || 7);
const BIN = process.env.BENCH_BIN ? resolve(process.env.BENCH_BIN) : join(ROOT, 'bin', 'root-guard.js');

function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: 'false' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return ms;
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function configWithOus(n) {
  const doc = YAML.parseDocument(readFileSync(join(ROOT, 'root-guard.config.yaml'), 'utf8'));
  const ous = n === 1 ? ['Workloads'] : Array.from({ length: n }, (_, i) => `Workloads:Team${String(i).padStart(4, '0')}`);
  doc.setIn(['rootChecks', 'organizationalUnits'], ous);
  doc.setIn(['scp', 'organizationalUnits'], ous);
  const dir = mkdtempSync(join(tmpdir(), 'rg-bench-config-'));
  const file = join(dir, 'root-guard.config.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

function buildOnce(configFile) {
  const out = mkdtempSync(join(tmpdir(), 'rg-bench-out-'));
  try {
    return time([BIN, 'build', '--config', configFile, '--out', out]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// How many stacks the package synthesizes: the JSON templates the build writes.
const probe = mkdtempSync(join(tmpdir(), 'rg-bench-probe-'));
execFileSync(process.execPath, [BIN, 'build', '--config', join(ROOT, 'root-guard.config.yaml'), '--out', probe]);
const stacks = ['templates', 'prerequisites'].flatMap((d) => { try { return readdirSync(join(probe, d)); } catch { return []; } }).filter((f) => f.endsWith('.json')).length;
rmSync(probe, { recursive: true, force: true });

const floorScript = join(mkdtempSync(join(tmpdir(), 'rg-bench-floor-')), 'floor.js');
writeFileSync(floorScript, `
const { App, Stack, BootstraplessSynthesizer } = require(${JSON.stringify(require.resolve('aws-cdk-lib', { paths: [ROOT] }))});
const sns = require(${JSON.stringify(require.resolve('aws-cdk-lib/aws-sns', { paths: [ROOT] }))});
const fs = require('node:fs'); const path = require('node:path'); const os = require('node:os');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-floor-'));
const app = new App({ outdir, analyticsReporting: false, treeMetadata: false, builtinCloudFormationValidation: false });
const stacks = [];
for (let i = 0; i < ${stacks}; i++) { const s = new Stack(app, 'S' + i, { synthesizer: new BootstraplessSynthesizer() }); new sns.Topic(s, 'T'); stacks.push(s); }
const asm = app.synth();
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-floor-out-'));
for (const s of stacks) fs.writeFileSync(path.join(out, s.stackName + '.json'), JSON.stringify(asm.getStackArtifact(s.artifactId).template, null, 2) + '\\n');
fs.rmSync(outdir, { recursive: true, force: true }); fs.rmSync(out, { recursive: true, force: true });
`);

const committed = join(ROOT, 'root-guard.config.yaml');
const sizes = [1, 100, 1000];
const sizeConfigs = Object.fromEntries(sizes.map((n) => [n, configWithOus(n)]));
// Warm the file-system cache once.
time([floorScript]);
buildOnce(committed);
for (const n of sizes) buildOnce(sizeConfigs[n]);
const floor = [];
const build = [];
const bySize = Object.fromEntries(sizes.map((n) => [n, []]));
const steps = [
  () => floor.push(time([floorScript])),
  () => build.push(buildOnce(committed)),
  () => bySize[1].push(buildOnce(sizeConfigs[1])),
  () => bySize[1000].push(buildOnce(sizeConfigs[1000])),
  () => bySize[100].push(buildOnce(sizeConfigs[100])),
];
for (let i = 0; i < RUNS; i++) for (const step of i % 2 === 0 ? steps : [...steps].reverse()) step();
const paired = (a, b) => median(a.map((x, i) => x / b[i]));
const f = median(floor);
const b = median(build);
console.log(`stacks synthesized per build: ${stacks}; runs: ${RUNS} (medians)`);
console.log(`floor (node + aws-cdk-lib + ${stacks} one-resource stacks): ${f.toFixed(0)} ms`);
console.log(`root-guard build (committed config):        ${b.toFixed(0)} ms`);
console.log(`ratio build / floor: ${paired(build, floor).toFixed(2)}x (target <= 1.5x; ratio of the medians: ${(b / f).toFixed(2)}x)`);

const sizeMedians = Object.fromEntries(sizes.map((n) => [n, median(bySize[n])]));
for (const n of sizes) console.log(`build with ${String(n).padStart(4)} OUs: ${sizeMedians[n].toFixed(0)} ms`);
console.log(`ratio 1,000 OUs / 1 OU: ${paired(bySize[1000], bySize[1]).toFixed(2)}x (target <= 1.1x; ratio of the medians: ${(sizeMedians[1000] / sizeMedians[1]).toFixed(2)}x)`);
for (const file of [floorScript, ...Object.values(sizeConfigs)]) rmSync(dirname(file), { recursive: true, force: true });
