import type { AthenaClient } from '@aws-sdk/client-athena';
import { estimateAlarm, type AlarmSettings, type MatchExample, type MatchGroup } from '../backtest/aggregate-matches';
import type { BacktestFilter, BacktestResult, FilterResult } from '../backtest/run-backtest';
import { FilterPatternError } from '../filter-pattern/errors';
import { UserError } from '../errors';
import { runAthenaQuery, type AthenaTarget, type QueryLimits, type QueryOutcome } from './athena-query';
import { countsQuery, examplesQuery, type CompiledFilter, type HuntScope } from './build-query';
import { compilePatternToSql } from './compile-sql';

/** Runs a query and returns its rows; Athena in production, DuckDB in the tests. */
export type QueryRunner = (sql: string) => Promise<Pick<QueryOutcome, 'rows' | 'bytesScanned'> & { queryExecutionId?: string }>;

export interface HuntPlan {
  readonly filters: readonly (BacktestFilter & { readonly predicate?: string; readonly error?: readonly string[] })[];
  readonly counts?: string;
  readonly examples?: string;
}

/** Compiles every filter; a filter SQL cannot express is kept with its error (as backtest keeps a bad pattern). */
export function planHunt(table: string, filters: readonly BacktestFilter[], scope: HuntScope, alarm: AlarmSettings, examples: number): HuntPlan {
  type Planned = HuntPlan['filters'][number];
  const planned = filters.map((filter): Planned => {
    try {
      return { ...filter, predicate: compilePatternToSql(filter.pattern) };
    } catch (err) {
      if (!(err instanceof FilterPatternError)) throw err;
      const [first, ...rest] = err.problems;
      return { ...filter, error: [`${filter.label}: ${first}`, ...rest] };
    }
  });
  const compiled: CompiledFilter[] = planned.filter((f) => f.predicate !== undefined).map((f) => ({ id: f.id, predicate: f.predicate! }));
  if (compiled.length === 0) throw new UserError(planned.flatMap((f) => f.error ?? []));
  return {
    filters: planned,
    counts: countsQuery(table, compiled, scope, alarm.periodSeconds),
    examples: examples > 0 ? examplesQuery(table, compiled, scope, examples) : undefined,
  };
}

export interface HuntRun extends BacktestResult {
  readonly bytesScanned: number;
  /** Bytes scanned by each query run (Athena bills each with a 10 MB minimum). */
  readonly bytesPerQuery: readonly number[];
  readonly queryExecutionIds: readonly string[];
}

/** Runs the plan's queries and shapes the answer as a backtest result (same report, same JSON). */
export async function runHunt(plan: HuntPlan, run: QueryRunner, alarm: AlarmSettings): Promise<HuntRun> {
  const started = process.hrtime.bigint();
  const counts = await run(plan.counts!);
  const examples = plan.examples ? await run(plan.examples) : undefined;
  const active = plan.filters.filter((f) => f.predicate !== undefined);
  let events = 0;
  const perFilter = active.map(() => ({ groups: new Map<string, number>(), periods: new Map<number, number>(), untimed: 0, matched: 0 }));
  for (const row of counts.rows) {
    if (String(row.is_total) === '1') {
      events = Number(row.total);
      continue;
    }
    active.forEach((_, i) => {
      const n = Number(row[`c${i}`] ?? 0);
      if (n === 0) return;
      const f = perFilter[i];
      f.matched += n;
      const key = `${row.day}\u0000${row.account}\u0000${row.eventname}`;
      f.groups.set(key, (f.groups.get(key) ?? 0) + n);
      if (row.period === undefined || row.period === null || row.period === '') f.untimed += n;
      else f.periods.set(Number(row.period), (f.periods.get(Number(row.period)) ?? 0) + n);
    });
  }
  const results: FilterResult[] = plan.filters.map((filter) => {
    const base = { id: filter.id, filterName: filter.filterName, pattern: filter.pattern };
    if (filter.error) return { ...base, error: filter.error };
    const i = active.indexOf(filter);
    const f = perFilter[i];
    const groups: MatchGroup[] = [...f.groups].map(([key, count]) => {
      const [day, account, eventName] = key.split('\u0000');
      return { day, account, eventName, count };
    }).sort((a, b) => cmp(a.day, b.day) || cmp(a.account, b.account) || cmp(a.eventName, b.eventName));
    const exampleRows = (examples?.rows ?? []).filter((row) => isTrue(row[`m${i}`]));
    return {
      ...base,
      matched: f.matched,
      groups,
      ungroupedMatches: 0,
      examples: exampleRows.map(toExample),
      alarm: { ...estimateAlarm(f.periods, alarm), untimedMatches: f.untimed, truncated: false },
    };
  });
  return {
    events,
    files: 0,
    filesRead: 0,
    skippedRecords: 0,
    problems: [],
    problemsOmitted: 0,
    ignoredPaths: 0,
    ignoredExamples: [],
    filters: results,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    bytesScanned: counts.bytesScanned + (examples?.bytesScanned ?? 0),
    bytesPerQuery: examples ? [counts.bytesScanned, examples.bytesScanned] : [counts.bytesScanned],
    queryExecutionIds: [counts.queryExecutionId, examples?.queryExecutionId].filter((id): id is string => id !== undefined),
  };
}

/** An Athena runner with the limits applied to each query. */
export function athenaRunner(client: AthenaClient, target: AthenaTarget, limits: QueryLimits): QueryRunner {
  return (sql) => runAthenaQuery(client, sql, target, limits);
}

/** A match as the report shows it: the record rebuilt from the example columns (CloudTrail field names). */
function toExample(row: Record<string, unknown>): MatchExample {
  const text = (key: string) => (row[key] === undefined || row[key] === null ? undefined : String(row[key]));
  let additionalEventData: unknown;
  try {
    additionalEventData = text('additionaleventdata') ? JSON.parse(text('additionaleventdata')!) : undefined;
  } catch {
    additionalEventData = text('additionaleventdata');
  }
  const event = Object.fromEntries(Object.entries({
    eventTime: text('eventtime'),
    eventSource: text('eventsource'),
    eventName: text('eventname'),
    awsRegion: text('awsregion'),
    recipientAccountId: text('recipientaccountid'),
    sourceIPAddress: text('sourceipaddress'),
    userAgent: text('useragent'),
    errorCode: text('errorcode'),
    errorMessage: text('errormessage'),
    eventID: text('eventid'),
    eventType: text('eventtype'),
    additionalEventData,
    userIdentity: Object.fromEntries(Object.entries({
      type: text('identitytype'),
      arn: text('identityarn'),
      accountId: text('identityaccountid'),
      accessKeyId: text('accesskeyid'),
      ...sessionContextOf(text('mfaauthenticated'), text('assumedroot')),
    }).filter(([, v]) => v !== undefined)),
  }).filter(([, v]) => v !== undefined));
  // `record` is 0: Athena does not say where in its file a row was.
  return { file: text('path') ?? '', record: 0, event };
}

/** `sessionContext` rebuilt from its two example columns, as the record had it (absent when both are). */
function sessionContextOf(mfaAuthenticated: string | undefined, assumedRoot: string | undefined): { sessionContext?: Record<string, unknown> } {
  if (mfaAuthenticated === undefined && assumedRoot === undefined) return {};
  return {
    sessionContext: {
      ...(mfaAuthenticated !== undefined ? { attributes: { mfaAuthenticated } } : {}),
      ...(assumedRoot !== undefined ? { assumedRoot } : {}),
    },
  };
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
