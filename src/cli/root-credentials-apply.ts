import { existsSync } from 'node:fs';
import { isUserError } from '../errors';
import type { Pacer } from '../ops/aws/api-pacer';
import { applyDeletions, type ApplyProgress, DELETE_API, type StepOutcome } from '../ops/root-credentials/apply-deletions';
import { startReading } from '../ops/root-credentials/inventory';
import type { AccountRootCredentials } from '../ops/root-credentials/types';
import { checkJournal, createJournal, isSettled, type Journal, readJournal, reopenJournal, type StepResult } from '../ops/root-credentials/journal';
import { credentialChanges, type PlanFile, readPlanFile } from '../ops/root-credentials/plan-file';
import { listAccountsInScope, type Readiness } from '../ops/root-credentials/readiness';
import { ROOT_CREDENTIALS_EXIT } from '../ops/root-credentials/summary';
import { stepKey } from '../ops/root-credentials/deletion-plan';
import { renderEnvelope } from './json-output';
import type { CommandIo, RootCredentialsClients } from './root-credentials';
import {
  type AlertNames, applyProgressLine, jsonResult, renderApplyResult, renderJournalLine, renderPlan, renderRootSessionNotice, resumeCommand,
} from './root-credentials-render';

/** What `--apply FILE` (and `--resume JOURNAL --apply FILE`) was asked to do. */
export interface ApplyRequest {
  readonly planPath: string;
  readonly resume?: string;
  readonly journal?: string;
  readonly concurrency: number;
  readonly json: boolean;
  /** The alarm the run will raise, from the config (for the notice). */
  readonly alerts?: AlertNames;
}

/** What the run works with. */
export interface ApplyContext {
  readonly clients: RootCredentialsClients;
  readonly pacer: Pacer;
  readonly readiness: Readiness;
  readonly io: CommandIo;
  readonly now: () => Date;
}

/** Non-TTY progress lines come at most this often (a 5,000-account run in a CI log: a line per half minute). */
const PROGRESS_EVERY_MS = 30_000;

/**
 * Executes a reviewed plan file: checks its digest, the accounts (still active members, in its scope)
 * and, on a first run, that every planned account still holds exactly what the plan was made from;
 * says that the run raises the root alerts; prints the journal's name before the first step; removes;
 * prints a summary a ticket can quote. Refusals (exit 5) happen before anything is removed.
 */
