import { existsSync } from 'node:fs';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { partitionOf } from '../aws/regions';
import { DEFAULT_CONFIG_FILE, loadConfig, locateConfigFile } from '../config/load';
import { resourceNames } from '../plan/names';
import { API_RATES, createPacer } from '../ops/api-pacer';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../ops/aws-clients';
import { type DeleteKind, parseDeleteKinds, planDeletions } from '../ops/root-credentials/deletion-plan';
import { buildReport, startReading } from '../ops/root-credentials/inventory';
import { createPlanFile, writePlanFile } from '../ops/root-credentials/plan-file';
import { type CallerClients, checkReadiness, listAccountsInScope } from '../ops/root-credentials/readiness';
import { createRootSessionFactory, type RootSessionFactory } from '../ops/root-credentials/root-session';
import { ROOT_CREDENTIALS_EXIT } from '../ops/root-credentials/summary';
import { ROOT_CREDENTIALS_RATES } from '../ops/root-credentials/task-policies';
import { createClientFactory } from './context';
import { noteRun, renderEnvelope } from './json-output';
import { integerOption } from './options';
import { createProgress } from './output';
import { runApply } from './root-credentials-apply';
import { type AlertNames, jsonResult, renderDryRunTail, renderInventory, renderPlan, renderUnsafe } from './root-credentials-render';

/** Options of `root-guard root-credentials`. */
export interface RootCredentialsCommandOptions {
  readonly region?: string;
  readonly config: string;
  readonly profile?: string;
  readonly accounts?: readonly string[];
  readonly ou?: readonly string[];
  readonly json?: boolean;
  readonly delete?: readonly DeleteKind[];
  /** Where the dry run writes the reviewed plan. */
  readonly planOut?: string;
  /** The plan file to execute (`true` when `--apply` was given without one: a usage error). */
  readonly apply?: string | boolean;
  readonly resume?: string;
  readonly journal?: string;
  readonly concurrency: number;
  /** Longest wait for one attempt of one AWS request, in seconds. */
  readonly requestTimeout?: number;
}

/** The clients a run uses; tests pass their own (mocked) ones. */
export interface RootCredentialsClients extends CallerClients {
  readonly sessions: RootSessionFactory;
  destroy(): void;
}

/** Output streams, clock and interrupt (tests drive them). */
export interface CommandIo {
  write(text: string): void;
  error(text: string): void;
  now?: () => Date;
  /** Aborted on Ctrl-C / SIGTERM (the reason is the signal's name); `--apply` then starts no new step. */
  signal?: AbortSignal;
}

const HELP = [
  '',
  'Reads, in the member accounts in scope (every active one, or --accounts / --ou), the root user\'s password,',
  'access keys (with last use), MFA devices and signing certificates, each in a 15-minute AssumeRoot session',
  'scoped to IAMAuditRootUserCredentials. Runs as the management account or IAM\'s delegated administrator, with',
  'centralized root access enabled (RootCredentialsManagement, RootSessions). A kind that could not be read is',
  'shown as ? (null in --json), never as 0. See docs/root-credentials.md.',
  '',
  'Removal, in two steps:',
  '  1. --delete KINDS (--accounts IDS | --ou PATHS) --plan-out FILE   reads, prints the plan and its digest,',
  '     writes it to FILE; removes nothing. The scope must be explicit (--ou Root for every member account).',
  '     A plan that would deactivate MFA where a password stays (or is unknown) is refused, naming the accounts.',
  '  2. --apply FILE   checks the digest, reads the planned accounts again and refuses if any account\'s',
  '     credentials changed since the plan (naming them); then removes exactly the plan, per account the',
  '     password, access keys and signing certificates first and MFA last (MFA is kept where an earlier step',
  '     failed), journalling each step before and after (JSON lines; the journal\'s name is printed first).',
  '  --resume JOURNAL --apply FILE finishes a run that stopped (Ctrl-C, failure); the journal must belong to the',
  '  plan and every line must be one the plan allows; a done step is never repeated.',
  'The removal runs as each member account\'s root user (AssumeRoot): it raises the root-activity alarm, and the',
  'fast alert where enabled; the command says so, with what they will show, before it starts.',
  '',
  'Exit codes: 0 nothing found and everything read (with --apply: every planned step done);',
  '1 a member root user holds a password, access key or signing certificate (with --apply: a step failed);',
  '2 wrong usage; 3 partial: nothing found but something could not be read (with --apply: no step failed,',
  'but not every planned removal was made: a kind not read, MFA kept); 4 cannot run: centralized root access',
  'not enabled, or the caller may not use it; 5 refused, nothing removed: the plan would leave a password without',
  'MFA, the plan file was edited, an account\'s credentials changed since the plan, or the journal does not belong',
  'to the plan; 130 interrupted (Ctrl-C; 143 for SIGTERM): the journal is consistent, finish with --resume.',
].join('\n');

