import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ALARM } from '../../src/backtest/aggregate-matches';
import { runBacktest, type BacktestFilter, type FilterResult } from '../../src/backtest/run-backtest';
import { deployedMetricFilters } from '../../src/detection/metric-filters';
import type { HuntScope } from '../../src/hunt/build-query';
import { planHunt, runHunt, type QueryRunner } from '../../src/hunt/run-hunt';
import { cloudTrailRecord, rootLogin, tempDir, writeRecordsFile } from '../backtest/fixtures';
import { openCloudTrailDb, type CloudTrailDb } from './duckdb-cloudtrail';

/** The committed CloudTrail samples (real-shaped records from AWS docs), labels stripped. */
function committedSamples(): Record<string, unknown>[] {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'cloudtrail', 'cloudtrail-samples.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l.trim()).map((line) =>
    Object.fromEntries(Object.entries(JSON.parse(line) as Record<string, unknown>).filter(([k]) => !k.startsWith('_'))));
}

/** A generated archive: two days, three accounts, root activity and ordinary calls, a few each hour. */
function generatedRecords(): Record<string, unknown>[] {
  const accounts = ['111111111111', '222222222222', '333333333333'];
  const records: Record<string, unknown>[] = [];
  for (let hour = 0; hour < 48; hour += 5) {
    const time = (minute: number) => new Date(Date.UTC(2024, 2, 1, hour, minute)).toISOString().replace('.000Z', 'Z');
    accounts.forEach((account, i) => {
      records.push({ ...cloudTrailRecord({ eventTime: time(i), recipientAccountId: account, eventID: `g-${hour}-${i}-a` }) });
      if ((hour + i) % 3 === 0) records.push({ ...rootLogin(account, time(i + 1)), eventID: `g-${hour}-${i}-r` });
      if ((hour + i) % 4 === 0) {
        records.push(cloudTrailRecord({
          eventTime: time(i + 2), recipientAccountId: account, eventID: `g-${hour}-${i}-d`, eventName: 'RunInstances', eventSource: 'ec2.amazonaws.com',
          errorCode: 'Client.UnauthorizedOperation', userIdentity: { type: 'AssumedRole', accountId: account, accessKeyId: 'ASIAEXAMPLE', sessionContext: { attributes: { mfaAuthenticated: 'false' } } },
        }));
      }
    });
  }
  return records;
}

const ALL_TIME: HuntScope = { start: new Date('2000-01-01T00:00:00Z'), end: new Date('2100-01-01T00:00:00Z'), accounts: [], regions: [] };
const FILTERS: BacktestFilter[] = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard', cisMonitoring: 'all' })
  .map((f) => ({ id: f.id, filterName: f.filterName, pattern: f.pattern, label: `metric filter ${f.id}` }));

/** A QueryRunner over DuckDB: the SQL text hunt sends to Athena, run offline. */
const duckRunner = (db: CloudTrailDb): QueryRunner => async (sql) => ({
  rows: (await db.query(sql)).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? undefined : String(v)]))),
  bytesScanned: 0,
});

/** What both back ends must agree on, examples as event ids in time order. */
function comparable(filter: FilterResult) {
  return {
    id: filter.id,
    matched: filter.matched,
    groups: filter.groups,
    alarm: filter.alarm,
    examples: (filter.examples ?? []).map((e) => [String(e.event.eventTime), String(e.event.eventID)])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)),
  };
}

