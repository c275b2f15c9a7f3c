/**
 * Benchmark of `root-guard backtest` (run: `npm run bench:backtest`; not a test).
 *
 * Generates gzipped CloudTrail archives in bench-out/ (documentation account ids and IPs only), then
 * measures, each in a fresh child process so that peak RSS is its own:
 * - the floor: for every file, gunzipSync + JSON.parse of the whole `{"Records":[…]}` document, in one
 *   process (the least any reader of these files must do);
 * - the backtest: runBacktest() with every filter the package deploys, as the CLI runs it.
 * It prints events/s for both, their ratio (target: backtest >= 50 % of the floor) and peak RSS for a
 * small archive, a 10x larger one (memory must stay flat) and one large file (streaming within a file).
 *
 * Options: --files N (small archive, default 30), --records N (per file, default 2000),
 * --big-records N (the single large file, default 80000), --repeat N (best of N, default 2), --keep.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runBacktest } from '../src/backtest/run-backtest';
import { deployedMetricFilters } from '../src/detection/metric-filters';
import { seededRandom } from './seeded-random';

interface Measurement {
  readonly events: number;
  readonly matched?: number;
  /** Wall-clock time of the measured work. */
  readonly seconds: number;
  /** CPU time (user + system, all threads) of the measured work: fair when the machine is shared. */
  readonly cpuSeconds: number;
  readonly maxRssMb: number;
}

interface Archive {
  readonly name: string;
  readonly dir: string;
  readonly files: number;
  readonly events: number;
  readonly gzBytes: number;
  readonly rawBytes: number;
}

const OUT = resolve(__dirname, '..', 'bench-out', 'backtest');

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--child') {
    const mode = argv[1];
    const result = mode === 'floor' ? measureFloor(argv[2]) : mode === 'baseline' ? { events: 0, seconds: 0, cpuSeconds: 0, maxRssMb: maxRss() } : await measureBacktest(argv[2]);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const option = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const files = option('files', 30);
  const records = option('records', 2000);
  const bigRecords = option('big-records', 80000);
  const repeat = option('repeat', 2);

  process.stdout.write(`root-guard backtest benchmark: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})\n`);
  process.stdout.write(`generating archives in ${OUT} …\n`);
  rmSync(OUT, { recursive: true, force: true });
  const archives = [
    generateArchive('small', files, records, 1),
    generateArchive('10x larger', files * 10, records, 2),
    generateArchive('one large file', 1, bigRecords, 3),
  ];

  const rows: string[][] = [];
  for (const archive of archives) {
    const floor = best(repeat, () => child('floor', archive.dir));
    const backtest = best(repeat, () => child('backtest', archive.dir));
    if (floor.events !== archive.events || backtest.events !== archive.events) {
      throw new Error(`event counts disagree: generated ${archive.events}, floor ${floor.events}, backtest ${backtest.events}`);
    }
    const floorRate = floor.events / floor.seconds;
    const backtestRate = backtest.events / backtest.seconds;
    rows.push([
      archive.name,
      String(archive.files),
      archive.events.toLocaleString('en-US'),
      mb(archive.gzBytes),
      mb(archive.rawBytes),
      `${Math.round(floorRate).toLocaleString('en-US')} ev/s (${mb(archive.rawBytes / floor.seconds)} MB/s)`,
      `${floor.maxRssMb} MB`,
      `${Math.round(backtestRate).toLocaleString('en-US')} ev/s (${mb(archive.rawBytes / backtest.seconds)} MB/s)`,
      `${backtest.maxRssMb} MB`,
      `${(backtestRate / floorRate).toFixed(2)}`,
      `${(floor.cpuSeconds / backtest.cpuSeconds).toFixed(2)}`,
      (backtest.matched ?? 0).toLocaleString('en-US'),
    ]);
  }
  process.stdout.write(`\n${table(['archive', 'files', 'events', 'gz MB', 'raw MB', 'floor: gunzip + JSON.parse', 'floor RSS', 'backtest', 'backtest RSS', 'ratio', 'CPU ratio', 'matched'], rows)}`);
  const baseline = child('baseline', OUT);
  process.stdout.write(`\nratio = backtest events/s ÷ floor events/s, wall clock (target >= 0.50). CPU ratio = floor CPU time ÷ backtest CPU time\n`);
  process.stdout.write(`(user + system, all threads; the fairer figure on a shared machine). RSS = peak resident memory of the measuring process;\n`);
  process.stdout.write(`a process that loads the same modules and reads nothing peaks at ${baseline.maxRssMb} MB.\n`);
  if (!argv.includes('--keep')) rmSync(OUT, { recursive: true, force: true });
}

/** gunzip + JSON.parse of every file, whole, in this process. */
function measureFloor(dir: string): Measurement {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let events = 0;
  for (const file of listFiles(dir)) {
    const document = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] };
    events += document.Records.length;
  }
  return { events, seconds: elapsed(started), cpuSeconds: cpuSince(cpu), maxRssMb: maxRss() };
}

