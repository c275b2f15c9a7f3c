import { existsSync } from 'node:fs';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Command } from 'commander';
import { partitionOf } from '../aws/regions';
import { loadConfig, locateConfigFile } from '../config/load';
import { resourceNames } from '../plan/names';
import { API_RATES, createPacer } from '../ops/aws/api-pacer';
import { type DeleteKind, planDeletions } from '../ops/root-credentials/deletion-plan';
import { buildReport, startReading } from '../ops/root-credentials/inventory';
import { createPlanFile, writePlanFile } from '../ops/root-credentials/plan-file';
import { type CallerClients, checkReadiness, listAccountsInScope } from '../ops/root-credentials/readiness';
import { createRootSessionFactory, type RootSessionFactory } from '../ops/root-credentials/root-session';
import { ROOT_CREDENTIALS_EXIT } from '../ops/root-credentials/summary';
import { ROOT_CREDENTIALS_RATES } from '../ops/root-credentials/task-policies';
import { createClientFactory } from './context';
import { noteRun, renderEnvelope } from './json-output';
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

/** What `root-guard root-credentials` does once its options are parsed (the action of definitions/root-credentials.ts). */
export async function rootCredentialsAction(options: RootCredentialsCommandOptions, command: Command): Promise<void> {
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

