import { writeReport } from '../report/write-report';
import { PACKAGE_VERSION } from './version';

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
}

/** What `root-guard report` does once its options are parsed (the action of definitions/report.ts). */
export function reportAction(options: ReportCommandOptions): void {
  process.exitCode = runReportCommand(options, (text) => process.stdout.write(text));
}

/** Writes the report; returns the exit code (errors are thrown as UserError). */
export function runReportCommand(options: ReportCommandOptions, write: (text: string) => void): number {
  const result = writeReport({
    out: options.out,
    inputs: { audit: options.audit, 'root-credentials': options.rootCredentials, activity: options.activity },
    force: options.force,
    version: PACKAGE_VERSION,
  });
  const sections = [result.data.audit && 'coverage', result.data.credentials && 'root credentials', result.data.activity && 'root activity'].filter(Boolean).join(', ');
  write(`Wrote ${result.out} (${(result.bytes / 1024).toFixed(0)} KB: ${sections}).\n`);
  return 0;
}
