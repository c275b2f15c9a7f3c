import { countsQuery, examplesQuery, partitionDays, partitionPredicate, type HuntScope } from '../../src/hunt/build-query';
import { cloudTrailRecord } from '../backtest/fixtures';
import { openCloudTrailDb } from './duckdb-cloudtrail';

const DAY: HuntScope = { start: new Date('2024-03-02T00:00:00Z'), end: new Date('2024-03-03T00:00:00Z'), accounts: [], regions: [] };

describe('partitionDays / partitionPredicate', () => {
  it('reads the window\'s days and the day after (late delivery), then cuts by eventtime', () => {
    expect(partitionDays(DAY)).toEqual(['2024/03/02', '2024/03/03']);
    expect(partitionDays({ ...DAY, start: new Date('2024-02-28T23:00:00Z') })).toEqual(['2024/02/28', '2024/02/29', '2024/03/01', '2024/03/02', '2024/03/03']);
    expect(partitionPredicate(DAY).split('\n  AND ')).toEqual([
      `"timestamp" BETWEEN '2024/03/02' AND '2024/03/03'`,
      "eventtime >= '2024-03-02T00:00:00Z'",
      "eventtime < '2024-03-03T00:00:00Z'",
    ]);
  });
  it('names the first and last partition day of any window, as partitionDays lists them', () => {
    const windows: [string, string][] = [
      ['2024-03-02T00:00:00Z', '2024-03-03T00:00:00Z'],
      ['2024-03-02T13:45:00Z', '2024-03-02T13:46:00Z'],
      ['2024-02-28T23:00:00Z', '2024-03-03T00:00:01Z'],
      ['2023-12-31T23:59:59Z', '2024-01-01T00:00:00Z'],
      ['2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'],
    ];
    for (const [start, end] of windows) {
      const scope = { ...DAY, start: new Date(start), end: new Date(end) };
      const days = partitionDays(scope);
      expect(partitionPredicate(scope).split('\n  AND ')[0]).toBe(`"timestamp" BETWEEN '${days[0]}' AND '${days[days.length - 1]}'`);
    }
    expect(partitionDays({ ...DAY, start: new Date('2000-01-01T00:00:00Z'), end: new Date('2100-01-01T00:00:00Z') })).toHaveLength(36_525 + 1);
  });
  it('quotes account and Region lists', () => {
    expect(partitionPredicate({ ...DAY, accounts: ['111111111111'], regions: ["us-east-1", "x'y"] })).toContain(`region IN ('us-east-1', 'x''y')`);
  });
});

describe('countsQuery in DuckDB: the one-day window is a partition filter', () => {
  it('prints the partition predicates and DuckDB applies them as a filter on the partition column', async () => {
    const scope: HuntScope = { start: new Date('2024-03-02T00:00:00Z'), end: new Date('2024-03-03T00:00:00Z'), accounts: ['222222222222'], regions: ['us-east-1'] };
    const sql = countsQuery('cloudtrail', [{ id: 'x', predicate: "eventname = 'ConsoleLogin'" }], scope, 300);
    expect(sql).toContain(`"timestamp" BETWEEN '2024/03/02' AND '2024/03/03'`);
    expect(sql).toContain(`account IN ('222222222222')`);
    expect(sql).toContain(`region IN ('us-east-1')`);
    const db = await openCloudTrailDb([cloudTrailRecord(), cloudTrailRecord({ eventTime: '2024-03-02T10:00:00Z' })].map((r) => JSON.stringify(r)));
    try {
      const plan = (await db.query(`EXPLAIN ${sql}`)).map((r) => String(r.explain_value)).join('\n');
      expect(plan).toMatch(/FILTER/);
      expect(plan).toMatch(/2024\/03\/02/);
    } finally {
      db.close();
    }
  });
});

describe('the SQL names its columns (issue 28 §7)', () => {
  const scope = { start: new Date('2024-03-01T00:00:00Z'), end: new Date('2024-03-02T00:00:00Z'), accounts: [], regions: [] };
  const filters = [{ id: 'root-activity', predicate: "eventname = 'A'" }, { id: 'tamper-trail\n-- injected', predicate: "eventname = 'B'" }];

  test('says which filter each mN/cN and rN column is, one comment line each, never ended early by an id', () => {
    const counts = countsQuery('cloudtrail', filters, scope, 300).split('\n');
    expect(counts.slice(0, 2)).toEqual(['-- m0, c0: filter root-activity', '-- m1, c1: filter tamper-trail_--_injected']);
    expect(examplesQuery('cloudtrail', filters, scope, 5).split('\n').slice(0, 2)).toEqual(['-- m0, r0: filter root-activity', '-- m1, r1: filter tamper-trail_--_injected']);
  });
});
