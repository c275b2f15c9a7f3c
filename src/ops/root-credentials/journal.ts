import { closeSync, existsSync, fsync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { UserError } from '../../errors';
import { openNewFile } from './new-file';
import { type DeleteKind, type DeletionPlan, type DeletionStep, type DeletionWhat, stepKey } from './deletion-plan';

/**
 * The removal journal: JSON lines, append-only, each line written (write(2), into the kernel) before
 * the call it announces, so that a run that dies — Ctrl-C, kill -9, a crash of the process — can be
 * reviewed and resumed. Lines reach the disk (fsync) in the background at most {@link SYNC_EVERY_MS}
 * apart and at close: a synchronous fsync per line blocks every account in flight (about 10 s over
 * 1,900 removals on a loaded machine). Only a crash of the machine itself can lose those last lines,
 * and a lost line is safe: a step without a result is tried again, and IAM answers NoSuchEntity for
 * one that had gone through (`absent`). Line 1 is the plan; then, per step, a `started` line before
 * the IAM call and a result line after it. Nothing is ever rewritten: "updated after" means a second
 * line for the same step.
 */

/** Longest time a written line waits for fsync. */
export const SYNC_EVERY_MS = 100;

/** The first line: the plan the run was started with. */
export interface JournalPlanLine {
  readonly type: 'plan';
  readonly time: string;
  /** The plan file's digest: a journal belongs to exactly one reviewed plan. */
  readonly digest?: string;
  /** The plan file it executes (for people reading the journal). */
  readonly planFile?: string;
  readonly kinds: readonly DeleteKind[];
  readonly steps: readonly DeletionStep[];
}

/** What happened to a step. `absent`: IAM said the identifier no longer exists (NoSuchEntity): nothing left to remove. */
export type StepResult = 'started' | 'done' | 'absent' | 'failed';

/** One step line. */
export interface JournalStepLine {
  readonly type: 'step';
  readonly account: string;
  readonly what: DeletionWhat;
  readonly identifiers: readonly string[];
  readonly time: string;
  readonly result: StepResult;
  /** The API call (for `failed`, the one that failed). */
  readonly api: string;
  readonly reason?: string;
  /** The AssumeRoot session's access key id: what CloudTrail shows for the call in the member account. */
  readonly sessionAccessKeyId?: string;
}

/** An open journal: appends lines durably. */
export interface Journal {
  readonly path: string;
  append(line: Omit<JournalStepLine, 'type' | 'time'>): void;
  close(): void;
}

/** The results a step line may carry. */
export const STEP_RESULTS: readonly StepResult[] = ['started', 'done', 'absent', 'failed'];

function openAppender(path: string, fd: number, now: () => Date): Journal {
  let open = true;
  let syncTimer: NodeJS.Timeout | undefined;
  const syncSoon = () => {
    syncTimer ??= setTimeout(() => {
      syncTimer = undefined;
      // Off the event loop (libuv's thread pool); an error here only delays durability to close().
      if (open) fsync(fd, () => undefined);
    }, SYNC_EVERY_MS);
    syncTimer.unref(); // never what keeps the process alive: close() syncs whatever is left
  };
  return {
    path,
    append(line) {
      // After close the descriptor may belong to another file: never write through it.
      if (!open) throw new Error(`${path}: the journal is closed`);
      const full: JournalStepLine = { type: 'step', ...line, time: now().toISOString() };
      writeSync(fd, `${JSON.stringify(full)}\n`);
      syncSoon();
    },
    close() {
      if (syncTimer) clearTimeout(syncTimer);
      syncTimer = undefined;
      if (open) {
        fsyncSync(fd);
        closeSync(fd);
      }
      open = false;
    },
  };
}

/** Where the plan came from, recorded on the journal's first line. */
export interface JournalBinding {
  readonly digest: string;
  readonly planFile: string;
}

/** Creates a new journal with the plan as its first line. Never overwrites: an existing file is an error. */
export function createJournal(path: string, plan: Pick<DeletionPlan, 'kinds' | 'steps'>, now: () => Date = () => new Date(), binding?: JournalBinding): Journal {
  const fd = openNewFile(path, 'journal', `the journal already exists (to continue that run use --resume ${path}; for a new run choose another --journal)`);
  const head: JournalPlanLine = { type: 'plan', time: now().toISOString(), ...(binding ? { digest: binding.digest, planFile: binding.planFile } : {}), kinds: plan.kinds, steps: plan.steps };
  writeSync(fd, `${JSON.stringify(head)}\n`);
  fsyncSync(fd);
  return openAppender(path, fd, now);
}

/** A journal read back: its plan, the last result of each step, and any note about a torn last line. */
export interface JournalState {
  readonly plan: JournalPlanLine;
  /** stepKey → last result. */
  readonly results: ReadonlyMap<string, StepResult>;
  readonly lines: readonly JournalStepLine[];
  /** The line number (1-based) of each entry of `lines`. */
  readonly lineNumbers: readonly number[];
  /** Set when the last line was cut short (the run died while writing it); it is ignored. */
  readonly tornLastLine?: string;
}

/** Reads a journal; errors name the file, the line and the fix. */
export function readJournal(path: string): JournalState {
  if (!existsSync(path)) throw new UserError(`${path}: no such journal (give the file a previous --apply run wrote)`);
  const text = readFileSync(path, 'utf8');
  const rows = text.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  const parsed: unknown[] = [];
  let tornLastLine: string | undefined;
  const isResumeLine = (row: string | undefined) => row !== undefined && row.startsWith('{"type":"resume"');
  rows.forEach((row, i) => {
    try {
      parsed.push(JSON.parse(row));
    } catch {
      // A line cut short by a run that died: the last line, or one a later --resume wrote after.
      if (i === rows.length - 1 && !text.endsWith('\n')) tornLastLine = `${path}:${i + 1}: the last line is incomplete (the run stopped while writing it); it is ignored and its step is checked again`;
      else if (i > 0 && isResumeLine(rows[i + 1])) return;
      else throw new UserError(`${path}:${i + 1}:1: not a JSON line (the journal was edited or is not a root-credentials journal; restore it from a copy)`);
    }
  });
  const plan = parsed[0] as JournalPlanLine | undefined;
  if (!plan || plan.type !== 'plan' || !Array.isArray(plan.steps)) {
    throw new UserError(`${path}:1:1: the first line is not a removal plan (give the journal a root-credentials --apply run wrote)`);
  }
  const lines: JournalStepLine[] = [];
  const lineNumbers: number[] = [];
  const results = new Map<string, StepResult>();
  parsed.slice(1).forEach((value, i) => {
    if ((value as { type?: string })?.type === 'resume') return;
    const line = value as JournalStepLine;
    if (line?.type !== 'step' || typeof line.account !== 'string' || !Array.isArray(line.identifiers)) {
      throw new UserError(`${path}:${i + 2}:1: not a step line (expected "type": "step" with account, what, identifiers, result)`);
    }
    lines.push(line);
    lineNumbers.push(i + 2);
    results.set(stepKey({ accountId: line.account, what: line.what, identifiers: line.identifiers }), line.result);
  });
  return { plan, results, lines, lineNumbers, ...(tornLastLine ? { tornLastLine } : {}) };
}

/** What a plan looks like to the journal check: its digest, steps and accounts. */
export interface ReviewedPlan {
  readonly digest: string;
  readonly steps: readonly DeletionStep[];
}

/**
 * Whether a journal belongs to `plan` and every line of it is one this tool could have written for
 * that plan: the first line carries the plan's digest and exactly its steps; every step line names a
 * step of the plan (account, kind and identifiers), a known result, and the API that step calls (or
 * sts:AssumeRoot, for a session that could not be opened). One line per problem, with file:line;
 * empty when the journal can be trusted. `apiOf` is the IAM call of each kind (apply-deletions.ts).
 */
export function checkJournal(path: string, state: JournalState, plan: ReviewedPlan, apiOf: Readonly<Record<DeletionWhat, string>>): string[] {
  const problems: string[] = [];
  if (state.plan.digest !== plan.digest) {
    problems.push(`${path}:1: the journal belongs to plan ${state.plan.digest ?? '(none recorded)'}, not to this plan (${plan.digest}): give the plan file the journal was started with`);
    return problems;
  }
  const planned = new Map(plan.steps.map((s) => [stepKey(s), s]));
  const journalled = new Set(state.plan.steps.map((s) => stepKey(s)));
  if (journalled.size !== planned.size || [...journalled].some((k) => !planned.has(k))) {
    problems.push(`${path}:1: the journal's plan line lists other steps than the plan file (the journal was edited): restore it from a copy`);
  }
  state.lines.forEach((line, i) => {
    const at = `${path}:${state.lineNumbers[i]}`;
    const key = stepKey({ accountId: line.account, what: line.what, identifiers: line.identifiers });
    const step = planned.get(key);
    if (!(line.what in apiOf)) problems.push(`${at}: unknown step kind ${JSON.stringify(line.what)} (the journal was edited: restore it from a copy)`);
    else if (!step) problems.push(`${at}: step ${key} is not in the plan (the journal was edited, or belongs to another run: restore it from a copy)`);
    else if (!STEP_RESULTS.includes(line.result)) problems.push(`${at}: unknown result ${JSON.stringify(line.result)} for ${key} (expected one of ${STEP_RESULTS.join(', ')})`);
    else if (line.api !== apiOf[line.what] && line.api !== 'sts:AssumeRoot') problems.push(`${at}: ${key} names API ${JSON.stringify(line.api)}, not ${apiOf[line.what]} (the journal was edited: restore it from a copy)`);
  });
  return problems;
}

/**
 * Reopens a journal to append to it (after {@link readJournal}): starts a fresh line if the last was
 * torn, then a `resume` line, so the record shows where each run began.
 */
export function reopenJournal(path: string, now: () => Date = () => new Date()): Journal {
  const text = readFileSync(path, 'utf8');
  const fd = openSync(path, 'a');
  if (text.length > 0 && !text.endsWith('\n')) writeSync(fd, '\n');
  writeSync(fd, `${JSON.stringify({ type: 'resume', time: now().toISOString() })}\n`);
  fsyncSync(fd);
  return openAppender(path, fd, now);
}

/** Whether a step needs no more work: removed, or found already gone. */
export function isSettled(result: StepResult | undefined): boolean {
  return result === 'done' || result === 'absent';
}
