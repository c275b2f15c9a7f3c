import type { Command } from 'commander';
import { writeReport } from '../report/write-report';
import { PACKAGE_VERSION } from './main';
import { sourceCommit } from './source-commit';
import { addExitCodes, EXIT_USAGE_LINE, UsageError } from './options';

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

/** `root-guard report`: one self-contained HTML page from the JSON of audit, root-credentials and backtest/hunt. */
export function registerReport(program: Command): void {
  const command = program
    .command('report')
    .description('Write one self-contained HTML report (coverage, root credentials, root activity) from the JSON other commands print')
    .requiredOption('-o, --out <file>', 'the HTML file to write')
    .option('--audit <file>', 'output of `root-guard audit --json`')
    .option('--root-credentials <file>', 'output of `root-guard root-credentials --json`')
    .option('--activity <file>', 'output of `root-guard backtest --json` or `root-guard hunt --json`')
    .option('--force', 'replace --out even when it is not a report root-guard wrote')
    .option('--full-paths', 'show each input\'s whole path on the page (default: the file name only)')
    .addHelpText('after', [
      '',
      'Give at least one input. The page needs no network when opened: its scripts, styles and data are inline.',
      'Example: root-guard audit --json > audit.json; root-guard report --audit audit.json --out report.html',
    ].join('\n'));
  addExitCodes(command, ['0 written', '1 an input could not be read or --out is not a report root-guard wrote (nothing written)', `${EXIT_USAGE_LINE}, or no input given`])
    .action((options: ReportCommandOptions) => {
      process.exitCode = runReportCommand(options, (text) => process.stdout.write(text));
    });
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
    commit: sourceCommit(),
  });
  const sections = [result.data.audit && 'coverage', result.data.credentials && 'root credentials', result.data.activity && 'root activity'].filter(Boolean).join(', ');
  write(`Wrote ${result.out} (${(result.bytes / 1024).toFixed(0)} KB: ${sections}).\n`);
  return 0;
}
