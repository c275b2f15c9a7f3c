import { existsSync } from 'node:fs';
import { AthenaClient } from '@aws-sdk/client-athena';
import { CommanderError } from 'commander';
import { DEFAULT_ALARM, type AlarmSettings } from '../backtest/aggregate-matches';
import { renderJsonReport, renderTextReport } from '../backtest/render-report';
import type { BacktestFilter } from '../backtest/run-backtest';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load';
import type { RootGuardConfig } from '../config/schema';
import { deployedMetricFilters } from '../detection/metric-filters';
import { organizationTrailLogGroupName } from '../plan/organization-trail';
import { UserError } from '../errors';
import { formatBytes, workgroupCutoff, type AthenaTarget } from '../hunt/athena-query';
import { athenaCostUsd } from '../hunt/athena-cost';
import { partitionDays, type HuntScope } from '../hunt/build-query';
import { cloudTrailTableDdl } from '../hunt/cloudtrail-ddl';
import { resolveWindow } from '../hunt/hunt-window';
import { athenaRunner, planHunt, runHunt, type QueryRunner } from '../hunt/run-hunt';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { API_RATES, createPacer } from '../ops/aws/api-pacer';
import { createControlTowerApi } from '../ops/control-tower/control-tower-api';
import { discoverHuntInputs } from '../ops/hunt/hunt-inputs';
import { runAthenaQuery } from '../hunt/athena-query';
import { type AwsOptions, createClientFactory } from './context';
import { UsageError } from './options';
import { noteConfigFile, renderEnvelope } from './json-output';
import type { HuntOutput, HuntStatementOutput } from './json-outputs';
import { PACKAGE_VERSION } from './version';

/** Options of `root-guard hunt`, as commander parses them. */
export interface HuntCommandOptions extends AwsOptions {
  readonly config?: string;
  readonly pattern?: string;
  readonly since?: string;
  readonly start?: string;
  readonly end?: string;
  readonly accounts?: string[];
  readonly regions?: string[];
  readonly maxScannedGb?: number;
  /** Seconds for each query (queue, run, results). */
  readonly timeout: number;
  readonly workgroup: string;
  readonly outputLocation?: string;
  readonly database: string;
  readonly table: string;
  readonly bucket?: string;
  readonly prefix?: string;
  readonly organizationId?: string;
  readonly printSql?: boolean;
  readonly printDdl?: boolean;
  readonly createTable?: boolean;
  /** Read what the table needs and is not given from the organization and the landing zone. */
  readonly discover?: boolean;
  readonly json?: boolean;
  readonly examples: number;
}

/** Where the command writes and what it runs; tests pass their own. */
export interface HuntIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Athena for these settings. @default an AthenaClient from the standard credential chain */
  readonly athena?: (region: string | undefined, profile: string | undefined, timeoutMs: number) => AthenaClient;
  /** @default new Date() */
  readonly now?: Date;
  /** root-guard's version, for `meta`. */
  readonly version: string;
}

/** The projection's first day: earlier than any organization trail (CloudTrail organization trails date from 2018). */
const FIRST_PROJECTED_DAY = '2018/01/01';

/** What `root-guard hunt` does once its options are parsed (the action of definitions/hunt.ts). */
export async function huntAction(options: HuntCommandOptions): Promise<void> {
  if (options.since !== undefined && (options.start !== undefined || options.end !== undefined)) {
    process.stderr.write('error: give --since or --start/--end, not both\n');
    throw new CommanderError(2, 'root-guard.hunt.usage', 'give --since or --start/--end, not both');
  }
  process.exitCode = await runHuntCommand(options, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    version: PACKAGE_VERSION,
  });
}

