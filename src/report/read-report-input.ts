import { readFileSync, statSync } from 'node:fs';
import * as z from 'zod/mini';
import type { AuditReport } from '../ops/audit/audit';
import type { RootCredentialsReport } from '../ops/root-credentials/types';
import type { RunMetadata } from '../cli/run-metadata';
import { UserError } from '../errors';
import { locateJsonError } from './locate-json-error';

/** The three kinds of JSON the report reads, each as its command's `--json` prints it. */
export type ReportInputKind = 'audit' | 'root-credentials' | 'activity';

/** The command that writes each kind, for messages. */
export const KIND_SOURCE: Readonly<Record<ReportInputKind, { readonly command: string; readonly option: string }>> = {
  audit: { command: 'root-guard audit --json', option: '--audit' },
  'root-credentials': { command: 'root-guard root-credentials --json', option: '--root-credentials' },
  activity: { command: 'root-guard backtest --json (or hunt --json)', option: '--activity' },
};

/** A file larger than this is refused before it is read: no command writes one (5,000 accounts ≈ 10 MB). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

const meta = z.object({
  tool: z.optional(z.string()),
  version: z.optional(z.string()),
  commit: z.optional(z.string()),
  command: z.optional(z.string()),
  arguments: z.optional(z.array(z.string())),
  generatedAt: z.optional(z.string()),
  configFile: z.optional(z.string()),
  configSha256: z.optional(z.string()),
  organization: z.optional(z.object({ id: z.nullable(z.string()), managementAccountId: z.nullable(z.string()) })),
  caller: z.optional(z.object({ account: z.nullable(z.string()), arn: z.nullable(z.string()) })),
});

const unread = z.array(z.object({ target: z.string(), api: z.string(), reason: z.string() }));
const count = z.number().check(z.int(), z.nonnegative());

const auditSchema = z.object({
  meta: z.optional(meta),
  summary: z.object({
    accounts: count, covered: count, uncovered: count, nonCompliant: count, unknown: count,
    notTargeted: count, inactive: count, orgGaps: count, partial: z.boolean(), exitCode: z.number(),
  }),
  orgChecks: z.array(z.object({ id: z.string(), label: z.string(), status: z.enum(['ok', 'missing', 'failing', 'unknown']), detail: z.string(), api: z.optional(z.string()) })),
  accounts: z.array(z.object({
    id: z.string(), name: z.string(), state: z.string(), ouPath: z.string(),
    result: z.enum(['covered', 'uncovered', 'non-compliant', 'unknown', 'not-targeted', 'inactive']),
    items: z.array(z.object({ id: z.string(), label: z.string(), status: z.enum(['ok', 'missing', 'failing', 'unknown', 'n/a']), detail: z.string() })),
  })),
  unread,
  // From the config's acknowledgedGaps; absent in the output of a root-guard before it.
  acknowledgedGaps: z._default(z.array(z.object({ check: z.enum(['scp-reach']), target: z.string(), reason: z.string() })), []),
});

const rootCredentialsSchema = z.object({
  meta: z.optional(meta),
  summary: z.object({
    accounts: count, read: count, failed: count, withPassword: count, withAccessKeys: count,
    withSigningCertificates: count, withMfa: count, withLongTermCredentials: count,
  }),
  accounts: z.array(z.object({
    accountId: z.string(), accountName: z.string(), ou: z.optional(z.string()),
    loginProfile: z.nullable(z.boolean()),
    // null where that kind could not be read (absent in no file root-guard writes, accepted all the same).
    accessKeys: z.nullish(z.array(z.object({ accessKeyId: z.string(), status: z.string(), created: z.optional(z.string()), lastUsed: z.optional(z.string()) }))),
    mfaDevices: z.nullish(z.array(z.object({ serialNumber: z.string(), enabled: z.optional(z.string()) }))),
    signingCertificates: z.nullish(z.array(z.object({ certificateId: z.string(), status: z.string() }))),
    error: z.optional(z.object({ api: z.string(), reason: z.string() })),
    unreadParts: z.optional(z.array(z.object({ api: z.string(), reason: z.string() }))),
  })),
  unread,
});

const group = z.object({ day: z.string(), account: z.string(), eventName: z.string(), count });
const activitySchema = z.object({
  meta: z.optional(meta),
  events: count,
  files: z.optional(count),
  filesRead: z.optional(count),
  problems: z.optional(z.array(z.object({ path: z.string(), problem: z.string() }))),
  problemsOmitted: z.optional(count),
  filters: z.array(z.object({
    id: z.string(),
    filterName: z.optional(z.string()),
    pattern: z.string(),
    error: z.optional(z.string()),
    matched: z.optional(count),
    groups: z.optional(z.array(group)),
    ungroupedMatches: z.optional(count),
    firstMatches: z.optional(z.array(z.object({ file: z.string(), record: z.number(), event: z.record(z.string(), z.unknown()) }))),
  })),
});

/** One filter of an activity JSON, as the report uses it. */
export type ActivityFilter = z.infer<typeof activitySchema>['filters'][number];
/** A backtest or hunt result, as the report uses it. */
export type ActivityReport = z.infer<typeof activitySchema>;

