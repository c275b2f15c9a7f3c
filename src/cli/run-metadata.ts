import { createHash } from 'node:crypto';

/**
 * Where a `--json` result came from: every command's JSON carries it under `meta`, so a report built
 * from it later (`root-guard report`) can say when it was produced, by which version and from which
 * configuration. A contract: add fields, never rename or remove one.
 */
export interface RunMetadata {
  readonly tool: 'root-guard';
  /** root-guard's version. */
  readonly version: string;
  /** The command that produced the JSON (`audit`, `root-credentials`, `backtest`, `hunt` …). */
  readonly command: string;
  /** ISO 8601, when the command finished. */
  readonly generatedAt: string;
  /** The config file the command read, as given. */
  readonly configFile?: string;
  /** SHA-256 of that file's bytes: which configuration, without copying it. */
  readonly configSha256?: string;
}

/** The metadata of a run of `command` now; `config` when the command read a config file. */
export function runMetadata(command: string, version: string, config?: { readonly file: string; readonly text: string }, now: Date = new Date()): RunMetadata {
  return {
    tool: 'root-guard',
    version,
    command,
    generatedAt: now.toISOString(),
    ...(config ? { configFile: config.file, configSha256: createHash('sha256').update(config.text).digest('hex') } : {}),
  };
}
