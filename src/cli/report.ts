import { writeReport } from '../report/write-report';
import { PACKAGE_VERSION, recordedCommit } from './version';
import { UsageError } from './options';

/** Options of `root-guard report`. */
export interface ReportCommandOptions {
  readonly out: string;
  /** `root-guard audit --json` output. */
  readonly audit?: string;
  /** `root-guard root-credentials --json` output. */
  readonly rootCredentials?: string;
  /** `root-guard backtest --json` or `hunt --json` output. */
  readonly activity?: string;
  readonly force?: boolean;
  /** Show each input's whole path on the page (default: its name only, so no local path leaves the machine). */
  readonly fullPaths?: boolean;
}

/** What `root-guard report` does once its options are parsed (the action of definitions/report.ts). */
export function reportAction(options: ReportCommandOptions): void {
  process.exitCode = runReportCommand(options, (text) => process.stdout.write(text));
}

/** Writes the report; returns the exit code (errors are thrown as UserError). */
export function runReportCommand(options: ReportCommandOptions, write: (text: string) => void): number {
  if (!options.audit && !options.rootCredentials && !options.activity) {
    throw new UsageError('report: no input given (pass at least one of --audit FILE, --root-credentials FILE, --activity FILE: the JSON those commands print with --json)');
  }
  const result = writeReport({
    fullPaths: options.fullPaths,
    out: options.out,
    inputs: { audit: options.audit, 'root-credentials': options.rootCredentials, activity: options.activity },
    force: options.force,
    version: PACKAGE_VERSION,
    commit: recordedCommit(),
  });
  const sections = [result.data.audit && 'coverage', result.data.credentials && 'root credentials', result.data.activity && 'root activity'].filter(Boolean).join(', ');
  write(`Wrote ${result.out} (${(result.bytes / 1024).toFixed(0)} KB: ${sections}).\n`);
  return 0;
}