describe('runHunt: the SQL hunt emits, run by DuckDB, gives the backtest report (every deployed pattern)', () => {
  // A record without a parseable eventTime cannot fall in a time window (every CloudTrail record
  // has one), so hunt cannot see it by construction; the comparison uses the timed records.
  const samples = committedSamples().filter((r) => typeof r.eventTime === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(r.eventTime));
  const sets: [string, Record<string, unknown>[]][] = [
    ['committed CloudTrail samples', samples],
    ['generated two-day archive', generatedRecords()],
  ];
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it.each(sets)('%s', async (name, records) => {
    expect(records.length).toBeGreaterThan(5);
    const file = writeRecordsFile(join(dir, `${name.replace(/\W+/g, '-')}.json.gz`), records);
    const local = await runBacktest({ paths: [file], filters: FILTERS, examples: 1000 });
    const db = await openCloudTrailDb(records.map((r) => JSON.stringify(r)));
    try {
      const plan = planHunt('cloudtrail', FILTERS, ALL_TIME, DEFAULT_ALARM, 1000);
      const hunted = await runHunt(plan, duckRunner(db), DEFAULT_ALARM);
      expect(hunted.events).toBe(local.events);
      expect(hunted.filters.map(comparable)).toEqual(local.filters.map(comparable));
      // Not vacuous: several filters match something.
      expect(local.filters.filter((f) => (f.matched ?? 0) > 0).length).toBeGreaterThanOrEqual(2);
    } finally {
      db.close();
    }
  });

  it('reads only the window: a one-day window over the generated archive equals backtest over that day', async () => {
    const records = generatedRecords();
    const day = records.filter((r) => String(r.eventTime).startsWith('2024-03-02'));
    const local = await runBacktest({ paths: [writeRecordsFile(join(dir, 'day.json.gz'), day)], filters: FILTERS, examples: 1000 });
    const db = await openCloudTrailDb(records.map((r) => JSON.stringify(r)));
    try {
      const scope: HuntScope = { start: new Date('2024-03-02T00:00:00Z'), end: new Date('2024-03-03T00:00:00Z'), accounts: [], regions: [] };
      const hunted = await runHunt(planHunt('cloudtrail', FILTERS, scope, DEFAULT_ALARM, 1000), duckRunner(db), DEFAULT_ALARM);
      expect(hunted.events).toBe(day.length);
      expect(hunted.events).toBeLessThan(records.length);
      expect(hunted.filters.map(comparable)).toEqual(local.filters.map(comparable));
    } finally {
      db.close();
    }
  });

  it('keeps the first N matches per filter in time order, with MFA and access key', async () => {
    const records = generatedRecords();
    const db = await openCloudTrailDb(records.map((r) => JSON.stringify(r)));
    try {
      const pattern: BacktestFilter = { id: 'pattern', pattern: '{ $.errorCode = "*UnauthorizedOperation" }', label: '--pattern' };
      const hunted = await runHunt(planHunt('cloudtrail', [pattern], ALL_TIME, DEFAULT_ALARM, 2), duckRunner(db), DEFAULT_ALARM);
      const examples = hunted.filters[0].examples!;
      expect(examples).toHaveLength(2);
      expect(examples.map((e) => e.event.eventTime)).toEqual(['2024-03-01T00:02:00Z', '2024-03-01T10:04:00Z']);
      expect(examples[0].event.userIdentity).toEqual({ type: 'AssumedRole', accountId: '111111111111', accessKeyId: 'ASIAEXAMPLE', sessionContext: { attributes: { mfaAuthenticated: 'false' } } });
    } finally {
      db.close();
    }
  });

  it('keeps a pattern SQL cannot express as an error beside the others, and refuses when none compiles', () => {
    const plan = planHunt('cloudtrail', [FILTERS[0], { id: 'pattern', pattern: '{ $.errorCode IS NULL }', label: '--pattern' }], ALL_TIME, DEFAULT_ALARM, 5);
    expect(plan.filters[1].error?.[0]).toMatch(/^--pattern: .*hunt cannot run this in Athena exactly/);
    expect(() => planHunt('cloudtrail', [{ id: 'pattern', pattern: '{ $.errorCode IS NULL }', label: '--pattern' }], ALL_TIME, DEFAULT_ALARM, 5))
      .toThrow(/hunt cannot run this in Athena exactly/);
  });
});
