/**
 * Benchmark of `root-guard hunt`'s two costs (run: `npm run bench:hunt`; not a test).
 *
 * 1. Compiling: planHunt() for every filter the package deploys (CIS on), for a one-day window over
 *    N = 50 / 500 / 5,000 accounts (--accounts lists them all), against a floor measured in the same
 *    run: JSON.parse of a JSON document holding the same patterns and account ids.
 * 2. Bytes read: a generated organization-trail archive in bench-out/hunt/ (documentation values),
 *    laid out as AWSLogs/<org-id>/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/. For a one-day window
 *    the partitions Athena's projection reads are computed from the hunt's partition predicates
 *    (days × accounts × Regions), and DuckDB reads exactly those files; the bytes and events are
 *    compared with DuckDB reading the whole archive.
 *
 * Options: --accounts N (archive accounts, default 50), --days N (default 30), --records N (per file, default 50), --keep.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_ALARM } from '../src/backtest/aggregate-matches';
import { deployedMetricFilters } from '../src/detection/metric-filters';
import { partitionDays, type HuntScope } from '../src/hunt/build-query';
import { planHunt } from '../src/hunt/run-hunt';
import { seededRandom } from './seeded-random';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ARCHIVE_ACCOUNTS = option('accounts', 50);
const DAYS = option('days', 30);
const RECORDS = option('records', 50);
const REGIONS = ['us-east-1', 'eu-west-1'];
const ORG = 'o-exampleorgid';
const OUT = resolve(__dirname, '..', 'bench-out', 'hunt');

const filters = deployedMetricFilters({ namePrefix: 'root-guard', cisMonitoring: 'all', logGroupName: 'aws-controltower/CloudTrailLogs' })
  .map((f) => ({ id: f.id, filterName: f.filterName, pattern: f.pattern, label: f.id }));
const accountId = (i: number) => String(100000000000 + i * 7);
const oneDay = (accounts: string[]): HuntScope => ({ start: new Date('2024-03-15T00:00:00Z'), end: new Date('2024-03-16T00:00:00Z'), accounts, regions: [] });

/** Median of `repeat` timings of fn, in microseconds. */
function time(fn: () => unknown, repeat: number): number {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

console.log(`hunt benchmark (${new Date().toISOString()}; machine shared with other work: read the ratios, not the absolute times)\n`);
console.log(`1. Compiling ${filters.length} deployed filters into the counts and examples SQL for a one-day window`);
console.log('   accounts | compile (µs) | floor: JSON.parse of patterns+ids (µs) | ratio | SQL chars');
for (const n of [50, 500, 5000]) {
  const accounts = Array.from({ length: n }, (_, i) => accountId(i));
  const doc = JSON.stringify({ patterns: filters.map((f) => f.pattern), accounts });
  const repeat = 51;
  time(() => planHunt('t', filters, oneDay(accounts), DEFAULT_ALARM, 5), 20); // warm-up (JIT)
  time(() => JSON.parse(doc), 20);
  const compile = time(() => planHunt('"default"."root_guard_cloudtrail"', filters, oneDay(accounts), DEFAULT_ALARM, 5), repeat);
  const floor = time(() => JSON.parse(doc), repeat);
  const plan = planHunt('"default"."root_guard_cloudtrail"', filters, oneDay(accounts), DEFAULT_ALARM, 5);
  console.log(`   ${String(n).padStart(8)} | ${compile.toFixed(0).padStart(12)} | ${floor.toFixed(0).padStart(38)} | ${(compile / floor).toFixed(1).padStart(5)}× | ${(plan.counts!.length + plan.examples!.length).toLocaleString('en-US')}`);
}

/** Writes the archive once; returns every file with its partition (account, Region, day). */
function writeArchive(): { path: string; account: string; region: string; day: string }[] {
  const random = seededRandom(14);
  const files: { path: string; account: string; region: string; day: string }[] = [];
  const fresh = !existsSync(join(OUT, 'done'));
  if (fresh) rmSync(OUT, { recursive: true, force: true });
  for (let a = 0; a < ARCHIVE_ACCOUNTS; a++) {
    for (const region of REGIONS) {
      for (let d = 0; d < DAYS; d++) {
        const date = new Date(Date.UTC(2024, 2, 1 + d));
        const day = date.toISOString().slice(0, 10).replace(/-/g, '/');
        const account = accountId(a);
        const dir = join(OUT, 'AWSLogs', ORG, account, 'CloudTrail', region, day);
        const path = join(dir, `${account}_CloudTrail_${region}_${day.replace(/\//g, '')}T0000Z_bench.json.gz`);
        files.push({ path, account, region, day });
        if (!fresh) continue;
        const records = Array.from({ length: RECORDS }, (_, r) => ({
          eventVersion: '1.08', eventTime: new Date(date.getTime() + Math.floor(random() * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          eventSource: 'iam.amazonaws.com', eventName: random() < 0.01 ? 'ConsoleLogin' : 'GetUser', awsRegion: region, recipientAccountId: account,
          userIdentity: random() < 0.01 ? { type: 'Root', accountId: account, arn: `arn:aws:iam::${account}:root` } : { type: 'IAMUser', accountId: account },
          sourceIPAddress: '192.0.2.10', userAgent: 'aws-cli/2.15.0', eventID: `${account}-${region}-${d}-${r}`, eventType: 'AwsApiCall',
        }));
        mkdirSync(dir, { recursive: true });
        writeFileSync(path, gzipSync(JSON.stringify({ Records: records })));
      }
    }
  }
  writeFileSync(join(OUT, 'done'), '');
  return files;
}

async function main(): Promise<void> {
  console.log(`\n2. Bytes read for a one-day window: generated archive of ${ARCHIVE_ACCOUNTS} accounts × ${REGIONS.length} Regions × ${DAYS} days, ${RECORDS} events per file`);
  const files = writeArchive();
  const scope = oneDay([]);
  const days = new Set(partitionDays(scope));
  // Partition projection: Athena reads the locations the predicates leave, nothing else.
  const projected = files.filter((f) => days.has(f.day));
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const read = async (list: typeof files) => {
    const sql = `SELECT sum(len(Records)) AS events FROM read_json([${list.map((f) => `'${f.path}'`).join(',')}], columns = {Records: 'JSON[]'}, format = 'unstructured')`;
    const t = process.hrtime.bigint();
    const rows = (await db.runAndReadAll(sql)).getRowObjectsJS();
    return { events: Number(rows[0].events), seconds: Number(process.hrtime.bigint() - t) / 1e9, bytes: list.reduce((s, f) => s + statSync(f.path).size, 0) };
  };
  const day = await read(projected);
  const all = await read(files);
  console.log(`   one day : ${projected.length.toLocaleString('en-US')} partitions (files), ${(day.bytes / 1e6).toFixed(2)} MB, ${day.events.toLocaleString('en-US')} events, DuckDB ${day.seconds.toFixed(2)} s`);
  console.log(`   archive : ${files.length.toLocaleString('en-US')} partitions (files), ${(all.bytes / 1e6).toFixed(2)} MB, ${all.events.toLocaleString('en-US')} events, DuckDB ${all.seconds.toFixed(2)} s`);
  console.log(`   ratio   : the one-day hunt reads ${((day.bytes / all.bytes) * 100).toFixed(1)} % of the bytes (${(all.bytes / day.bytes).toFixed(1)}× less); the window's ${days.size} partition days are the day and the day after (late delivery)`);
  db.closeSync();
  instance.closeSync();
  if (!args.includes('--keep')) rmSync(OUT, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
