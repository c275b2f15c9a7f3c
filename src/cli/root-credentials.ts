import { existsSync } from 'node:fs';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Command } from 'commander';
import { partitionOf } from '../aws/regions';
import { loadConfig, locateConfigFile } from '../config/load';
import { API_RATES, createPacer, type Pacer } from '../ops/api-pacer';
import { applyDeletions, type StepOutcome } from '../ops/root-credentials/apply-deletions';
import { type DeleteKind, type DeletionPlan, planDeletions, stepKey } from '../ops/root-credentials/deletion-plan';
import { buildReport, readRootCredentials } from '../ops/root-credentials/inventory';
import { createJournal, isSettled, readJournal, reopenJournal } from '../ops/root-credentials/journal';
import { type CallerClients, checkReadiness, listAccountsInScope } from '../ops/root-credentials/readiness';
import { createRootSessionFactory, type RootSessionFactory } from '../ops/root-credentials/root-session';
import { ROOT_CREDENTIALS_EXIT } from '../ops/root-credentials/summary';
import { ROOT_CREDENTIALS_RATES } from '../ops/root-credentials/task-policies';
import { createClientFactory } from './context';
import { PACKAGE_VERSION } from './version';
import { createProgress, renderJson } from './output';
import { renderApplyResult, renderInventory, renderPlan } from './root-credentials-render';
import { runMetadata } from './run-metadata';

/** Options of `root-guard root-credentials`. */
export interface RootCredentialsCommandOptions {
  readonly region?: string;
  readonly config: string;
  readonly profile?: string;
  readonly accounts?: readonly string[];
  readonly ou?: readonly string[];
  readonly json?: boolean;
  readonly delete?: readonly DeleteKind[];
  readonly apply?: boolean;
  readonly resume?: string;
  readonly journal?: string;
  readonly concurrency: number;
  /** Longest wait for one Organizations or IAM request, in seconds. */
  readonly requestTimeout?: number;
}

/** The clients a run uses; tests pass their own (mocked) ones. */
export interface RootCredentialsClients extends CallerClients {
  readonly sessions: RootSessionFactory;
  destroy(): void;
}

/** Output streams and clock (tests capture them). */
export interface CommandIo {
  write(text: string): void;
  error(text: string): void;
  now?: () => Date;
}

/** What `root-guard root-credentials` does once its options are parsed (the action of definitions/root-credentials.ts). */
export async function rootCredentialsAction(options: RootCredentialsCommandOptions, command: Command): Promise<void> {
  const usage = usageProblem(options);
  if (usage) command.error(`error: ${usage}`, { exitCode: ROOT_CREDENTIALS_EXIT.usage, code: 'root-guard.usage' });
  process.exitCode = await runRootCredentialsCommand(options, { write: (t) => process.stdout.write(t), error: (t) => process.stderr.write(t) });
}

/** One line saying what is wrong with the combination of options, or undefined. */
export function usageProblem(options: Pick<RootCredentialsCommandOptions, 'apply' | 'delete' | 'resume' | 'journal'>): string | undefined {
  if (options.apply && !options.delete && !options.resume) return '--apply removes what --delete plans: add --delete PASSWORD,KEYS,CERTS,MFA (or the kinds you mean), or --resume JOURNAL';
  if (options.resume && !options.apply) return '--resume continues removals: add --apply to run them';
  if (options.resume && options.delete) return '--resume takes its plan from the journal: drop --delete';
  if (options.journal && options.resume) return '--resume appends to the journal it names: drop --journal';
  if (options.journal && !options.apply) return '--journal is written only with --apply';
  return undefined;
}

/** The Region for the STS endpoint: --region, AWS_REGION / AWS_DEFAULT_REGION, else the config's homeRegion. */
export function resolveRegion(options: Pick<RootCredentialsCommandOptions, 'region' | 'config'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region) return region;
  const file = locateConfigFile(options.config).file;
  return existsSync(file) ? loadConfig(file).config.homeRegion : undefined;
}

/** Clients from the standard credential chain, in `region`. */
export function createClients(region: string, profile?: string, requestTimeout?: number): RootCredentialsClients {
  const factory = createClientFactory(region, { profile, requestTimeout });
  const sessions = createRootSessionFactory({ region, partition: partitionOf(region), profile });
  const organizations = factory.create(OrganizationsClient);
  const iam = factory.create(IAMClient);
  return {
    sts: sessions.sts, organizations, iam, sessions,
    destroy() {
      factory.destroy();
      sessions.destroy();
    },
  };
}

