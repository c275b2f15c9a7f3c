import { Command, CommanderError } from 'commander';
import { isUserError } from '../errors';
import { watchJsonRun } from './json-output';
import { UsageError } from './options';

/** The package version (kept in sync with package.json by a test). */
export const PACKAGE_VERSION = '0.1.0';
/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** Bad input or a failed check: the message says what to fix. */
export const EXIT_USER_ERROR = 1;
/** Wrong usage of the CLI itself (unknown option, missing argument). */
export const EXIT_USAGE = 2;

type Register = (program: Command) => void;

/**
 * Every command, loaded on demand: `root-guard build` must not pay for loading the AWS SDK clients
 * the operating commands use (about 0.6 s of a cold start). Each module registers one command.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  build: async () => (await import('./build')).registerBuild,
  backtest: async () => (await import('./backtest')).registerBacktest,
  hunt: async () => (await import('./hunt')).registerHunt,
  preflight: async () => (await import('./preflight')).registerPreflight,
  resolve: async () => (await import('./resolve-ous')).registerResolveOus,
  // The command's former name, kept as its alias (registered once: see createProgram).
  'resolve-ous': async () => (await import('./resolve-ous')).registerResolveOus,
  publish: async () => (await import('./publish')).registerPublish,
  audit: async () => (await import('./audit')).registerAudit,
  'test-alert': async () => (await import('./test-alert')).registerTestAlert,
  investigate: async () => (await import('./investigate')).registerInvestigate,
  report: async () => (await import('./report')).registerReport,
  'root-credentials': async () => (await import('./root-credentials')).registerRootCredentials,
};

/**
 * Builds the `root-guard` program for `argv`: only the command being run is loaded; help (or an
 * unknown command) loads them all so it can list them.
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('root-guard')
    .description('Root-user guardrails for AWS Control Tower, as a Customizations for AWS Control Tower package.')
    .version(PACKAGE_VERSION, '-V, --version')
    .exitOverride()
    // A usage error is one line with its fix, not the whole help: commander's "error: …" line, then
    // where the options are listed (inherited by every command registered below).
    .configureOutput({ outputError: (text, write) => write(oneLineUsageError(text, argv)) });
  const first = argv.find((a) => !a.startsWith('-'));
  const names = first && first in COMMANDS ? [first] : Object.keys(COMMANDS);
  const registered = new Set<Register>();
  for (const name of names) {
    const register = await COMMANDS[name]();
    if (!registered.has(register)) register(program);
    registered.add(register);
  }
  return program;
}

/**
 * Runs the CLI and resolves to the process exit code. Never throws: user errors are printed
 * as their lines, anything else as one line plus a hint, so no stack trace reaches a user
 * unless ROOT_GUARD_DEBUG is set.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // With --json, stdout gets one envelope whatever happens (src/cli/json-output.ts).
  const json = watchJsonRun(canonicalCommand(argv), argv, JSON_COMMANDS);
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
  return first && first in COMMANDS ? `${first} ` : '';
}

/** Commander's error text as one line that says where to look for the fix. */
function oneLineUsageError(text: string, argv: readonly string[]): string {
  const line = text.trim().replace(/\s*\n\s*/g, ' ');
  return `${line} (see root-guard ${commandName(argv)}--help)\n`;
}
