import { UserError } from '../errors';
import { compileFilterPattern, FilterPatternError, type CompiledFilterPattern } from '../filter-pattern';
import { DEFAULT_ALARM, MatchAggregator, type AlarmSettings, type MatchSummary } from './aggregate-matches';
import { readCloudTrailFile } from './read-cloudtrail-file';
import { walkInputs } from './walk-inputs';

/** A filter to replay over the archive. */
export interface BacktestFilter {
  /** Stable id shown in the report (e.g. `root-activity`, or `pattern` for --pattern). */
  readonly id: string;
  /** The metric filter's name in CloudWatch Logs, when it is one the package deploys. */
  readonly filterName?: string;
  readonly pattern: string;
  /** Prefix for the error lines of a bad pattern, e.g. `--pattern` or `metric filter root-activity`. */
  readonly label: string;
  /** The alarm on this filter's metric, when it is not the run's (`BacktestOptions.alarm`): the tamper alarm's. */
  readonly alarm?: AlarmSettings;
}

export interface BacktestOptions {
  /** Files and directories (read recursively). */
  readonly paths: readonly string[];
  readonly filters: readonly BacktestFilter[];
  /**
   * Matches kept in full per filter.
   * @default 5
   */
  readonly examples?: number;
  /**
   * The alarm replayed over each filter's matches.
   * @default DEFAULT_ALARM (300 s, 1 period, threshold 1)
   */
  readonly alarm?: AlarmSettings;
  /** Called now and then while reading (for a progress line). */
  readonly onProgress?: (progress: BacktestProgress) => void;
}

export interface BacktestProgress {
  readonly files: number;
  readonly events: number;
  readonly file: string;
}

export interface FilterResult extends Partial<MatchSummary> {
  readonly id: string;
  readonly filterName?: string;
  readonly pattern: string;
  /** The error lines when the pattern did not compile (then nothing else is set). */
  readonly error?: readonly string[];
}

/** A file or path that was not (completely) read. */
export interface InputProblem {
  readonly path: string;
  readonly problem: string;
}

export interface BacktestResult {
  /** CloudTrail events read (the same events go through every filter). */
  readonly events: number;
  /** Files opened (read to the end or not). */
  readonly files: number;
  /** Files read to the end. */
  readonly filesRead: number;
  /** Records skipped inside files that were otherwise read. */
  readonly skippedRecords: number;
  /** Files and paths with a problem (not read, read partly, or records skipped). */
  readonly problems: readonly InputProblem[];
  /** Problems beyond the first {@link MAX_PROBLEMS} (counted, not listed). */
  readonly problemsOmitted: number;
  /** Files and directories left out on purpose (digest files, other extensions, directory symlinks). */
  readonly ignoredPaths: number;
  readonly ignoredExamples: readonly InputProblem[];
  readonly filters: readonly FilterResult[];
  readonly seconds: number;
}

/** Problems listed in full; beyond this they are counted only, so memory stays flat on a bad archive. */
export const MAX_PROBLEMS = 100;

/**
 * Replays filters over CloudTrail files: every record goes through every filter that compiled.
 * Throws a UserError only when no filter compiled; bad files are reported in the result and the
 * run goes on.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const started = process.hrtime.bigint();
  const examples = options.examples ?? 5;
  const alarm = options.alarm ?? DEFAULT_ALARM;

  type Prepared =
    | { readonly filter: BacktestFilter; readonly pattern: CompiledFilterPattern; readonly aggregator: MatchAggregator }
    | { readonly filter: BacktestFilter; readonly error: readonly string[] };
  const prepared: Prepared[] = options.filters.map((filter) => {
    try {
      return { filter, pattern: compileFilterPattern(filter.pattern), aggregator: new MatchAggregator({ examples, alarm: filter.alarm ?? alarm }) };
    } catch (err) {
      if (!(err instanceof FilterPatternError)) throw err;
      const [first, ...rest] = err.problems;
      return { filter, error: [`${filter.label}: ${first}`, ...rest] };
    }
  });
  const active = prepared.filter((p): p is Extract<Prepared, { pattern: CompiledFilterPattern }> => 'pattern' in p);
  if (active.length === 0) throw new UserError(prepared.flatMap((p) => ('error' in p ? p.error : [])));
  const matchers = active.map((p) => p.pattern);
  const aggregators = active.map((p) => p.aggregator);

  let events = 0;
  let filesRead = 0;
  let filesSeen = 0;
  let skippedRecords = 0;
  let ignoredPaths = 0;
  let problemsOmitted = 0;
  const problems: InputProblem[] = [];
  const ignoredExamples: InputProblem[] = [];
  const addProblem = (problem: InputProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
    else problemsOmitted++;
  };

  for await (const entry of walkInputs(options.paths)) {
    if (entry.kind === 'ignored') {
      ignoredPaths++;
      if (ignoredExamples.length < 5) ignoredExamples.push({ path: entry.path, problem: entry.reason });
      continue;
    }
    if (entry.kind === 'problem') {
      addProblem({ path: entry.path, problem: entry.problem });
      continue;
    }
    const path = entry.path;
    filesSeen++;
    const result = await readCloudTrailFile(path, {
      onRecord: (record, index, text) => {
        events++;
        for (let f = 0; f < matchers.length; f++) {
          if (matchers[f].matches(record, text)) aggregators[f].add(record, path, index);
        }
      },
      onChunk: () => options.onProgress?.({ files: filesSeen, events, file: path }),
    });
    skippedRecords += result.skippedRecords;
    if (result.complete) filesRead++;
    if (result.problem) addProblem({ path, problem: result.problem });
    options.onProgress?.({ files: filesSeen, events, file: path });
  }

  const filters: FilterResult[] = prepared.map((p) => {
    const base = { id: p.filter.id, filterName: p.filter.filterName, pattern: p.filter.pattern };
    return 'error' in p ? { ...base, error: p.error } : { ...base, ...p.aggregator.summary() };
  });
  return {
    events,
    files: filesSeen,
    filesRead,
    skippedRecords,
    problems,
    problemsOmitted,
    ignoredPaths,
    ignoredExamples,
    filters,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** Whether anything was skipped: a bad pattern, an unreadable path, a file not (fully) read, or records skipped. */
export function hasSkipped(result: BacktestResult): boolean {
  return result.problems.length > 0 || result.problemsOmitted > 0 || result.filters.some((f) => f.error !== undefined);
}