/** Runs the command; returns the exit code. `makeClients` is for tests. */
export async function runRootCredentialsCommand(
  options: RootCredentialsCommandOptions,
  io: CommandIo,
  makeClients: (region: string, profile?: string, requestTimeout?: number) => RootCredentialsClients = createClients,
): Promise<number> {
  const region = resolveRegion(options);
  if (!region) {
    io.error('root-credentials: no Region for the STS endpoint (AssumeRoot needs a Regional one): pass --region, e.g. --region us-east-1\n');
    return ROOT_CREDENTIALS_EXIT.usage;
  }
  if (region === 'aws-global' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    io.error(`root-credentials: --region "${region}" is not a Region name (AssumeRoot is not served by the global endpoint: use e.g. us-east-1)\n`);
    return ROOT_CREDENTIALS_EXIT.usage;
  }
  const now = io.now ?? (() => new Date());
  const clients = makeClients(region, options.profile, options.requestTimeout);
  const pacer = createPacer({ ...API_RATES, ...ROOT_CREDENTIALS_RATES });
  const progress = createProgress(options.apply ? 'Removing root credentials' : 'Reading root credentials');
  try {
    const readiness = await checkReadiness(clients, pacer);
    if (readiness.problems.length > 0) {
      for (const p of readiness.problems) io.error(`${p}\n`);
      return ROOT_CREDENTIALS_EXIT.notReady;
    }
    if (options.resume) return await resume(options.resume, clients, pacer, io, now, options);

    const scope = await listAccountsInScope(clients.organizations, pacer, readiness.caller?.managementAccountId, { accounts: options.accounts, ous: options.ou });
    if (scope.problems.length > 0) {
      for (const p of scope.problems) io.error(`${p}\n`);
      return ROOT_CREDENTIALS_EXIT.usage;
    }
    const accounts = await readRootCredentials(clients.sessions, scope.accounts, {
      pacer, concurrency: options.concurrency, onProgress: (done, total) => progress.update(done, total, 'accounts'),
    });
    progress.done();
    const report = buildReport(accounts, scope.unread, pacer.counts());
    const plan: DeletionPlan | undefined = options.delete ? planDeletions(accounts, options.delete) : undefined;
    const meta = runMetadata('root-credentials', PACKAGE_VERSION, undefined, now());
    if (!options.apply) {
      io.write(options.json ? renderJson({ meta, ...report, ...(plan ? { plan } : {}) }) : renderInventory(report) + (plan ? renderPlan(plan, false) : ''));
      return report.summary.exitCode ?? ROOT_CREDENTIALS_EXIT.ok;
    }
    // --apply: the plan is printed (to stderr with --json, so stdout stays one JSON document) before anything is removed.
    const planText = renderInventory(report) + renderPlan(plan!, true);
    if (options.json) io.error(renderPlan(plan!, true));
    else io.write(planText);
    const journalPath = options.journal ?? `root-credentials-journal-${now().toISOString().replace(/[:.]/g, '-')}.jsonl`;
    const journal = createJournal(journalPath, plan!, now);
    let outcomes: StepOutcome[];
    try {
      outcomes = await applyDeletions(clients.sessions, plan!.steps, journal, { pacer, concurrency: Math.min(options.concurrency, 8), onProgress: (d, t) => progress.update(d, t, 'accounts') });
    } finally {
      journal.close();
    }
    progress.done();
    const failed = outcomes.filter((o) => o.result === 'failed').length;
    io.write(options.json ? renderJson({ meta, ...report, plan, journal: journalPath, applied: outcomes }) : renderApplyResult(outcomes, journalPath));
    return failed > 0 ? ROOT_CREDENTIALS_EXIT.found : ROOT_CREDENTIALS_EXIT.ok;
  } finally {
    progress.done();
    clients.destroy();
  }
}

/** Continues the removals of a journal: the plan is the journal's own; settled steps are skipped. */
async function resume(path: string, clients: RootCredentialsClients, pacer: Pacer, io: CommandIo, now: () => Date, options: RootCredentialsCommandOptions): Promise<number> {
  const state = readJournal(path);
  if (state.tornLastLine) io.error(`${state.tornLastLine}\n`);
  const plan: DeletionPlan = { kinds: state.plan.kinds, steps: state.plan.steps, skipped: [] };
  const remaining = plan.steps.filter((s) => !isSettled(state.results.get(stepKey(s))));
  const text = renderPlan({ ...plan, steps: remaining }, true, `Resuming ${path}: ${plan.steps.length - remaining.length} of ${plan.steps.length} step(s) already done`);
  if (options.json) io.error(text);
  else io.write(text);
  const journal = reopenJournal(path, now);
  let outcomes: StepOutcome[];
  try {
    outcomes = await applyDeletions(clients.sessions, plan.steps, journal, { pacer, previous: state.results, concurrency: Math.min(options.concurrency, 8) });
  } finally {
    journal.close();
  }
  const meta = runMetadata('root-credentials', PACKAGE_VERSION, undefined, now());
  io.write(options.json ? renderJson({ meta, plan, journal: path, applied: outcomes }) : renderApplyResult(outcomes, path));
  return outcomes.some((o) => o.result === 'failed') ? ROOT_CREDENTIALS_EXIT.found : ROOT_CREDENTIALS_EXIT.ok;
}

