import { UserError } from '../errors';
import { sqlString } from './compile-sql';

/** What a hunt reads: a time window (UTC) and optionally some accounts and Regions. */
export interface HuntScope {
  /** Inclusive start, ISO 8601 UTC. */
  readonly start: Date;
  /** Exclusive end. */
  readonly end: Date;
  /** 12-digit account ids; all when empty. */
  readonly accounts: readonly string[];
  /** Region names; all when empty. */
  readonly regions: readonly string[];
}

/** One filter's compiled predicate. */
export interface CompiledFilter {
  readonly id: string;
  readonly predicate: string;
}

/** The partition days a scope reads (yyyy/MM/dd), one day past its end (see {@link partitionPredicate}). */
export function partitionDays(scope: HuntScope): string[] {
  const days: string[] = [];
  const { first, last } = partitionBounds(scope);
  for (let t = first; t <= last; t += DAY_MS) days.push(partitionDay(t));
  return days;
}

const DAY_MS = 86_400_000;

/** The first and last partition day of a scope, as UTC midnights in milliseconds. */
function partitionBounds(scope: HuntScope): { first: number; last: number } {
  const first = Date.UTC(scope.start.getUTCFullYear(), scope.start.getUTCMonth(), scope.start.getUTCDate());
  // The day of the scope's last millisecond, plus one.
  const last = first + (Math.floor((scope.end.getTime() - 1 - first) / DAY_MS) + 1) * DAY_MS;
  return { first, last };
}

const partitionDay = (t: number): string => new Date(t).toISOString().slice(0, 10).replace(/-/g, '/');

/**
 * The partition predicate: only these days (and accounts, Regions) are read. The day folder of an
 * organization trail is the day a log file was delivered, which CloudTrail does within about 5
 * minutes of the call ("CloudTrail typically delivers logs within an average of about 5 minutes",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/how-cloudtrail-works.html), so one day
 * after the window is read too and the events themselves are then cut by eventtime.
 */
export function partitionPredicate(scope: HuntScope): string {
  // The bounds alone: a long window (the tests hunt 2000–2100) need not list its 36,525 days here.
  const { first, last } = partitionBounds(scope);
  const parts = [`"timestamp" BETWEEN ${sqlString(partitionDay(first))} AND ${sqlString(partitionDay(last))}`];
  if (scope.accounts.length > 0) parts.push(`account IN (${scope.accounts.map(sqlString).join(', ')})`);
  if (scope.regions.length > 0) parts.push(`region IN (${scope.regions.map(sqlString).join(', ')})`);
  // CloudTrail writes eventTime as yyyy-MM-ddTHH:mm:ssZ, so text order is time order.
  parts.push(`eventtime >= ${sqlString(isoSeconds(scope.start))}`, `eventtime < ${sqlString(isoSeconds(scope.end))}`);
  return parts.join('\n  AND ');
}

function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The account a match is grouped under: as src/backtest/cloudtrail-record.ts accountOf. */
const ACCOUNT_SQL = "COALESCE(NULLIF(recipientaccountid, ''), NULLIF(useridentity.accountid, ''), 'unknown')";
/** The UTC day of eventTime: as dayOf. */
const DAY_SQL = "CASE WHEN regexp_like(eventtime, '^\\d{4}-\\d{2}-\\d{2}') THEN substr(eventtime, 1, 10) ELSE 'unknown' END";

/**
 * The counts query: one scan for every filter, grouped by day × account × event name × alarm
 * period, with one count column per filter (c0, c1, …), plus one total row (grouping set `()`,
 * `total` = every event in the window) so the report can say how many events were read. The alarm
 * period is floor(epoch seconds / periodSeconds), as the backtest aligns it; NULL when eventTime
 * does not parse. Groups where no filter matched are dropped by HAVING.
 */
export function countsQuery(table: string, filters: readonly CompiledFilter[], scope: HuntScope, periodSeconds: number): string {
  if (filters.length === 0) throw new UserError('hunt: no filter to run');
  const flags = filters.map((f, i) => `    ${f.predicate} AS m${i}`).join(',\n');
  return [
    ...columnLegend(filters, 'c'),
    'SELECT day, account, eventname, period, grouping(day) AS is_total, count(*) AS total,',
    filters.map((_, i) => `  count_if(m${i}) AS c${i}`).join(',\n'),
    'FROM (',
    '  SELECT',
    `    ${DAY_SQL} AS day,`,
    `    ${ACCOUNT_SQL} AS account,`,
    "    COALESCE(eventname, 'unknown') AS eventname,",
    `    floor(to_unixtime(try(from_iso8601_timestamp(eventtime))) / ${periodSeconds}) AS period,`,
    flags,
    `  FROM ${table}`,
    `  WHERE ${partitionPredicate(scope).replace(/\n/g, '\n  ')}`,
    ')',
    'GROUP BY GROUPING SETS ((day, account, eventname, period), ())',
    `HAVING grouping(day) = 1 OR ${filters.map((_, i) => `count_if(m${i}) > 0`).join(' OR ')}`,
  ].join('\n');
}

/**
 * SQL comments saying which filter each numbered column is (`m0`/`c0` …), so a person reading the
 * printed SQL or Athena's query history knows which pattern a count belongs to. Ids are one line of
 * `[A-Za-z0-9._:-]`, and anything else is replaced, so a comment can never end early.
 */
function columnLegend(filters: readonly CompiledFilter[], second: 'c' | 'r'): string[] {
  return filters.map((f, i) => `-- m${i}, ${second}${i}: filter ${f.id.replace(/[^A-Za-z0-9._:-]/g, '_')}`);
}

/** The columns an example match is shown with (the report's readable lines, MFA and key kind). */
export const EXAMPLE_COLUMNS = [
  'eventtime', 'eventname', 'eventsource', 'awsregion', 'recipientaccountid', 'sourceipaddress', 'useragent',
  'errorcode', 'errormessage', 'eventid', 'eventtype', 'additionaleventdata',
  'useridentity.type AS identitytype', 'useridentity.arn AS identityarn', 'useridentity.accountid AS identityaccountid',
  'useridentity.accesskeyid AS accesskeyid', 'useridentity.sessioncontext.attributes.mfaauthenticated AS mfaauthenticated',
  'useridentity.sessioncontext.assumedroot AS assumedroot',
  '"$path" AS path',
];

/**
 * The first `examples` matches of each filter, in time order, in one scan: m<i> says whether filter i
 * matched the row and r<i> is its rank among filter i's matches.
 */
export function examplesQuery(table: string, filters: readonly CompiledFilter[], scope: HuntScope, examples: number): string {
  const flags = filters.map((f, i) => `    ${f.predicate} AS m${i},\n    row_number() OVER (PARTITION BY ${f.predicate} ORDER BY eventtime, eventid) AS r${i}`).join(',\n');
  return [
    ...columnLegend(filters, 'r'),
    'SELECT * FROM (',
    '  SELECT',
    `    ${EXAMPLE_COLUMNS.join(',\n    ')},`,
    flags,
    `  FROM ${table}`,
    `  WHERE ${partitionPredicate(scope).replace(/\n/g, '\n  ')}`,
    `    AND (${filters.map((f) => f.predicate).join('\n      OR ')})`,
    ')',
    `WHERE ${filters.map((_, i) => `(m${i} AND r${i} <= ${examples})`).join(' OR ')}`,
    'ORDER BY eventtime, eventid',
  ].join('\n');
}
