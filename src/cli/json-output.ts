import { readFileSync } from 'node:fs';
import { isUserError } from '../errors';
import { PACKAGE_VERSION, recordedCommit } from './version';
import { type RunFacts, type RunMetadata, runMetadata } from './run-metadata';

/**
 * The one shape of every command's `--json` output (docs/json-output.md): what ran (`meta`), what it
 * found (`result`), the exit code the process ends with (`exitCode`), and why it stopped (`error`).
 * It is written even when the run fails, so CI always has one JSON document to read. The JSON
 * Schemas in schemas/ are generated from these types (scripts/json-schemas.ts).
 */
export interface JsonEnvelope<T> {
  readonly meta: RunMetadata;
  /** The command's result; null when it stopped before having one (see `error`). */
  readonly result: T | null;
  /** The process's exit code; each command's `--help` says what its codes mean. */
  readonly exitCode: number;
  /** Why the run stopped early; null when it ran to the end (even with findings). */
  readonly error: JsonError | null;
}

/** A run that stopped: the lines it printed on stderr, and what kind of stop it was. */
export interface JsonError {
  /** `usage`: the command line was wrong (exit 2); `user`: bad input, access, an AWS call (exit 1); `unexpected`: a bug. */
  readonly kind: 'usage' | 'user' | 'unexpected';
  /** The first line. */
  readonly message: string;
  /** Every line, as stderr shows them. */
  readonly lines: readonly string[];
}

/** The run under way: its command, its arguments and what the command noted about where it ran. */
interface CurrentRun {
  command: string;
  args: readonly string[];
  facts: RunFacts;
  written: boolean;
}

let current: CurrentRun | undefined;

/** Starts the record of a run (main.ts, before the command runs). */
export function beginRun(command: string, args: readonly string[]): void {
  current = { command, args: [...args], facts: {}, written: false };
}

/** Notes facts about where the run is (config read, caller, organization); later notes add to earlier ones. */
export function noteRun(facts: RunFacts): void {
  current ??= { command: '', args: [], facts: {}, written: false };
  current.facts = { ...current.facts, ...facts };
}

/** Notes the config file a command read, for `meta.configFile` and `meta.configSha256`. */
export function noteConfigFile(file: string, managementAccountId?: string, organizationId?: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return; // read a moment ago by the loader; if it has gone since, the digest is not known
  }
  noteRun({ config: { file, text }, ...(managementAccountId ? { managementAccountId } : {}), ...(organizationId ? { organizationId } : {}) });
}

/** Whether this run already wrote its envelope (main.ts writes one for a run that stopped before). */
export function envelopeWritten(): boolean {
  return current?.written === true;
}

/** The `meta` of the run under way, for `command`. */
export function currentMeta(command: string, now: Date = new Date(), version: string = PACKAGE_VERSION): RunMetadata {
  const run = current && (current.command === command || current.command === '') ? current : undefined;
  return runMetadata(command, version, undefined, now, { commit: recordedCommit(), arguments: run?.args ?? [], facts: run?.facts ?? {} });
}

/** A command's result in the envelope, as `--json` prints it (pretty, trailing newline). */
export function renderEnvelope<T>(command: string, result: T, exitCode: number, error: JsonError | null = null, options: { readonly version?: string; readonly now?: Date } = {}): string {
  const envelope: JsonEnvelope<T> = { meta: currentMeta(command, options.now, options.version), result, exitCode, error };
  if (current) current.written = true;
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** The envelope of a run that stopped with `err` before writing its result. */
export function renderErrorEnvelope(command: string, err: unknown, exitCode: number, kind: JsonError['kind'], extraLines: readonly string[] = []): string {
  const lines = [...(isUserError(err) ? err.problems : err === undefined ? [] : [err instanceof Error ? err.message : String(err)]), ...extraLines];
  const shown = lines.length > 0 ? lines : [`the command ended with exit code ${exitCode} without a result`];
  return renderEnvelope<never>(command, null as never, exitCode, { kind, message: shown[0], lines: shown });
}

/** A `--json` run watched by main.ts: see {@link watchJsonRun}. */
export interface JsonRunWatch {
  /** Writes the error envelope if the command ended with `exitCode` without writing one. */
  finish(exitCode: number): void;
  /** Stops copying stderr. */
  stop(): void;
}

/** Lines of stderr kept for an error envelope: the first ones say what failed. */
const MAX_ERROR_LINES = 50;

/**
 * For a command run with `--json`: starts the run's record, and copies what the command prints on
 * stderr (its error lines, not its progress redraws) so that a run that stops before its result
 * still writes one envelope on stdout, with the same lines and the same exit code. `undefined` when
 * the command or the arguments have no `--json`.
 */
export function watchJsonRun(command: string | undefined, args: readonly string[], jsonCommands: ReadonlySet<string>, write: (text: string) => void = (t) => process.stdout.write(t)): JsonRunWatch | undefined {
  if (!command || !jsonCommands.has(command) || !args.includes('--json')) return undefined;
  beginRun(command, args.slice(args.findIndex((a) => !a.startsWith('-')) + 1));
  const lines: string[] = [];
  const stderr = process.stderr;
  const original = stderr.write;
  stderr.write = function copy(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';
    for (const line of text.split('\n')) {
      if (line.trim() !== '' && !line.includes('\r') && lines.length < MAX_ERROR_LINES) lines.push(line);
    }
    return (original as (...a: unknown[]) => boolean).call(stderr, chunk, ...rest);
  } as typeof stderr.write;
  return {
    finish(exitCode) {
      if (envelopeWritten()) return;
      // Exit 0 without a result: help, or a mode that prints something else (hunt --print-sql).
      if (exitCode === 0) return;
      const kind = exitCode === 2 ? 'usage' : lines.some((l) => l.startsWith('root-guard: unexpected error')) ? 'unexpected' : 'user';
      write(renderErrorEnvelope(command, undefined, exitCode, kind, lines));
    },
    stop() {
      stderr.write = original;
    },
  };
}
