import { existsSync } from 'node:fs';
import { DEFAULT_ALARM, type AlarmSettings } from '../backtest/aggregate-matches';
import { renderJsonReport, renderTextReport } from '../backtest/render-report';
import { hasSkipped, runBacktest, type BacktestFilter } from '../backtest/run-backtest';
import { DEFAULT_CONFIG_FILE, loadConfig, locateConfigFile } from '../config/load';
import { loadOuResolution } from '../config/ou-resolution';
import { organizationTrailLogGroupName } from '../plan/organization-trail';
import { replayedFilters } from '../plan/replayed-filters';
import { UsageError } from './options';
import { noteConfigFile, renderEnvelope } from './json-output';
import { createProgress, type Progress } from './output';

/** Options of `root-guard backtest`. */
export interface BacktestCommandOptions {
  /** Evaluate every metric filter the package deploys for this config. */
  readonly config?: string;
  /** Evaluate this pattern instead. */
  readonly pattern?: string;
  /** Print one JSON object instead of the text report. */
  readonly json?: boolean;
  /**
   * Matches printed in full per filter.
   * @default 5
   */
  readonly examples?: number;
}

/** Where the command writes; tests pass their own. */
export interface BacktestIo {
  readonly stdout: (text: string) => void;
  /** @default a progress line on stderr when it is a terminal */
  readonly progress?: Progress;
}

/** What `root-guard backtest` does once its options are parsed (the action of definitions/backtest.ts). */
export async function backtestAction(paths: string[], options: BacktestCommandOptions): Promise<void> {
  process.exitCode = await runBacktestCommand(paths, options, { stdout: (text) => process.stdout.write(text) });
}

/**
 * Runs the backtest and prints the report; returns the exit code: 0 when every input was read,
 * 1 when anything was skipped (a path, a file, records, or a filter whose pattern is invalid).
 * Throws UserError for a bad config, a bad --pattern, or when no filter is given.
 */
export async function runBacktestCommand(paths: readonly string[], options: BacktestCommandOptions, io: BacktestIo): Promise<number> {
  const { filters, alarm } = resolveFilters(options);
  const progress = io.progress ?? createProgress('backtest');
  let result;
  try {
    result = await runBacktest({
      paths,
      filters,
      alarm,
      examples: options.examples ?? 5,
      onProgress: ({ files, events }) => progress.update(files, undefined, `${files === 1 ? 'file' : 'files'}, ${events.toLocaleString('en-US')} events`),
    });
  } finally {
    progress.done();
  }
  // Nothing read is not "0 matches": a wrong path or an empty directory must not look like a clean archive.
  if (result.events === 0) {
    const problems = result.problems.slice(0, 3).map((p) => `${p.path}: ${p.problem}`);
    const why = result.files === 0 ? 'no CloudTrail file (.json, .jsonl, .ndjson, or gzipped) found' : `no CloudTrail event in ${result.files} file(s)`;
    throw new UsageError(`backtest: ${why} in ${paths.join(', ')}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}: give the files or directories of a CloudTrail archive`);
  }
  const exitCode = hasSkipped(result) ? 1 : 0;
  io.stdout(options.json ? renderEnvelope('backtest', renderJsonReport(result), exitCode) : renderTextReport(result));
  return exitCode;
}

/** The filters to evaluate and the alarm to replay, from --pattern or the config. */
export function resolveFilters(options: BacktestCommandOptions): { filters: BacktestFilter[]; alarm: AlarmSettings } {
  if (options.pattern !== undefined && options.config !== undefined) {
    throw new UsageError('backtest: give --pattern or --config, not both (--config evaluates every filter the package deploys)');
  }
  if (options.pattern !== undefined) {
    return { filters: [{ id: 'pattern', pattern: options.pattern, label: '--pattern' }], alarm: DEFAULT_ALARM };
  }
  const file = options.config ?? locateConfigFile(DEFAULT_CONFIG_FILE).file;
  if (options.config === undefined && !existsSync(file)) {
    throw new UsageError(`backtest: no filter to evaluate (pass --pattern '{ $.eventName = "ConsoleLogin" }', or --config FILE; ${DEFAULT_CONFIG_FILE} is neither in the current directory nor above it)`);
  }
  const loaded = loadConfig(file);
  const { config } = loaded;
  noteConfigFile(loaded.file, config.managementAccountId, config.fastAlerts?.organizationId ?? config.logArchive?.organizationId);
  const logGroupName = organizationTrailLogGroupName(config, loadOuResolution(loaded.file));
  const filters = replayedFilters(config, logGroupName).map((f) => ({ ...f, label: `${file}: metric filter ${f.id}` }));
  return { filters, alarm: config.alarm };
}