/** What every input shares: its file, where it came from, and (for an envelope) the run's exit code. */
interface InputBase {
  readonly file: string;
  readonly meta?: Partial<RunMetadata>;
  /** The envelope's `exitCode`; undefined for a file written before the envelope. */
  readonly exitCode?: number;
}

/** One input, validated, with where it came from. */
export type ReportInput =
  | (InputBase & { readonly kind: 'audit'; readonly data: AuditReport })
  | (InputBase & { readonly kind: 'root-credentials'; readonly data: RootCredentialsReport })
  | (InputBase & { readonly kind: 'activity'; readonly data: ActivityReport });

const SCHEMAS = { audit: auditSchema, 'root-credentials': rootCredentialsSchema, activity: activitySchema } as const;

/**
 * Reads one input of the report and checks it is the JSON `expected`'s command prints. Throws a
 * UserError of one line naming the file and what is wrong: not found, not JSON (with line:col),
 * cut short, another kind of root-guard JSON (and which option takes it), or a missing/bad key.
 */
export function readReportInput(file: string, expected: ReportInputKind): ReportInput {
  const text = readText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(describeJsonError(file, text, err as Error, expected));
  }
  return parseReportInput(file, value, expected);
}

/** Validates an already parsed value; see {@link readReportInput}. */
export function parseReportInput(file: string, value: unknown, expected: ReportInputKind): ReportInput {
  const source = KIND_SOURCE[expected];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file}: not a ${expected} report: expected a JSON object as \`${source.command}\` prints (pass that file as ${source.option})`);
  }
  const envelope = asEnvelope(value as Record<string, unknown>);
  if (envelope) return parseEnvelope(file, envelope, expected);
  const actual = detectKind(value as Record<string, unknown>);
  if (actual && actual !== expected) {
    const other = KIND_SOURCE[actual];
    throw new UserError(`${file}: this is the output of \`${other.command}\`, not of \`${source.command}\` (pass it as ${other.option} instead of ${source.option})`);
  }
  const parsed = SCHEMAS[expected].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.length > 0 ? formatPath(issue.path) : '(top level)';
    throw new UserError(`${file}: ${path}: ${issue.message} (this file is not the unchanged output of \`${source.command}\`: produce it again)`);
  }
  // The value as read, not zod's copy: zod drops keys it was not told about (apiCalls, new fields).
  const data = value as Record<string, unknown>;
  const metaValue = data.meta as Partial<RunMetadata> | undefined;
  return { kind: expected, file, ...(metaValue ? { meta: metaValue } : {}), data } as ReportInput;
}

/** The parts of a `--json` envelope (src/cli/json-output.ts). */
interface EnvelopeParts {
  readonly meta: Record<string, unknown>;
  readonly result: unknown;
  readonly exitCode: unknown;
  readonly error: unknown;
}

/** `value` as an envelope, when it has the envelope's four keys. */
function asEnvelope(value: Record<string, unknown>): EnvelopeParts | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(value.meta) || !('result' in value) || !('exitCode' in value) || !('error' in value)) return undefined;
  return { meta: value.meta, result: value.result, exitCode: value.exitCode, error: value.error };
}

