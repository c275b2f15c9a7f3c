import { renderTable } from '../render/text-table';
import { summarizeRecord } from './cloudtrail-record';
import type { AlarmEstimate, MatchExample, MatchGroup } from './aggregate-matches';
import type { BacktestResult, FilterResult } from './run-backtest';

export interface TextReportOptions {
  /**
   * Group rows shown per filter (all of them are in --json).
   * @default 50
   */
  readonly maxGroupRows?: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${n === 1 ? word : /(ch|sh|s|x)$/.test(word) ? `${word}es` : `${word}s`}`;

/**
 * The report a person reads: totals first, then per filter the counts, what the alarm would have
 * done, the matches by day/account/event and the first matches (readable lines, then the record
 * in full), then every input problem.
 */
export function renderTextReport(result: BacktestResult, options: TextReportOptions = {}): string {
  const maxRows = options.maxGroupRows ?? 50;
  const lines: string[] = [];
  const rate = result.seconds > 0 ? ` (${count(Math.round(result.events / result.seconds))} events/s)` : '';
  const partly = result.files - result.filesRead;
  const unfinished = partly > 0 ? ` (${count(partly)} not read to the end: see below)` : '';
  lines.push(`Read ${plural(result.events, 'event')} from ${plural(result.files, 'file')}${unfinished} in ${result.seconds.toFixed(1)} s${rate}.`);
  if (result.ignoredPaths > 0) {
    const first = result.ignoredExamples[0];
    lines.push(`Ignored ${plural(result.ignoredPaths, 'path')} in the directories (e.g. ${first.path}: ${first.problem}).`);
  }
  for (const filter of result.filters) {
    lines.push('', ...renderFilter(filter, result.events, maxRows));
  }
  const problemCount = result.problems.length + result.problemsOmitted;
  if (problemCount > 0) {
    lines.push('', `Skipped input (${plural(problemCount, 'problem')}; exit code 1):`);
    for (const p of result.problems) lines.push(`  ${p.path}: ${p.problem}`);
    if (result.problemsOmitted > 0) lines.push(`  … and ${plural(result.problemsOmitted, 'more problem')} not listed`);
  }
  return `${lines.join('\n')}\n`;
}

function renderFilter(filter: FilterResult, events: number, maxRows: number): string[] {
  const title = filter.filterName ? `${filter.id} (metric filter ${filter.filterName})` : filter.id;
  const lines = [`== ${title}`, `   pattern  ${filter.pattern}`];
  if (filter.error) {
    return [...lines, '   NOT EVALUATED: the pattern is invalid', ...filter.error.map((l) => `   ${l}`)];
  }
  const matched = filter.matched ?? 0;
  const groups = filter.groups ?? [];
  const days = new Set(groups.map((g) => g.day)).size;
  const accounts = new Set(groups.map((g) => g.account)).size;
  lines.push(`   matched  ${count(matched)} of ${plural(events, 'event')}${matched > 0 ? `, on ${plural(days, 'day')}, in ${plural(accounts, 'account')}` : ''}`);
  const alarm = filter.alarm;
  if (alarm) {
    const setting = `Sum >= ${alarm.threshold} over ${alarm.periodSeconds} s, ${plural(alarm.evaluationPeriods, 'evaluation period')}`;
    lines.push(`   alarm    would have gone to ALARM ${alarm.alarms === 1 ? 'once' : `${count(alarm.alarms)} times`} (${setting}; ${plural(alarm.breachingPeriods, 'breaching period')})`);
    if (alarm.untimedMatches > 0) lines.push(`            ${plural(alarm.untimedMatches, 'match')} without a valid eventTime left out of that estimate`);
    if (alarm.truncated) lines.push('            too many distinct periods to track: the alarm figures are lower bounds');
  }
  if (matched === 0) return lines;

  const shown = groups.slice(0, maxRows);
  lines.push('', ...indent(renderTable(['DAY (UTC)', 'ACCOUNT', 'EVENT', 'MATCHES'], shown.map((g) => [g.day, g.account, g.eventName, count(g.count)]))));
  if (groups.length > shown.length) lines.push(`   … ${plural(groups.length - shown.length, 'more group')} (all of them are in --json)`);
  if ((filter.ungroupedMatches ?? 0) > 0) lines.push(`   ${plural(filter.ungroupedMatches!, 'match')} beyond the first ${count(groups.length)} groups are counted but not grouped`);

  const examples = filter.examples ?? [];
  if (examples.length > 0) {
    lines.push('', `   First ${examples.length === matched ? plural(examples.length, 'match') : `${count(examples.length)} of ${plural(matched, 'match')}`}:`);
    examples.forEach((example, i) => {
      const s = summarizeRecord(example.event);
      lines.push(
        `   ${i + 1}. ${s.time || '(no eventTime)'}  ${s.eventName} (${s.eventSource})  account ${s.account}${s.region ? `  ${s.region}` : ''}`,
        `      identity    ${s.identity || '-'}`,
        `      source IP   ${s.sourceIPAddress || '-'}`,
        `      user agent  ${s.userAgent || '-'}`,
        `      MFA         ${s.mfa || '-'}${s.accessKey ? `   access key  ${s.accessKey}` : ''}`,
        ...(s.assumedRoot ? ['      AssumeRoot  yes (an sts:AssumeRoot session: a privileged task run centrally, not the root user\'s own credentials)'] : []),
        ...(s.error ? [`      error       ${s.error}`] : []),
        `      from        ${example.file || '-'}${example.record > 0 ? `, record ${example.record}` : ''}`,
        `      ${JSON.stringify(example.event)}`,
      );
    });
  }
  return lines;
}

function indent(text: string): string[] {
  return text.trimEnd().split('\n').map((line) => `   ${line}`);
}

/**
 * The --json document: `events` and `filters[]` (each with its own `events` and `matched`), plus
 * `matched` at the top when there is exactly one filter. Stable keys, for scripts.
 */
/** One filter in `backtest --json`: its counts, or `error` when its pattern did not compile. */
export interface BacktestJsonFilter {
  readonly id: string;
  readonly filterName?: string;
  readonly pattern: string;
  /** The compile error's lines, joined; then no count is given. */
  readonly error?: string;
  readonly events?: number;
  readonly matched?: number;
  readonly groups?: readonly MatchGroup[];
  readonly ungroupedMatches?: number;
  readonly alarm?: AlarmEstimate;
  readonly firstMatches?: readonly MatchExample[];
}

/** The `result` of `backtest --json` (and the body of `hunt --json`): the run's counts, and each filter's. */
export interface BacktestJsonReport extends Pick<BacktestResult, 'events' | 'files' | 'filesRead' | 'skippedRecords' | 'ignoredPaths' | 'problems' | 'problemsOmitted' | 'seconds'> {
  /** The one filter's matches, when there is one filter. */
  readonly matched?: number;
  readonly filters: readonly BacktestJsonFilter[];
}

export function renderJsonReport(result: BacktestResult): BacktestJsonReport {
  const filters = result.filters.map((f): BacktestJsonFilter => ({
    id: f.id,
    ...(f.filterName ? { filterName: f.filterName } : {}),
    pattern: f.pattern,
    ...(f.error
      ? { error: f.error.join('\n') }
      : {
          events: result.events,
          matched: f.matched,
          groups: f.groups,
          ungroupedMatches: f.ungroupedMatches,
          alarm: f.alarm,
          firstMatches: f.examples,
        }),
  }));
  return {
    events: result.events,
    ...(filters.length === 1 && filters[0].matched !== undefined ? { matched: filters[0].matched } : {}),
    files: result.files,
    filesRead: result.filesRead,
    skippedRecords: result.skippedRecords,
    ignoredPaths: result.ignoredPaths,
    problems: result.problems,
    problemsOmitted: result.problemsOmitted,
    seconds: Number(result.seconds.toFixed(3)),
    filters,
  };
}