/** The backtest as the CLI runs it with the package's config. */
async function measureBacktest(dir: string): Promise<Measurement> {
  const filters = deployedMetricFilters({ namePrefix: 'root-guard', logGroupName: 'aws-controltower/CloudTrailLogs' }).map((f) => ({ id: f.id, filterName: f.filterName, pattern: f.pattern, label: f.id }));
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await runBacktest({ paths: [dir], filters });
  if (result.problems.length > 0) throw new Error(`backtest reported problems: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return { events: result.events, matched: result.filters[0].matched, seconds: elapsed(started), cpuSeconds: cpuSince(cpu), maxRssMb: maxRss() };
}

function child(mode: 'floor' | 'backtest' | 'baseline', dir: string): Measurement {
  // process.execArgv carries tsx's loader flags, so the child runs this same .ts file.
  const run = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${mode} child failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Measurement;
}

function best(times: number, measure: () => Measurement): Measurement {
  const runs = Array.from({ length: Math.max(1, times) }, measure);
  const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...fastest, maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

// ---------- archive generation ----------

const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79 exe/x86_64.amzn.2023 prompt/off command/s3.ls',
  'Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#6.1.79 md/arch#x86_64 lang/python#3.11.8 cfg/retry-mode#legacy Botocore/1.34.51',
  'aws-sdk-js/3.540.0 ua/2.0 os/linux#6.1.79 lang/js md/nodejs#20.11.1 api/sts#3.540.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'config.amazonaws.com',
  'cloudformation.amazonaws.com',
];
const CALLS: [string, string, string][] = [
  ['s3.amazonaws.com', 'GetBucketAcl', 'AwsApiCall'],
  ['sts.amazonaws.com', 'AssumeRole', 'AwsApiCall'],
  ['ec2.amazonaws.com', 'DescribeInstances', 'AwsApiCall'],
  ['kms.amazonaws.com', 'Decrypt', 'AwsApiCall'],
  ['iam.amazonaws.com', 'GetRole', 'AwsApiCall'],
  ['logs.amazonaws.com', 'CreateLogStream', 'AwsApiCall'],
  ['kms.amazonaws.com', 'RotateKey', 'AwsServiceEvent'],
  ['signin.amazonaws.com', 'ConsoleLogin', 'AwsConsoleSignIn'],
];


function generateArchive(name: string, files: number, perFile: number, seed: number): Archive {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const dir = join(OUT, name.replace(/\W+/g, '-'));
  const start = Date.UTC(2024, 0, 1);
  const span = 90 * 86400 * 1000;
  let gzBytes = 0;
  let rawBytes = 0;
  for (let f = 0; f < files; f++) {
    const account = ACCOUNTS[f % ACCOUNTS.length];
    const region = REGIONS[f % REGIONS.length];
    const time = start + Math.floor((f / files) * span);
    const records = Array.from({ length: perFile }, (_, i) => {
      const [eventSource, eventName, eventType] = pick(CALLS);
      // About one record in 5,000 is root activity (the rest is the noise a backtest wades through).
      const root = rnd() < 0.0002;
      return {
        eventVersion: '1.09',
        userIdentity: root
          ? { type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId: `ASIA${hex(16).toUpperCase()}` }
          : {
              type: 'AssumedRole',
              principalId: `AROA${hex(17).toUpperCase()}:session-${hex(6)}`,
              arn: `arn:aws:sts::${account}:assumed-role/Role${Math.floor(rnd() * 40)}/session-${hex(6)}`,
              accountId: account,
              accessKeyId: `ASIA${hex(16).toUpperCase()}`,
              sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROA${hex(17).toUpperCase()}`, arn: `arn:aws:iam::${account}:role/Role${Math.floor(rnd() * 40)}`, accountId: account, userName: `Role${Math.floor(rnd() * 40)}` }, attributes: { creationDate: new Date(time).toISOString(), mfaAuthenticated: 'false' } },
            },
        eventTime: new Date(time + Math.floor((i / perFile) * (span / files))).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventSource,
        eventName,
        awsRegion: region,
        sourceIPAddress: `${pick(['192.0.2', '198.51.100', '203.0.113'])}.${Math.floor(rnd() * 256)}`,
        userAgent: pick(AGENTS),
        requestParameters: { bucketName: `example-bucket-${hex(8)}`, Host: `example-bucket-${hex(8)}.s3.${region}.amazonaws.com`, maxResults: Math.floor(rnd() * 1000) },
        responseElements: null,
        requestID: hex(32),
        eventID: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
        readOnly: rnd() < 0.8,
        resources: [{ accountId: account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::example-bucket-${hex(8)}` }],
        eventType,
        managementEvent: true,
        recipientAccountId: account,
        eventCategory: 'Management',
        tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${eventSource.split('.')[0]}.${region}.amazonaws.com` },
      };
    });
    const text = JSON.stringify({ Records: records });
    const gz = gzipSync(text, { level: 6 });
    const stamp = new Date(time).toISOString().slice(0, 10).replace(/-/g, '/');
    const path = join(dir, 'AWSLogs', account, 'CloudTrail', region, stamp, `${account}_CloudTrail_${region}_${f}_${hex(16)}.json.gz`);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, gz);
    gzBytes += gz.length;
    rawBytes += Buffer.byteLength(text);
  }
  return { name, dir, files, events: files * perFile, gzBytes, rawBytes };
}

// ---------- helpers ----------

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => p.endsWith('.json.gz') && statSync(p).isFile())
    .sort();
}

function elapsed(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function maxRss(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`bench-backtest: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
