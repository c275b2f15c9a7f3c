import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { DescribeOrganizationCommand, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { LANDING_ZONE_DETAIL_3_3, withFakeControlTower } from '../support/fake-control-tower-api';
import { runHuntCommand, type HuntCommandOptions } from '../../src/cli/hunt';
import { parseConfig } from '../../src/config/load';
import { parseReportInput } from '../../src/report/read-report-input';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../src/detection/root-activity-pattern';
import { cloudTrailRecord, rootLogin, tempDir, writeFile } from '../backtest/fixtures';
import { openCloudTrailDb, type CloudTrailDb } from '../hunt/duckdb-cloudtrail';
import { runCli, runWithinPolicy } from '../support/cli';
import { FIXTURE_CONFIG, writeMinimalConfig } from '../support/config';
import { validJsonOutput } from '../support/json-schema';

// Athena's polls on a virtual clock: no test waits out the first poll's 500 ms (test/support/virtual-clock.ts).
jest.mock('../../src/hunt/athena-query', () => require('../support/virtual-clock').athenaQueryOnVirtualClock(jest.requireActual('../../src/hunt/athena-query')));

const REPO_CONFIG = FIXTURE_CONFIG;
const athena = mockClient(AthenaClient);

const BASE: HuntCommandOptions = { timeout: 60, workgroup: 'primary', database: 'default', table: 'root_guard_cloudtrail', examples: 5, config: REPO_CONFIG };
const RECORDS = [
  rootLogin('111111111111', '2024-03-01T10:00:00Z'),
  cloudTrailRecord({ eventTime: '2024-03-01T11:00:00Z', eventID: 'e-2' }),
  rootLogin('222222222222', '2024-03-02T09:00:00Z'),
  rootLogin('222222222222', '2024-02-20T09:00:00Z'),
];

/**
 * Athena, mocked: StartQueryExecution keeps the SQL, GetQueryExecution says SUCCEEDED with some
 * bytes scanned, and GetQueryResults answers with what DuckDB returns for that very SQL over the
 * records, as Athena's VarChar rows (header row first), two rows per page.
 */
function athenaOverDuckDb(db: CloudTrailDb, bytesScanned = 3_000_000) {
  const queries = new Map<string, string>();
  const pages = new Map<string, { Data: { VarCharValue?: string }[] }[][]>();
  athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string }) => {
    const id = `q-${queries.size + 1}`;
    queries.set(id, input.QueryString);
    return { QueryExecutionId: id };
  });
  athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => ({
    QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: bytesScanned } },
  }));
  athena.on(GetQueryResultsCommand).callsFake(async (input: { QueryExecutionId: string; NextToken?: string }) => {
    if (!pages.has(input.QueryExecutionId)) {
      const rows = await db.query(queries.get(input.QueryExecutionId)!);
      const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
      const all = [columns, ...rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? undefined : String(r[c]))))]
        .map((cells) => ({ Data: cells.map((c) => (c === undefined ? {} : { VarCharValue: c })) }));
      const chunks = [];
      for (let i = 0; i < all.length; i += 2) chunks.push(all.slice(i, i + 2));
      pages.set(input.QueryExecutionId, chunks);
    }
    const chunks = pages.get(input.QueryExecutionId)!;
    const index = input.NextToken ? Number(input.NextToken) : 0;
    return { ResultSet: { Rows: chunks[index] ?? [] }, ...(index + 1 < chunks.length ? { NextToken: String(index + 1) } : {}) };
  });
  athena.on(GetWorkGroupCommand).resolves({ WorkGroup: { Name: 'primary', Configuration: { BytesScannedCutoffPerQuery: 10_000_000_000 } } });
  return queries;
}

