import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import type { BuildCommandOptions } from '../build';
import { addExitCodes, EXIT_USAGE_LINE } from '../options';

/** `root-guard build`: options, help and exit codes; the action loads the run (../build.ts). */
export function define(command: Command): void {
  command
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('-o, --out <dir>', 'package root to write (default: the directory of the config file)')
    .option('--check', 'write nothing; exit 1 if the package on disk is not what the config generates')
    .option('--diff', 'write nothing; print what the change weakens or strengthens against the committed package (git HEAD, else the files on disk)');
  addExitCodes(command, ['0 written (or, with --check, up to date; with --diff, always)', '1 a config error (nothing written), or with --check the package is out of date', EXIT_USAGE_LINE])
    .action(async (options: BuildCommandOptions) => (await import('../build')).buildAction(options));
}
