import { existsSync } from 'node:fs';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { partitionOf } from '../aws/regions';
import { DEFAULT_CONFIG_FILE, loadConfig, locateConfigFile } from '../config/load';
import { API_RATES, createPacer, type Pacer } from '../ops/api-pacer';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../ops/aws-clients';
import { applyDeletions, type StepOutcome } from '../ops/root-credentials/apply-deletions';
import { type DeleteKind, type DeletionPlan, parseDeleteKinds, planDeletions, stepKey } from '../ops/root-credentials/deletion-plan';
import { buildReport, readRootCredentials } from '../ops/root-credentials/inventory';
import { createJournal, isSettled, readJournal, reopenJournal } from '../ops/root-credentials/journal';
import { type CallerClients, checkReadiness, listAccountsInScope } from '../ops/root-credentials/readiness';
import { createRootSessionFactory, type RootSessionFactory } from '../ops/root-credentials/root-session';
import { ROOT_CREDENTIALS_EXIT } from '../ops/root-credentials/summary';
import { ROOT_CREDENTIALS_RATES } from '../ops/root-credentials/task-policies';
import { createClientFactory } from './context';
import { noteRun, renderEnvelope } from './json-output';
import { integerOption } from './options';
import { createProgress } from './output';
import { renderApplyResult, renderInventory, renderPlan } from './root-credentials-render';

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

const HELP = [
  '',
  'Reads, in every active member account (or --accounts / --ou), the root user\'s password, access keys',
  '(with last use), MFA devices and signing certificates, each in a 15-minute AssumeRoot session scoped to',
  'IAMAuditRootUserCredentials. Runs as the management account or IAM\'s delegated administrator, with',
  'centralized root access enabled (RootCredentialsManagement, RootSessions). See docs/root-credentials.md.',
  '',
  'Removal: --delete KINDS prints the plan only. --delete KINDS --apply prints the plan, then removes exactly',
  'what it lists with IAMDeleteRootUserCredentials, journalling each step (JSON lines) before and after.',
  '--resume JOURNAL --apply continues a run that stopped, never repeating a step the journal shows done.',
  'MFA devices are deactivated only when MFA is named.',
  '',
  'Exit codes: 0 nothing found and everything read (with --apply: every step done);',
  '1 a member root user holds a password, access key or signing certificate (with --apply: a step failed);',
  '2 wrong usage; 3 nothing found but some account could not be read (partial);',
  '4 cannot run: centralized root access not enabled, or the caller may not use it.',
].join('\n');

/** `root-guard root-credentials`. */
export function registerRootCredentials(program: Command): void {
  program
    .command('root-credentials')
    .description('Inventory member accounts\' root credentials with centralized root access (AssumeRoot), and remove them')
    .option('--region <name>', 'Region of the STS endpoint (AssumeRoot needs a Regional one; default: AWS_REGION, else the config\'s homeRegion)')
    .option('-c, --config <file>', 'config file, read only for its homeRegion when --region and AWS_REGION are unset', DEFAULT_CONFIG_FILE)
    .option('--profile <name>', 'AWS profile of the management account or IAM delegated administrator')
    .option('--accounts <ids>', 'only these member accounts (comma-separated 12-digit ids)', parseAccountIds)
    .option('--ou <paths>', 'only accounts in these OUs and below (comma-separated CfCT paths, e.g. Workloads:Prod)', parseOuPaths)
    .option('--json', 'print the result as JSON')
    .option('--delete <kinds>', 'plan removal of PASSWORD,KEYS,CERTS,MFA (prints the plan; removes nothing without --apply)', parseKinds)
    .option('--apply', 'remove what the plan lists (needs --delete, or --resume)')
    .option('--resume <journal>', 'continue the removals of a run that stopped (with --apply)')
    .option('--journal <file>', 'where --apply writes its journal (default: root-credentials-journal-<time>.jsonl; never overwritten)')
    .option('--concurrency <n>', 'accounts worked on at once (1-64)', integerOption({ max: 64 }), 16)
    .addOption(new Option('--request-timeout <seconds>', `longest wait for one Organizations or IAM request (default ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}; a call that times out stops with one line naming it)`)
      .argParser(integerOption({ max: 3600, unit: 'seconds' })))
    .showHelpAfterError(false)
    .addHelpText('after', HELP)
    .action(async (options: RootCredentialsCommandOptions, command: Command) => {
      const usage = usageProblem(options);
      if (usage) command.error(`error: ${usage}`, { exitCode: ROOT_CREDENTIALS_EXIT.usage, code: 'root-guard.usage' });
      process.exitCode = await runRootCredentialsCommand(options, { write: (t) => process.stdout.write(t), error: (t) => process.stderr.write(t) });
    });
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
    if (readiness.caller) noteRun({ callerAccount: readiness.caller.account, callerArn: readiness.caller.arn, ...(readiness.caller.managementAccountId ? { managementAccountId: readiness.caller.managementAccountId } : {}) });
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
    if (!options.apply) {
      const exitCode = report.summary.exitCode ?? ROOT_CREDENTIALS_EXIT.ok;
      io.write(options.json ? renderEnvelope('root-credentials', { ...report, ...(plan ? { plan } : {}) }, exitCode, null, { now: now() }) : renderInventory(report) + (plan ? renderPlan(plan, false) : ''));
      return exitCode;
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
    const exitCode = failed > 0 ? ROOT_CREDENTIALS_EXIT.found : ROOT_CREDENTIALS_EXIT.ok;
    io.write(options.json ? renderEnvelope('root-credentials', { ...report, plan, journal: journalPath, applied: outcomes }, exitCode, null, { now: now() }) : renderApplyResult(outcomes, journalPath));
    return exitCode;
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
  const exitCode = outcomes.some((o) => o.result === 'failed') ? ROOT_CREDENTIALS_EXIT.found : ROOT_CREDENTIALS_EXIT.ok;
  io.write(options.json ? renderEnvelope('root-credentials', { plan, journal: path, applied: outcomes }, exitCode, null, { now: now() }) : renderApplyResult(outcomes, path));
  return exitCode;
}

function parseAccountIds(value: string): string[] {
  const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = ids.filter((id) => !/^\d{12}$/.test(id));
  if (ids.length === 0 || bad.length > 0) throw new InvalidArgumentError(`${bad.length > 0 ? `"${bad.join(',')}" is not` : 'names no'} a 12-digit account id (e.g. --accounts 222222222222,333333333333)`);
  return ids;
}

function parseOuPaths(value: string): string[] {
  const paths = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (paths.length === 0) throw new InvalidArgumentError('names no OU (e.g. --ou Workloads:Prod)');
  const bad = paths.find((p) => p.includes('/'));
  if (bad) throw new InvalidArgumentError(`"${bad}" is not a CfCT OU path (use ":" between levels, e.g. Workloads:Prod)`);
  return paths;
}

function parseKinds(value: string): DeleteKind[] {
  try {
    return parseDeleteKinds(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}