/** Runs `root-guard hunt`; returns the exit code. */
export async function runHuntCommand(options: HuntCommandOptions, io: HuntIo): Promise<number> {
  const loaded = loadOptionalConfig(options);
  const config = loaded?.config;
  for (const [flag, name] of [['--database', options.database], ['--table', options.table]]) {
    // Glue names: lower-case letters, digits and underscores (https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html).
    if (!/^[a-z0-9_]{1,255}$/.test(name)) throw new UserError(`hunt: ${flag} ${JSON.stringify(name)} is not a Glue name (lower-case letters, digits and underscores)`);
  }
  // Quoted: \`default\` is a reserved word in DDL, and quoting keeps every name literal in DML.
  const table = `"${options.database}"."${options.table}"`;
  const ddlTable = `\`${options.database}\`.\`${options.table}\``;

  // With --json, the statement modes write an envelope too (issue 28: one envelope for every command).
  const statementEnvelope = (output: HuntStatementOutput, exitCode: number): void => {
    if (loaded) noteConfigFile(loaded.file, loaded.config.managementAccountId, loaded.config.fastAlerts?.organizationId ?? loaded.config.logArchive?.organizationId);
    io.stdout(renderEnvelope<HuntStatementOutput>('hunt', output, exitCode, null, { version: io.version }));
  };
  if (options.printDdl || options.createTable) {
    const ddl = tableDdl(options.discover ? await withDiscovered(options, config, io) : options, config, ddlTable);
    if (options.printDdl) {
      if (options.json) statementEnvelope({ mode: 'print-ddl', table, statements: [ddl], refused: [] }, 0);
      else io.stdout(`${ddl};\n`);
      return 0;
    }
    const { client, target, limits } = athenaSetup(options, config, io);
    io.stderr(`hunt: creating ${table} in workgroup ${target.workgroup}\n`);
    await runAthenaQuery(client, ddl, target, limits);
    io.stderr(`hunt: created ${table}\n`);
    if (options.json) statementEnvelope({ mode: 'create-table', table, statements: [ddl], refused: [], workgroup: target.workgroup }, 0);
    return 0;
  }

  const { filters, alarm } = resolveFilters(options, config, loaded?.file);
  const window = usageErrorFrom(() => resolveWindow(options, io.now ?? new Date()));
  const scope: HuntScope = { ...window, accounts: options.accounts ?? [], regions: options.regions ?? [] };
  const plan = planHunt(table, filters, scope, alarm, options.examples);
  const refused = plan.filters.flatMap((f) => f.error ?? []);
  // StartQueryExecution's QueryString is at most 262,144 bytes
  // (https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html).
  const longest = Math.max(...[plan.counts, plan.examples].map((sql) => Buffer.byteLength(sql ?? '')));
  if (longest > 262_144 && !options.printSql) {
    throw new UserError(`hunt: the query is ${longest.toLocaleString('en-US')} bytes, more than Athena's 262,144 (list fewer --accounts: the table's projection already reads only the accounts it lists)`);
  }

  if (options.printSql && options.json) {
    statementEnvelope({ mode: 'print-sql', table, statements: [plan.counts, plan.examples].filter((sql): sql is string => sql !== undefined), refused }, refused.length > 0 ? 1 : 0);
    return refused.length > 0 ? 1 : 0;
  }
  if (options.printSql) {
    io.stdout(`-- counts by day, account, event and alarm period\n${plan.counts};\n`);
    if (plan.examples) io.stdout(`\n-- the first ${options.examples} matches of each filter, in time order\n${plan.examples};\n`);
    if (refused.length > 0) io.stderr(`hunt: not compiled (SQL cannot express it exactly):\n${refused.map((l) => `  ${l}`).join('\n')}\n`);
    return refused.length > 0 ? 1 : 0;
  }

  io.stderr(`${describePartitions(scope)}\n`);
  const { client, target, limits } = athenaSetup(options, config, io);
  const cutoff = await workgroupCutoff(client, target).catch(() => undefined);
  if (cutoff !== undefined) io.stderr(`hunt: workgroup ${target.workgroup} cancels a query beyond ${formatBytes(cutoff)} scanned\n`);
  const run: QueryRunner = athenaRunner(client, target, { ...limits, workgroupCutoffBytes: cutoff });
  const result = await runHunt(plan, run, alarm);
  const cost = athenaCostUsd(result.bytesPerQuery);
  const scanned = `hunt: scanned ${formatBytes(result.bytesScanned)} in ${result.bytesPerQuery.length} ${result.bytesPerQuery.length === 1 ? 'query' : 'queries'}, about $${cost.toFixed(4)} at $5 per TB with a 10 MB minimum per query (https://aws.amazon.com/athena/pricing/; Region prices differ)`;
  if (options.json) {
    if (loaded) noteConfigFile(loaded.file, loaded.config.managementAccountId, loaded.config.fastAlerts?.organizationId ?? loaded.config.logArchive?.organizationId);
    io.stdout(renderEnvelope<HuntOutput>('hunt', {
      ...renderJsonReport(result),
      hunt: {
        table,
        workgroup: target.workgroup,
        start: scope.start.toISOString(),
        end: scope.end.toISOString(),
        accounts: scope.accounts,
        regions: scope.regions,
        bytesScanned: result.bytesScanned,
        estimatedCostUsd: Number(cost.toFixed(6)),
        queryExecutionIds: result.queryExecutionIds,
      },
    }, refused.length > 0 ? 1 : 0, null, { version: io.version }));
    io.stderr(`${scanned}\n`);
  } else {
    const text = renderTextReport(result).split('\n');
    text[0] = `Read ${result.events.toLocaleString('en-US')} events from ${table} (${scope.start.toISOString()} to ${scope.end.toISOString()}) in ${result.seconds.toFixed(1)} s.`;
    io.stdout(`${text.join('\n')}${scanned}\n`);
  }
  return refused.length > 0 ? 1 : 0;
}

/** The partitions a scope reads, said before running (days × accounts × Regions). */
export function describePartitions(scope: HuntScope): string {
  const days = partitionDays(scope);
  const accounts = scope.accounts.length > 0 ? `${scope.accounts.length} ${scope.accounts.length === 1 ? 'account' : 'accounts'} (${scope.accounts.join(', ')})` : 'every projected account';
  const regions = scope.regions.length > 0 ? `${scope.regions.length} ${scope.regions.length === 1 ? 'Region' : 'Regions'} (${scope.regions.join(', ')})` : 'every projected Region';
  return `hunt: reading partitions ${days[0]} to ${days[days.length - 1]} (${days.length} days: the window and the day after it, for late delivery) × ${accounts} × ${regions}`;
}