export async function runApply(request: ApplyRequest, context: ApplyContext): Promise<number> {
  const { io, now, clients, pacer } = context;
  const say = (text: string) => (request.json ? io.error(text) : io.write(text));
  const refuse = (lines: readonly string[], plan?: PlanFile): number => {
    const exitCode = ROOT_CREDENTIALS_EXIT.refused;
    if (request.json) io.write(renderEnvelope('root-credentials', jsonResult({ ...(plan ? { plan: { ...plan, file: request.planPath } } : {}), refused: lines, exitCode }), exitCode, null, { now: now() }));
    io.error(`Refused, nothing was removed:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
    return exitCode;
  };

  if (!existsSync(request.planPath)) {
    io.error(`root-credentials: ${request.planPath}: no such plan file (write one with --delete KINDS --accounts IDS|--ou PATHS --plan-out ${request.planPath})\n`);
    return ROOT_CREDENTIALS_EXIT.usage;
  }
  let plan: PlanFile;
  let previous: ReadonlyMap<string, StepResult> | undefined;
  try {
    plan = readPlanFile(request.planPath);
    if (request.resume) {
      const state = readJournal(request.resume);
      if (state.tornLastLine) io.error(`${state.tornLastLine}\n`);
      const problems = checkJournal(request.resume, state, plan, DELETE_API);
      if (problems.length > 0) return refuse(problems);
      previous = state.results;
    }
  } catch (err) {
    if (isUserError(err)) return refuse([err.message]);
    throw err;
  }

  // Said before the first root session (the fresh read below opens one per planned account).
  say(renderRootSessionNotice(plan, context.readiness.caller?.arn, request.alerts));
  const plannedIds = new Set(plan.steps.map((s) => s.accountId));
  // Bound to what was reviewed: on a first run every planned account is read again, each as soon as
  // the account list shows it, and the plan is executed only if each still holds what it held then.
  const reader = startReading(clients.sessions, { pacer, concurrency: request.concurrency });
  const onListed = request.resume ? undefined : (a: { id: string; name: string; state: string }) => { if (plannedIds.has(a.id)) reader.add(a); };
  let current: AccountRootCredentials[] = [];
  try {
    // The plan's accounts must still be active member accounts within the scope it was made for.
    const scope = await listAccountsInScope(clients.organizations, pacer, context.readiness.caller?.managementAccountId, plan.scope, onListed);
    const inScope = new Set(scope.accounts.map((a) => a.id));
    const gone = [...plannedIds].filter((id) => !inScope.has(id));
    if (scope.problems.length > 0 || gone.length > 0) {
      await reader.cancel();
      return refuse([...scope.problems, ...gone.map((id) => `${id}: no longer an active member account within the plan's scope (${describeScope(plan)})`)], plan);
    }
    if (!request.resume) current = await reader.finish(scope.accounts.filter((a) => plannedIds.has(a.id)));
  } catch (err) {
    await reader.cancel();
    throw err;
  }
  const changes = request.resume ? [] : credentialChanges(plan, current);
  if (changes.length > 0) return refuse([...changes, `make and review a new plan: --delete ${plan.kinds.join(',')} ${describeScope(plan)} --plan-out NEW_FILE`], plan);

  const journalPath = request.resume ?? request.journal ?? `root-credentials-journal-${now().toISOString().replace(/[:.]/g, '-')}.jsonl`;
  const remaining = plan.steps.filter((s) => !isSettled(previous?.get(stepKey(s))));
  say(renderPlan(plan, request.resume
    ? `Resuming ${journalPath} (plan ${plan.digest}): ${plan.steps.length - remaining.length} of ${plan.steps.length} step(s) already done`
    : `Applying plan ${plan.digest} from ${request.planPath}: ${plan.steps.length} step(s) in ${plannedIds.size} account(s), per account password, keys, certificates, MFA last`));
  const journal: Journal = request.resume ? reopenJournal(journalPath, now) : createJournal(journalPath, plan, now, { digest: plan.digest, planFile: request.planPath });
  io.error(renderJournalLine(journalPath, request.planPath));

  const started = now();
  const onInterrupt = () => io.error(`\nInterrupted (${String(io.signal?.reason)}): finishing the calls in flight, starting no new step. Journal: ${journalPath}\nTo finish: ${resumeCommand(journalPath, request.planPath)}\n`);
  io.signal?.addEventListener('abort', onInterrupt, { once: true });
  const progress = progressReporter(io);
  let outcomes: StepOutcome[];
  try {
    outcomes = await applyDeletions(clients.sessions, plan.steps, journal, {
      pacer, previous, concurrency: request.concurrency, onProgress: progress.update, shouldStop: () => io.signal?.aborted === true,
    });
  } finally {
    journal.close();
    progress.done();
    io.signal?.removeEventListener('abort', onInterrupt);
  }

  const interrupted = io.signal?.aborted ? String(io.signal.reason) : undefined;
  const failed = outcomes.some((o) => o.result === 'failed');
  const unfinished = outcomes.some((o) => o.result === 'kept' || o.result === 'not-started') || plan.skipped.length > 0;
  const exitCode = interrupted ? (interrupted === 'SIGTERM' ? 143 : ROOT_CREDENTIALS_EXIT.interrupted)
    : failed ? ROOT_CREDENTIALS_EXIT.found
      : unfinished ? ROOT_CREDENTIALS_EXIT.partial : ROOT_CREDENTIALS_EXIT.ok;
  const run = { planPath: request.planPath, digest: plan.digest, journalPath, caller: context.readiness.caller?.arn, started, finished: now(), ...(interrupted ? { interrupted } : {}) };
  if (request.json) {
    io.write(renderEnvelope('root-credentials', jsonResult({ plan: { ...plan, file: request.planPath }, applied: { outcomes, journal: journalPath, ...(interrupted ? { interrupted } : {}) }, exitCode }), exitCode, null, { now: now() }));
    io.error(renderApplyResult(outcomes, run));
  } else {
    io.write(renderApplyResult(outcomes, run));
  }
  return exitCode;
}

function describeScope(plan: Pick<PlanFile, 'scope'>): string {
  return [plan.scope.accounts?.length ? `--accounts ${plan.scope.accounts.join(',')}` : '', plan.scope.ous?.length ? `--ou ${plan.scope.ous.join(',')}` : ''].filter(Boolean).join(' ');
}

/**
 * Progress on stderr: accounts done, removed, failed, remaining, rate. Rewritten in place on a
 * terminal; in a log (not a TTY) one line every {@link PROGRESS_EVERY_MS}, so 5,000 accounts are not
 * 5,000 lines.
 */
function progressReporter(io: CommandIo): { update(p: ApplyProgress): void; done(): void } {
  const tty = Boolean(process.stderr.isTTY) && io.signal !== undefined;
  const t0 = Date.now();
  let last = t0;
  let shown = false;
  return {
    update(p) {
      const at = Date.now();
      const elapsed = at - t0;
      if (tty) {
        if (at - last < 100 && p.accountsDone < p.accounts) return;
        last = at;
        shown = true;
        process.stderr.write(`\r\x1b[2KRemoving root credentials: ${applyProgressLine(p, elapsed)}`);
      } else if (at - last >= PROGRESS_EVERY_MS) {
        last = at;
        io.error(`Removing root credentials: ${applyProgressLine(p, elapsed)}\n`);
      }
    },
    done() {
      if (tty && shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