/** `root-guard root-credentials`. */
export function registerRootCredentials(program: Command): void {
  program
    .command('root-credentials')
    .description('Inventory member accounts\' root credentials with centralized root access (AssumeRoot), and remove them')
    .option('--region <name>', 'Region of the STS endpoint (AssumeRoot needs a Regional one; default: AWS_REGION, else the config\'s homeRegion)')
    .option('-c, --config <file>', 'config file, read for its homeRegion (when --region and AWS_REGION are unset) and the alarm\'s name', DEFAULT_CONFIG_FILE)
    .option('--profile <name>', 'AWS profile of the management account or IAM delegated administrator')
    .option('--accounts <ids>', 'only these member accounts (comma-separated 12-digit ids)', parseAccountIds)
    .option('--ou <paths>', 'only accounts in these OUs and below (comma-separated CfCT paths, e.g. Workloads:Prod; Root = all)', parseOuPaths)
    .option('--json', 'print the result as JSON')
    .option('--delete <kinds>', 'plan removal of PASSWORD,KEYS,CERTS,MFA (prints the plan and its digest; removes nothing)', parseKinds)
    .option('--plan-out <file>', 'write the plan to this file for review (needs --delete and --accounts or --ou; never overwrites)')
    .option('--apply [plan]', 'remove exactly what the plan file lists (after checking it is unchanged and still true)')
    .option('--resume <journal>', 'finish the removals of a run that stopped (with --apply FILE)')
    .option('--journal <file>', 'where --apply writes its journal (default: root-credentials-journal-<time>.jsonl; never overwritten)')
    .option('--concurrency <n>', 'accounts worked on at once (1-64; AssumeRoot is paced at the STS quota whatever this is)', integerOption({ max: 64 }), 64)
    .addOption(new Option('--request-timeout <seconds>', `longest wait for one AWS request (default ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}; a call that times out stops the run with one line naming it)`)
      .argParser(integerOption({ max: 3600, unit: 'seconds' })))
    .showHelpAfterError(false)
    .addHelpText('after', HELP)
    .action(async (options: RootCredentialsCommandOptions, command: Command) => {
      const usage = usageProblem(options);
      if (usage) command.error(`error: ${usage}`, { exitCode: ROOT_CREDENTIALS_EXIT.usage, code: 'root-guard.usage' });
      const interrupt = new AbortController();
      const io: CommandIo = { write: (t) => process.stdout.write(t), error: (t) => process.stderr.write(t), signal: interrupt.signal };
      const onSignal = (name: NodeJS.Signals) => {
        // A second Ctrl-C leaves at once: the journal is flushed line by line, so it stays consistent.
        if (interrupt.signal.aborted) process.exit(name === 'SIGTERM' ? 143 : ROOT_CREDENTIALS_EXIT.interrupted);
        interrupt.abort(name);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        process.exitCode = await runRootCredentialsCommand(options, io);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/** One line saying what is wrong with the combination of options, or undefined. */
export function usageProblem(options: Pick<RootCredentialsCommandOptions, 'apply' | 'delete' | 'resume' | 'journal' | 'planOut' | 'accounts' | 'ou'>): string | undefined {
  const scoped = (options.accounts?.length ?? 0) > 0 || (options.ou?.length ?? 0) > 0;
  if (options.apply === true) {
    return options.delete
      ? '--apply takes the reviewed plan file, not --delete: first --delete KINDS --accounts IDS|--ou PATHS --plan-out FILE, review FILE, then --apply FILE'
      : '--apply takes the plan file --plan-out wrote: --apply FILE (or --resume JOURNAL --apply FILE)';
  }
  if (options.apply && (options.delete || scoped || options.planOut)) return '--apply FILE takes its kinds and scope from the plan file: drop --delete, --accounts, --ou and --plan-out';
  if (options.planOut && !options.delete) return '--plan-out writes a removal plan: add --delete PASSWORD,KEYS,CERTS,MFA (or the kinds you mean)';
  if (options.planOut && !scoped) return '--plan-out needs an explicit scope: add --accounts IDS or --ou PATHS (--ou Root for every member account)';
  if (options.resume && !options.apply) return '--resume finishes the removals of a plan: add --apply FILE (the plan file the journal was started with)';
  if (options.journal && options.resume) return '--resume appends to the journal it names: drop --journal';
  if (options.journal && !options.apply) return '--journal is written only with --apply FILE';
  return undefined;
}

/** The Region for the STS endpoint: --region, AWS_REGION / AWS_DEFAULT_REGION, else the config's homeRegion. */
export function resolveRegion(options: Pick<RootCredentialsCommandOptions, 'region' | 'config'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region) return region;
  const file = locateConfigFile(options.config).file;
  return existsSync(file) ? loadConfig(file).config.homeRegion : undefined;
}

/** The alarm a removal will raise, from the config when there is one (for the notice before --apply). */
export function alertNames(configFile: string): AlertNames | undefined {
  const file = locateConfigFile(configFile).file;
  if (!existsSync(file)) return undefined;
  const { config } = loadConfig(file);
  return { alarm: resourceNames(config.namePrefix).alarm, homeRegion: config.homeRegion, fastAlerts: config.fastAlerts !== undefined };
}

/** Clients from the standard credential chain, in `region`, every one with the shared time bounds. */
export function createClients(region: string, profile?: string, requestTimeout?: number): RootCredentialsClients {
  const factory = createClientFactory(region, { profile, requestTimeout });
  const sessions = createRootSessionFactory({ region, partition: partitionOf(region), profile, ...(requestTimeout ? { requestTimeoutMs: requestTimeout * 1000 } : {}) });
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
  try {
    const readiness = await checkReadiness(clients, pacer);
    if (readiness.problems.length > 0) {
      for (const p of readiness.problems) io.error(`${p}\n`);
      return ROOT_CREDENTIALS_EXIT.notReady;
    }
    if (readiness.caller) noteRun({ callerAccount: readiness.caller.account, callerArn: readiness.caller.arn, ...(readiness.caller.managementAccountId ? { managementAccountId: readiness.caller.managementAccountId } : {}) });
    if (typeof options.apply === 'string') {
      return await runApply({ planPath: options.apply, resume: options.resume, journal: options.journal, concurrency: options.concurrency, json: options.json === true, alerts: alertNames(options.config) }, { clients, pacer, readiness, io, now });
    }
    return await inventory(options, clients, pacer, readiness.caller?.arn, readiness.caller?.managementAccountId, io, now);
  } finally {
    clients.destroy();
  }
}

/** The inventory, and with --delete the plan (and with --plan-out its file). */
async function inventory(
  options: RootCredentialsCommandOptions, clients: RootCredentialsClients, pacer: ReturnType<typeof createPacer>,
  caller: string | undefined, managementAccountId: string | undefined, io: CommandIo, now: () => Date,
): Promise<number> {
  const scopeSelectors = { accounts: options.accounts, ous: options.ou };
  const progress = createProgress('Reading root credentials');
  const reader = startReading(clients.sessions, { pacer, concurrency: options.concurrency, onProgress: (done, total) => progress.update(done, total, 'accounts') });
  // Every active member account is in scope whatever else the list says: read each as soon as it is
  // listed. A scope that names OUs or accounts is checked against the whole organization first.
  const everyMember = !options.accounts?.length && (options.ou ?? []).every((ou) => ou === 'Root');
  let scope: Awaited<ReturnType<typeof listAccountsInScope>>;
  let accounts;
  try {
    scope = await listAccountsInScope(clients.organizations, pacer, managementAccountId, scopeSelectors, everyMember ? reader.add : undefined);
    if (scope.problems.length > 0) {
      await reader.cancel();
      for (const p of scope.problems) io.error(`${p}\n`);
      return ROOT_CREDENTIALS_EXIT.usage;
    }
    accounts = await reader.finish(scope.accounts);
  } catch (err) {
    await reader.cancel();
    throw err;
  } finally {
    progress.done();
  }
  const report = buildReport(accounts, scope.unread, pacer.counts());
  if (!options.delete) {
    const exitCode = report.summary.exitCode ?? ROOT_CREDENTIALS_EXIT.ok;
    io.write(options.json ? renderEnvelope('root-credentials', jsonResult({ report, exitCode }), exitCode, null, { now: now() }) : renderInventory(report));
    return exitCode;
  }
  const plan = planDeletions(accounts, options.delete);
  if ((plan.unsafe ?? []).length > 0) {
    const exitCode = ROOT_CREDENTIALS_EXIT.refused;
    if (options.json) io.write(renderEnvelope('root-credentials', jsonResult({ report, plan, refused: (plan.unsafe ?? []).map((u) => `${u.accountId} (${u.accountName}): ${u.reason}`), exitCode }), exitCode, null, { now: now() }));
    else io.write(renderInventory(report) + renderPlan(plan));
    io.error(renderUnsafe(plan));
    return exitCode;
  }
  const file = createPlanFile(plan, accounts, scopeSelectors, now(), caller);
  if (options.planOut) writePlanFile(options.planOut, file);
  const exitCode = report.summary.exitCode ?? ROOT_CREDENTIALS_EXIT.ok;
  if (options.json) io.write(renderEnvelope('root-credentials', jsonResult({ report, plan: { ...plan, digest: file.digest, ...(options.planOut ? { file: options.planOut } : {}) }, exitCode }), exitCode, null, { now: now() }));
  else io.write(renderInventory(report) + renderPlan(plan) + renderDryRunTail(file.digest, options.planOut));
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