function loadOptionalConfig(options: HuntCommandOptions): { file: string; config: RootGuardConfig } | undefined {
  if (options.config !== undefined) return loadConfig(options.config);
  return existsSync(DEFAULT_CONFIG_FILE) ? loadConfig(DEFAULT_CONFIG_FILE) : undefined;
}

function resolveFilters(options: HuntCommandOptions, config: RootGuardConfig | undefined, file: string | undefined): { filters: BacktestFilter[]; alarm: AlarmSettings } {
  if (options.pattern !== undefined) return { filters: [{ id: 'pattern', pattern: options.pattern, label: '--pattern' }], alarm: config?.alarm ?? DEFAULT_ALARM };
  if (!config) {
    throw new UserError(`hunt: no filter to run (pass --pattern '{ $.eventName = "ConsoleLogin" }', or --config FILE; ${DEFAULT_CONFIG_FILE} is not in the current directory)`);
  }
  const filters = deployedMetricFilters({ namePrefix: config.namePrefix, cisMonitoring: config.cisMonitoring, logGroupName: organizationTrailLogGroupName(config) }).map((f) => ({
    id: f.id, filterName: f.filterName, pattern: f.pattern, label: `${file}: metric filter ${f.id}`,
  }));
  return { filters, alarm: config.alarm };
}

/** The options with what discovery found for each table input not given (what it could not find is said on stderr). */
async function withDiscovered(options: HuntCommandOptions, config: RootGuardConfig | undefined, io: HuntIo): Promise<HuntCommandOptions> {
  const region = options.region ?? config?.homeRegion;
  if (!region) throw new UsageError('hunt: --discover needs the home region (--region, or a config with homeRegion)');
  const clients = createClientFactory(region, options);
  const pacer = createPacer(API_RATES);
  const controlTower = createControlTowerApi({ settings: clients.settings, pacer });
  try {
    const found = await discoverHuntInputs({ organizations: clients.create(OrganizationsClient), controlTower }, pacer, region);
    for (const line of found.notFound) io.stderr(`hunt: --discover: not found: ${line}\n`);
    return {
      ...options,
      bucket: options.bucket ?? config?.logArchive?.bucket ?? found.bucket,
      organizationId: options.organizationId ?? config?.logArchive?.organizationId ?? found.organizationId,
      accounts: options.accounts ?? (found.accounts ? [...found.accounts] : undefined),
      regions: options.regions ?? (found.regions ? [...found.regions] : undefined),
    };
  } finally {
    controlTower.destroy();
    clients.destroy();
  }
}

/** A bad time flag is wrong usage (exit 2), as every command reports one (issue 28 §7). */
function usageErrorFrom<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof UserError && !(err instanceof UsageError)) throw new UsageError(err.problems.join('; '));
    throw err;
  }
}

function tableDdl(options: HuntCommandOptions, config: RootGuardConfig | undefined, table: string): string {
  const bucket = options.bucket ?? config?.logArchive?.bucket;
  const organizationId = options.organizationId ?? config?.logArchive?.organizationId;
  // Every missing input at once, so one run says all that is needed.
  const missing = [
    ...(bucket ? [] : ['the log archive bucket (--bucket aws-controltower-logs-222222222222-us-east-1, or logArchive.bucket in the config)']),
    ...(organizationId ? [] : ['the organization id (--organization-id o-exampleorgid, or logArchive.organizationId in the config)']),
    ...((options.accounts ?? []).length > 0 ? [] : ['the organization\'s account ids (--accounts 111111111111,222222222222; list them with aws organizations list-accounts)']),
    ...((options.regions ?? []).length > 0 ? [] : ['the Regions the trail logs (--regions us-east-1,eu-west-1)']),
  ];
  if (missing.length > 0 || !bucket || !organizationId) {
    throw new UserError([...missing.map((m) => `hunt: the table needs ${m}`), ...(options.discover ? [] : ['hunt: or pass --discover to read them from the organization and the landing zone (management-account credentials)'])]);
  }
  const prefix = options.prefix ?? config?.logArchive?.prefix ?? organizationId;
  return cloudTrailTableDdl({ table, bucket, prefix, organizationId, accounts: options.accounts ?? [], regions: options.regions ?? [], firstDay: FIRST_PROJECTED_DAY });
}

function athenaSetup(options: HuntCommandOptions, config: RootGuardConfig | undefined, io: HuntIo) {
  const region = options.region ?? config?.homeRegion;
  const timeoutMs = options.timeout * 1000;
  const client = io.athena
    ? io.athena(region, options.profile, timeoutMs)
    : createClientFactory(region, options).create(AthenaClient);
  const target: AthenaTarget = { workgroup: options.workgroup, database: options.database, ...(options.outputLocation ? { outputLocation: options.outputLocation } : {}) };
  const limits = { timeoutMs, ...(options.maxScannedGb !== undefined ? { maxScannedBytes: Math.round(options.maxScannedGb * 1e9) } : {}) };
  return { client, target, limits };
}

