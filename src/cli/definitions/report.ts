import type { Command } from 'commander';
import { addExitCodes, EXIT_USAGE_LINE } from '../options';
import type { ReportCommandOptions } from '../report';

/** `root-guard report`: options, help and exit codes; the action loads the run (../report.ts). */
export function define(command: Command): void {
  command
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
    .action(async (options: ReportCommandOptions) => (await import('../report')).reportAction(options));
}
