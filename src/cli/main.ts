import { Command, CommanderError } from 'commander';
import { isUserError } from '../errors';
import { addCommands, type CommandEntry, findCommand } from './commands';
import { UsageError } from './options';
import { versionText } from './version';

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** Bad input or a failed check: the message says what to fix. */
export const EXIT_USER_ERROR = 1;
/** Wrong usage of the CLI itself (unknown option, missing argument). */
export const EXIT_USAGE = 2;

/**
 * The command `argv` chooses: its first word that is not an option (`root-guard help <command>` chooses
 * `<command>`), or undefined for `--version`, `--help` and an unknown word.
 */
export function chosenCommand(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return findCommand(words[0] === 'help' ? words[1] : words[0]);
}

/**
 * Builds the `root-guard` program for `argv`. Every command of the table is named and described (the
 * top-level help lists them, an unknown one gets a suggestion), but only the chosen command's
 * definition is loaded and adds its options and action: `--version` and `--help` load none.
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('root-guard')
    .description('Root-user guardrails for AWS Control Tower, as a Customizations for AWS Control Tower package.')
    .version(versionText(), '-V, --version')
    .exitOverride()
    // A usage error is one line with its fix, not the whole help: commander's "error: …" line, then
    // where the options are listed (inherited by every command registered below).
    .configureOutput({ outputError: (text, write) => write(oneLineUsageError(text, argv)) })
    .addHelpText('after', '\nEach command\'s options: root-guard <command> --help. Shell completion: root-guard completion bash|zsh.');
  await addCommands(program, chosenCommand(argv));
  return program;
}

/**
 * Runs the CLI and resolves to the process exit code. Never throws: user errors are printed
 * as their lines, anything else as one line plus a hint, so no stack trace reaches a user
 * unless ROOT_GUARD_DEBUG is set.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // With --json, stdout gets one envelope whatever happens (src/cli/json-output.ts). Loaded only then,
  // so `--version` and `--help` load no more than the command table (test/cli/lazy-commands.test.ts).
  const command = canonicalCommand(argv);
  const json = command && JSON_COMMANDS.has(command) && argv.includes('--json')
    ? (await import('./json-output')).watchJsonRun(command, argv, JSON_COMMANDS)
    : undefined;
  try {
    const code = await runProgram(argv);
    json?.finish(code);
    return code;
  } finally {
    json?.stop();
  }
}

/** The commands that take `--json`. */
const JSON_COMMANDS: ReadonlySet<string> = new Set(['backtest', 'hunt', 'preflight', 'resolve', 'publish', 'audit', 'test-alert', 'investigate', 'root-credentials']);

/** The command named in `argv`, by its current name (`resolve-ous` is `resolve`). */
function canonicalCommand(argv: readonly string[]): string | undefined {
  const name = commandName(argv).trim();
  return name === 'resolve-ous' ? 'resolve' : name || undefined;
}

async function runProgram(argv: readonly string[]): Promise<number> {
  const program = await createProgram(argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit with code 0; commander already printed the message.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message} (see root-guard ${commandName(argv)}--help)\n`);
      return EXIT_USAGE;
    }
    if (isUserError(err)) {
      for (const line of err.problems) process.stderr.write(`${line}\n`);
      return EXIT_USER_ERROR;
    }
    if (process.env.ROOT_GUARD_DEBUG) throw err;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`root-guard: unexpected error: ${message}\n(set ROOT_GUARD_DEBUG=1 for the stack trace, and please report it)\n`);
    return EXIT_USER_ERROR;
  }
}

/** The command named in `argv` (with a trailing space), or '' when there is none. */
function commandName(argv: readonly string[]): string {
  const first = argv.find((a) => !a.startsWith('-'));
  return findCommand(first) ? `${first} ` : '';
}

/** Commander's error text as one line that says where to look for the fix. */
function oneLineUsageError(text: string, argv: readonly string[]): string {
  const line = text.trim().replace(/\s*\n\s*/g, ' ');
  return `${line} (see root-guard ${commandName(argv)}--help)\n`;
}