function capture() {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: (t: string) => { stdout += t; }, stderr: (t: string) => { stderr += t; }, version: '0.0.0-test', now: new Date('2024-03-03T00:00:00Z') },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('root-guard hunt', () => {
  let db: CloudTrailDb;
  beforeAll(async () => {
    db = await openCloudTrailDb(RECORDS.map((r) => JSON.stringify(r)));
    await db.connection.run('CREATE SCHEMA "default"');
    await db.connection.run('CREATE VIEW "default".root_guard_cloudtrail AS SELECT * FROM cloudtrail');
  });
  afterAll(() => db.close());
  beforeEach(() => athena.reset());

  it('--print-sql prints the partition-bounded SQL for the window and calls nothing', async () => {
    const { code, stdout, stderr } = await runCli(['hunt', '--print-sql', '--pattern', ROOT_ACTIVITY_FILTER_PATTERN, '--start', '2024-03-01', '--end', '2024-03-02', '--accounts', '111111111111']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`"timestamp" BETWEEN '2024/03/01' AND '2024/03/02'`);
    expect(stdout).toContain(`account IN ('111111111111')`);
    expect(stdout).toContain("eventtime >= '2024-03-01T00:00:00Z'");
    expect(stdout).toContain('FROM "default"."root_guard_cloudtrail"');
    expect(athena.calls()).toHaveLength(0);
  });

  it('--print-sql and --print-ddl with --json write the envelope, the statements as the result (issue 28: one envelope for every command)', async () => {
    const sql = await runCli(['hunt', '--print-sql', '--json', '--pattern', ROOT_ACTIVITY_FILTER_PATTERN, '--start', '2024-03-01', '--end', '2024-03-02', '--accounts', '111111111111']);
    expect(sql.code).toBe(0);
    const sqlEnvelope = validJsonOutput('hunt', sql.stdout);
    expect(sqlEnvelope.result).toMatchObject({ mode: 'print-sql', table: '"default"."root_guard_cloudtrail"', refused: [] });
    expect((sqlEnvelope.result as { statements: string[] }).statements[0]).toContain(`account IN ('111111111111')`);
    const ddl = await runCli(['hunt', '--print-ddl', '--json', '--pattern', '{ $.a = 1 }', '--bucket', 'example-bucket', '--organization-id', 'o-exampleorgid', '--accounts', '111111111111', '--regions', 'us-east-1']);
    expect(ddl.stderr).toBe('');
    expect(ddl.code).toBe(0);
    const ddlEnvelope = validJsonOutput('hunt', ddl.stdout);
    expect(ddlEnvelope.result).toMatchObject({ mode: 'print-ddl', refused: [] });
    expect((ddlEnvelope.result as { statements: string[] }).statements[0]).toMatch(/^CREATE EXTERNAL TABLE/);
    expect(athena.calls()).toHaveLength(0);
  });

  it('rejects --since with --start as a usage error: one line, exit 2', async () => {
    const { code, stdout, stderr } = await runCli(['hunt', '--print-sql', '--pattern', '{ $.eventName = "x" }', '--since', '1d', '--start', '2024-03-01']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: give --since or --start/--end, not both\n');
  });

  it('refuses a pattern SQL cannot express exactly, with the reason, exit 1', async () => {
    const { code, stdout, stderr } = await runCli(['hunt', '--print-sql', '--pattern', '{ $.errorCode IS NULL }']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--pattern: .*hunt cannot run this in Athena exactly/);
  });

  it('--print-ddl lists every missing input at once: bucket, organization id, accounts, Regions (exit 1)', async () => {
    const { code, stdout, stderr } = await runCli(['hunt', '--print-ddl', '--pattern', '{ $.a = 1 }', '--config', writeMinimalConfig()]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/^hunt: or pass --discover/);
    expect(lines[0]).toMatch(/^hunt: the table needs the log archive bucket/);
    expect(lines[1]).toMatch(/^hunt: the table needs the organization id/);
    expect(lines[2]).toMatch(/^hunt: the table needs the organization's account ids/);
    expect(lines[3]).toMatch(/^hunt: the table needs the Regions the trail logs/);
  });

  it('--print-ddl --discover reads the bucket, organization id, accounts and Regions from the organization and the landing zone', async () => {
    const organizations = mockClient(OrganizationsClient);
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-exampleorgid', MasterAccountId: '111111111111' } });
    organizations.on(ListAccountsCommand).resolvesOnce({ Accounts: [{ Id: '333333333333', Status: 'ACTIVE' }, { Id: '111111111111', Status: 'ACTIVE' }], NextToken: 'p2' })
      .resolvesOnce({ Accounts: [{ Id: '222222222222', Status: 'ACTIVE' }, { Id: '444444444444', Status: 'SUSPENDED' }] });
    try {
      const result = await withFakeControlTower({ kind: 'landing-zone', detail: LANDING_ZONE_DETAIL_3_3 }, () => runCli(['hunt', '--print-ddl', '--discover', '--pattern', '{ $.a = 1 }', '--config', writeMinimalConfig()]));
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("LOCATION 's3://aws-controltower-logs-222222222222-us-east-1/o-exampleorgid/AWSLogs/o-exampleorgid/'");
      expect(result.stdout).toContain("'projection.account.values'='111111111111,222222222222,333333333333'");
      expect(result.stdout).toContain("'projection.region.values'='us-east-1,us-west-2'");
    } finally {
      organizations.restore();
    }
  });

  it('--discover says what it could not find, and the table still names every missing input', async () => {
    const organizations = mockClient(OrganizationsClient);
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-exampleorgid' } });
    organizations.on(ListAccountsCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    try {
      const result = await withFakeControlTower({ kind: 'access-denied' }, () => runCli(['hunt', '--print-ddl', '--discover', '--pattern', '{ $.a = 1 }', '--config', writeMinimalConfig()]));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('hunt: --discover: not found: accounts: organizations:ListAccounts: access denied');
      expect(result.stderr).toContain('hunt: --discover: not found: log archive bucket: controltower:GetLandingZone: access denied');
      expect(result.stderr).toMatch(/^hunt: the table needs the log archive bucket/m);
      expect(result.stderr).not.toMatch(/^hunt: the table needs the organization id/m);
    } finally {
      organizations.restore();
    }
  });

  it('a bad --since or --start is a usage error (exit 2)', async () => {
    for (const args of [['--since', '3w'], ['--start', '2026-13-01']]) {
      const result = await runCli(['hunt', '--pattern', '{ $.a = 1 }', '--print-sql', ...args]);
      expect([args.join(' '), result.code]).toEqual([args.join(' '), 2]);
      expect(result.stderr).toMatch(/^error: hunt: --(since|start) .* \(see root-guard hunt --help\)/);
    }
  });

  it('--print-ddl names the bucket, prefix and organization from logArchive, flags overriding', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = writeFile(join(dir, 'c.yaml'), `${readFileSync(REPO_CONFIG, 'utf8')}\nlogArchive:\n  bucket: aws-controltower-logs-222222222222-us-east-1\n  organizationId: o-exampleorgid\n`);
      const { code, stdout } = await runCli(['hunt', '--print-ddl', '--config', config, '--accounts', '111111111111,222222222222', '--regions', 'us-east-1']);
      expect(code).toBe(0);
      expect(stdout).toContain("LOCATION 's3://aws-controltower-logs-222222222222-us-east-1/o-exampleorgid/AWSLogs/o-exampleorgid/'");
      expect(stdout).toContain("'projection.account.values'='111111111111,222222222222'");
      const flagged = await runCli(['hunt', '--print-ddl', '--config', config, '--bucket', 'example-bucket', '--prefix', '', '--accounts', '111111111111', '--regions', 'us-east-1']);
      expect(flagged.stdout).toContain("LOCATION 's3://example-bucket/AWSLogs/o-exampleorgid/'");
    } finally {
      cleanup();
    }
  });

  it('names file, line and key for a bad logArchive', () => {
    const text = `${readFileSync(REPO_CONFIG, 'utf8')}\nlogArchive:\n  bucket: s3://Example\n`;
    expect(() => parseConfig(text, 'c.yaml')).toThrow(/c\.yaml:\d+:\d+: logArchive\.bucket: "s3:\/\/Example" is not an S3 bucket name/);
  });

  it('runs the deployed filters on Athena, states the partitions first, and prints the backtest report with bytes and cost', async () => {
    const queries = athenaOverDuckDb(db);
    const { io, out, err } = capture();
    const code = await runWithinPolicy(['hunt'], () => runHuntCommand({ ...BASE, start: '2024-03-01', end: '2024-03-03' }, { ...io, athena: () => new AthenaClient({ region: 'us-east-1' }) }));
    expect(code).toBe(0);
    expect(err()).toContain('hunt: reading partitions 2024/03/01 to 2024/03/03 (3 days');
    expect(err()).toContain('hunt: workgroup primary cancels a query beyond 10.00 GB scanned');
    expect(out()).toMatch(/^Read 3 events from "default"\."root_guard_cloudtrail" \(2024-03-01T00:00:00\.000Z to 2024-03-03T00:00:00\.000Z\)/);
    expect(out()).toContain('   matched  2 of 3 events, on 2 days, in 2 accounts');
    expect(out()).toContain('hunt: scanned 6.0 MB in 2 queries, about $0.0001 at $5 per TB with a 10 MB minimum per query');
    expect(queries.size).toBe(2);
    const start = athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input;
    expect(start).toMatchObject({ WorkGroup: 'primary', QueryExecutionContext: { Database: 'default' } });
  });

  it('--json has meta and the backtest shape, which root-guard report reads as activity', async () => {
    athenaOverDuckDb(db);
    const { io, out, err } = capture();
    const code = await runWithinPolicy(['hunt'], () => runHuntCommand({ ...BASE, json: true, pattern: ROOT_ACTIVITY_FILTER_PATTERN, since: '3d' }, { ...io, athena: () => new AthenaClient({ region: 'us-east-1' }) }));
    expect(code).toBe(0);
    const envelope = validJsonOutput('hunt', out());
    expect(envelope.meta).toMatchObject({ tool: 'root-guard', command: 'hunt', version: '0.0.0-test', configFile: basename(REPO_CONFIG) });
    expect(envelope).toMatchObject({ exitCode: 0, error: null });
    const json = envelope.result;
    expect(json).toMatchObject({ events: 3, matched: 2, hunt: { bytesScanned: 6_000_000, table: '"default"."root_guard_cloudtrail"' } });
    expect(json.filters[0].firstMatches.map((m: { event: { eventTime: string } }) => m.event.eventTime)).toEqual(['2024-03-01T10:00:00Z', '2024-03-02T09:00:00Z']);
    expect(err()).toContain('hunt: scanned 6.0 MB');
    const input = parseReportInput('hunt.json', envelope, 'activity');
    expect(input.kind).toBe('activity');
  });

  it('stops at --max-scanned-gb and says so, exit via the error', async () => {
    athenaOverDuckDb(db, 5_000_000_000);
    const { io } = capture();
    await expect(runHuntCommand({ ...BASE, pattern: ROOT_ACTIVITY_FILTER_PATTERN, since: '1d', maxScannedGb: 1 }, { ...io, athena: () => new AthenaClient({ region: 'us-east-1' }) }))
      .rejects.toThrow('stopped: scanned 5.00 GB, more than the limit of 1.00 GB');
  });
});
