import { Command, CommanderError } from 'commander';
import { isUserError } from '../errors';
import { registerBuild } from './build';
import { registerBacktest } from './backtest';
import { registerAudit } from './audit';
import { registerTestAlert } from './test-alert';
import { registerInvestigate } from './investigate';
import { registerPreflight } from './preflight';
import { registerPublish } from './publish';
import { registerResolveOus } from './resolve-ous';

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** Bad input or a failed check: the message says what to fix. */
export const EXIT_USER_ERROR = 1;
/** Wrong usage of the CLI itself (unknown option, missing argument). */
export const EXIT_USAGE = 2;

/** Builds the `root-guard` program; each command lives in its own module under src/cli/. */
export function createProgram(): Command {
  const program = new Command('root-guard')
    .description('Root-user guardrails for AWS Control Tower, as a Customizations for AWS Control Tower package.')
    .showHelpAfterError()
    .exitOverride();
  registerBuild(program);
  registerBacktest(program);
  registerAudit(program);
  registerTestAlert(program);
  registerInvestigate(program);
  registerPreflight(program);
  registerResolveOus(program);
  registerPublish(program);
  return program;
}

/**
 * Runs the CLI and resolves to the process exit code. Never throws: user errors are printed
 * as their lines, anything else as one line plus a hint, so no stack trace reaches a user
 * unless ROOT_GUARD_DEBUG is set.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit with code 0; commander already printed the message.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
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