/** The command each kind takes, by `meta.command`. */
const KIND_OF_COMMAND: Readonly<Record<string, ReportInputKind>> = { audit: 'audit', 'root-credentials': 'root-credentials', backtest: 'activity', hunt: 'activity' };

/** An envelope: the command must be the one `expected` takes, and the run must have a result. */
function parseEnvelope(file: string, envelope: EnvelopeParts, expected: ReportInputKind): ReportInput {
  const source = KIND_SOURCE[expected];
  const metaParsed = meta.safeParse(envelope.meta);
  if (!metaParsed.success) {
    const issue = metaParsed.error.issues[0];
    throw new UserError(`${file}: meta.${formatPath(issue.path)}: ${issue.message} (this file is not the unchanged output of \`${source.command}\`: produce it again)`);
  }
  const command = typeof envelope.meta.command === 'string' ? envelope.meta.command : '';
  const actual = KIND_OF_COMMAND[command];
  if (actual === undefined) {
    throw new UserError(`${file}: this is the output of \`root-guard ${command || '(unnamed command)'} --json\`, which the report does not read: ${source.option} takes the output of \`${source.command}\``);
  }
  if (actual !== expected) {
    const other = KIND_SOURCE[actual];
    throw new UserError(`${file}: this is the output of \`${other.command}\`, not of \`${source.command}\` (pass it as ${other.option} instead of ${source.option})`);
  }
  if (envelope.result === null || typeof envelope.result !== 'object') {
    const error = envelope.error as { message?: unknown } | null;
    const why = error && typeof error.message === 'string' ? `: ${error.message}` : '';
    throw new UserError(`${file}: the \`root-guard ${command}\` run it holds stopped before its result (exit ${String(envelope.exitCode)}${why}); fix that and run it again`);
  }
  const inner = parseReportInput(file, envelope.result, expected);
  return { ...inner, meta: envelope.meta as Partial<RunMetadata>, ...(typeof envelope.exitCode === 'number' ? { exitCode: envelope.exitCode } : {}) };
}

/** Which command printed `value`, by the keys only that command's JSON has; undefined when none fits. */
export function detectKind(value: Record<string, unknown>): ReportInputKind | undefined {
  const metaCommand = (value.meta as { command?: unknown } | undefined)?.command;
  if (metaCommand === 'audit') return 'audit';
  if (metaCommand === 'root-credentials') return 'root-credentials';
  if (metaCommand === 'backtest' || metaCommand === 'hunt') return 'activity';
  const summary = value.summary as Record<string, unknown> | undefined;
  if (Array.isArray(value.filters)) return 'activity';
  if (summary && 'withLongTermCredentials' in summary) return 'root-credentials';
  if (Array.isArray(value.orgChecks) || (summary && 'covered' in summary)) return 'audit';
  return undefined;
}

function readText(file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UserError(`${file}: is a directory (give the JSON file a command wrote with --json)`);
    size = stat.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${file}: no such file (check the path)` : `${file}: cannot read the file (${code ?? String(err)})`);
  }
  if (size > MAX_INPUT_BYTES) throw new UserError(`${file}: ${size} bytes is more than any root-guard command writes (${MAX_INPUT_BYTES}): is it the right file?`);
  if (size === 0) throw new UserError(`${file}: the file is empty (write it again with --json)`);
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** A JSON.parse error as `file:line:col: …`, telling a file cut short from one that is not JSON. */
function describeJsonError(file: string, text: string, err: Error, expected: ReportInputKind): string {
  const source = KIND_SOURCE[expected];
  const at = locateJsonError(text);
  if (at >= text.trimEnd().length) {
    return `${file}: the JSON ends early: the file is truncated (write it again with \`${source.command}\`)`;
  }
  const where = at >= 0 ? `:${lineCol(text, at)}` : '';
  const found = at >= 0 ? `unexpected ${JSON.stringify(text.slice(at, at + 12))}` : err.message.split('\n')[0];
  return `${file}${where}: not valid JSON (${found}); expected the output of \`${source.command}\``;
}

function lineCol(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${position - lineStart + 1}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
