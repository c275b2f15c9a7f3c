#!/usr/bin/env node
'use strict';
/**
 * Benchmark: how soon the CLI answers, against a bare `node -e 0` measured in the same run.
 *
 * Cases: `--version`, `--help`, every `<command> --help`, and operating commands from start to their
 * first AWS request (received by a local HTTP server that AWS_ENDPOINT_URL points the SDK at, with the
 * documentation's example credentials; the process is ended there). Rounds are interleaved (each round
 * runs every case once, in turn), so a change in the machine's load reaches every case alike.
 *
 * Wall: the median per case. CPU: user + system time per run (Linux: /proc/self/stat's cutime and
 * cstime of the reaped children), less sensitive to other processes on a shared machine.
 * Targets (issue 26): `--version`, `--help`, `<command> --help` at most 1.5x the floor; an operating
 * command to its first AWS call at most 2x.
 *
 * Usage: npm run bench:cli [-- --rounds N]   (bundle first: `npm run bundle`, or `npm ci`)
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { childCpu } = require('./child-cpu');

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'root-guard.js');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 15;


const COMMANDS = ['build', 'backtest', 'hunt', 'preflight', 'resolve', 'publish', 'audit', 'test-alert', 'investigate', 'report', 'root-credentials', 'completion'];
const CONFIG = join(ROOT, 'root-guard.config.yaml');
/** The cases, each a command line for `node`; `untilRequest`: ended at its first AWS request. */
const CASES = [
  { name: 'node -e 0 (floor)', args: ['-e', '0'], floor: true },
  { name: '--version', args: [BIN, '--version'], target: 1.5 },
  { name: '--help', args: [BIN, '--help'], target: 1.5 },
  ...COMMANDS.map((c) => ({ name: `${c} --help`, args: [BIN, c, '--help'], target: 1.5 })),
  // A second floor for the operating commands: Node.js loading the one SDK client a command needs first
  // and sending its call, nothing of root-guard. What a command adds to it is root-guard's own start-up.
  {
    name: 'SDK alone: STS call',
    args: ['-e', "const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts'); new STSClient({ region: 'us-east-1' }).send(new GetCallerIdentityCommand({})).catch(() => {});"],
    untilRequest: true,
  },
  { name: 'audit: first AWS call', args: [BIN, 'audit', '--config', CONFIG], target: 2, untilRequest: true },
  { name: 'preflight: first AWS call', args: [BIN, 'preflight', '--config', CONFIG], target: 2, untilRequest: true },
];

async function main() {
  const home = mkdtempSync(join(tmpdir(), 'rg-bench-cli-'));
  let onRequest = () => {};
  const server = createServer((req, res) => {
    onRequest();
    res.writeHead(500, { 'content-type': 'text/plain' }).end('benchmark');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${server.address().port}`,
    // The documentation's example keys (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html).
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    HOME: home,
  };
  delete env.AWS_PROFILE;
  const results = new Map(CASES.map((c) => [c, { wall: [], cpu: 0 }]));
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const c of CASES) {
        const cpuBefore = childCpu();
        const started = process.hrtime.bigint();
        const ms = await new Promise((resolve, reject) => {
          const child = spawn(process.execPath, c.args, { cwd: ROOT, env, stdio: 'ignore' });
          let at;
          const timer = setTimeout(() => child.kill(), 60_000);
          if (c.untilRequest) {
            onRequest = () => {
              at ??= Number(process.hrtime.bigint() - started) / 1e6;
              child.kill();
            };
          }
          child.on('error', reject);
          child.on('exit', (code) => {
            clearTimeout(timer);
            onRequest = () => {};
            if (c.untilRequest && at === undefined) reject(new Error(`${c.name}: ended (exit ${code}) before any AWS request`));
            else if (!c.untilRequest && code !== 0) reject(new Error(`${c.name}: exit ${code}`));
            else resolve(at ?? Number(process.hrtime.bigint() - started) / 1e6);
          });
        });
        const r = results.get(c);
        r.wall.push(ms);
        const cpuAfter = childCpu();
        r.cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : r.cpu + (cpuAfter - cpuBefore);
      }
    }
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const floorCase = results.get(CASES[0]);
  const floorWall = median(floorCase.wall);
  const floorCpu = floorCase.cpu === undefined ? undefined : (floorCase.cpu / rounds) * 1000;
  const load = require('node:os').loadavg()[0];
  console.log(`bench:cli: ${rounds} interleaved rounds, Node.js ${process.versions.node}, load average ${load.toFixed(1)} on ${require('node:os').availableParallelism()} cores`);
  console.log(`${'case'.padEnd(28)} ${'wall median'.padStart(11)}  ratio   ${'CPU/run'.padStart(8)}  ratio  target`);
  for (const c of CASES) {
    const r = results.get(c);
    const wall = median(r.wall);
    const cpu = r.cpu === undefined ? undefined : (r.cpu / rounds) * 1000;
    const cpuText = cpu === undefined ? '' : `${cpu.toFixed(0).padStart(5)} ms  ${(cpu / floorCpu).toFixed(2)}x`;
    const target = c.target ? `<= ${c.target}x${wall / floorWall <= c.target ? '' : ' (over)'}` : '';
    console.log(`${c.name.padEnd(28)} ${wall.toFixed(0).padStart(8)} ms  ${c.floor ? '     ' : `${(wall / floorWall).toFixed(2)}x`}  ${c.floor ? `${cpu?.toFixed(0).padStart(5)} ms` : cpuText}  ${target}`);
  }
}

main().catch((err) => {
  console.error(`bench:cli: ${err.message}`);
  process.exitCode = 1;
});
