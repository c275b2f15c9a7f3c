import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { runAthenaQuery, workgroupCutoff, type QueryLimits } from '../../src/hunt/athena-query';

const athena = mockClient(AthenaClient);
const target = { workgroup: 'root-guard', database: 'cloudtrail_db', outputLocation: 's3://example-bucket/athena/' };

/** A fake clock: sleeping advances it, so polling and time limits run instantly. */
function fakeClock(timeoutMs: number, extra: Partial<QueryLimits> = {}) {
  let t = 0;
  const sleeps: number[] = [];
  const limits: QueryLimits = {
    timeoutMs,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    ...extra,
  };
  return { limits, sleeps };
}

const execution = (State: string, DataScannedInBytes = 0, StateChangeReason?: string) => ({
  QueryExecution: { QueryExecutionId: 'q-1', Status: { State, ...(StateChangeReason ? { StateChangeReason } : {}) }, Statistics: { DataScannedInBytes } },
}) as never;

const row = (...cells: (string | undefined)[]) => ({ Data: cells.map((c) => (c === undefined ? {} : { VarCharValue: c })) });

beforeEach(() => {
  athena.reset();
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
  athena.on(StopQueryExecutionCommand).resolves({});
});

describe('runAthenaQuery', () => {
  it('starts the query in the workgroup and database, polls with growing waits, and reads every results page', async () => {
    athena.on(GetQueryExecutionCommand)
      .resolvesOnce(execution('QUEUED'))
      .resolvesOnce(execution('RUNNING', 1_000))
      .resolvesOnce(execution('RUNNING', 5_000))
      .resolves(execution('SUCCEEDED', 12_345));
    athena.on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: undefined })
      .resolves({ ResultSet: { Rows: [row('day', 'account', 'c0'), row('2024-03-01', '111111111111', '2')] }, NextToken: 'page-2' });
    athena.on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: 'page-2' })
      .resolves({ ResultSet: { Rows: [row('2024-03-02', undefined, '1')] } });
    const { limits, sleeps } = fakeClock(60_000);

    const outcome = await runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, limits);

    expect(outcome).toEqual({
      queryExecutionId: 'q-1',
      bytesScanned: 12_345,
      rows: [
        { day: '2024-03-01', account: '111111111111', c0: '2' },
        { day: '2024-03-02', account: undefined, c0: '1' },
      ],
    });
    const start = athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input;
    expect(start).toEqual({
      QueryString: 'SELECT 1',
      WorkGroup: 'root-guard',
      QueryExecutionContext: { Database: 'cloudtrail_db' },
      ResultConfiguration: { OutputLocation: 's3://example-bucket/athena/' },
    });
    expect(sleeps).toEqual([500, 750, 1125, 1688]);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(2);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
  });

  it('leaves the output location to the workgroup when none is given', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { Rows: [row('x')] } });
    await runAthenaQuery(new AthenaClient({}), 'SELECT 1', { workgroup: 'primary', database: 'd' }, fakeClock(10_000).limits);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input.ResultConfiguration).toBeUndefined();
  });

  it('caps the wait between polls at 5 s, stops the query at the time limit and says what it waited for', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
    const { limits, sleeps } = fakeClock(60_000);
    await expect(runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, limits))
      .rejects.toThrow('Athena query q-1 (workgroup root-guard) stopped: waited 60 s for the query to finish; its last state was RUNNING (raise --timeout');
    expect(Math.max(...sleeps)).toBe(5_000);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(athena.commandCalls(StopQueryExecutionCommand)[0].args[0].input).toEqual({ QueryExecutionId: 'q-1' });
  });

  it('gives Athena\'s reason for a FAILED query', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('FAILED', 0, "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.cloudtrail_db.cloudtrail' does not exist"));
    await expect(runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, fakeClock(10_000).limits))
      .rejects.toThrow("Athena query q-1 (workgroup root-guard) FAILED: TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.cloudtrail_db.cloudtrail' does not exist");
  });

  it('falls back to AthenaError when a failed query has no StateChangeReason', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED', AthenaError: { ErrorMessage: 'Insufficient permissions to execute the query.' } } } });
    await expect(runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, fakeClock(10_000).limits))
      .rejects.toThrow('FAILED: Insufficient permissions to execute the query.');
  });

  it('names the workgroup\'s per-query limit when Athena cancelled the query at it', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('CANCELLED', 10_000_000_000, 'Query cancelled! Bytes scanned limit was exceeded'));
    const { limits } = fakeClock(10_000, { workgroupCutoffBytes: 10_000_000_000 });
    await expect(runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, limits))
      .rejects.toThrow("CANCELLED: Query cancelled! Bytes scanned limit was exceeded (the workgroup's per-query limit is 10.00 GB");
  });

  it('says CANCELLED without blaming the limit when the query scanned less', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('CANCELLED', 1_000, 'Query was cancelled by the user'));
    const { limits } = fakeClock(10_000, { workgroupCutoffBytes: 10_000_000_000 });
    const error = await runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, limits).catch((e: Error) => e);
    expect(String(error)).toContain('CANCELLED: Query was cancelled by the user');
    expect(String(error)).not.toContain('per-query limit');
  });

  it('stops the query as soon as it has scanned more than --max-scanned-gb allows', async () => {
    athena.on(GetQueryExecutionCommand).resolvesOnce(execution('RUNNING', 100)).resolves(execution('RUNNING', 2_500_000_000));
    const { limits } = fakeClock(60_000, { maxScannedBytes: 2_000_000_000 });
    await expect(runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, limits))
      .rejects.toThrow('stopped: scanned 2.50 GB, more than the limit of 2.00 GB (raise --max-scanned-gb');
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(2);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
  });

  it('names the API call and workgroup when access is denied', async () => {
    athena.on(StartQueryExecutionCommand).rejects(Object.assign(new Error('User: arn:aws:sts::111111111111:assumed-role/r/s is not authorized to perform: athena:StartQueryExecution'), { name: 'AccessDeniedException' }));
    await expect(runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, fakeClock(10_000).limits))
      .rejects.toThrow('Athena StartQueryExecution (workgroup root-guard) failed: AccessDeniedException: User: arn:aws:sts::111111111111:assumed-role/r/s is not authorized to perform: athena:StartQueryExecution');
  });

  it('names GetQueryResults when reading results is denied (results bucket permissions)', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).rejects(Object.assign(new Error('Access denied when writing to location: s3://example-bucket/athena/'), { name: 'InvalidRequestException' }));
    await expect(runAthenaQuery(new AthenaClient({}), 'SELECT 1', target, fakeClock(10_000).limits))
      .rejects.toThrow('Athena GetQueryResults (workgroup root-guard) failed: InvalidRequestException: Access denied');
  });
});

describe('workgroupCutoff', () => {
  it('reads the workgroup\'s per-query bytes-scanned cutoff', async () => {
    athena.on(GetWorkGroupCommand, { WorkGroup: 'root-guard' }).resolves({ WorkGroup: { Name: 'root-guard', Configuration: { BytesScannedCutoffPerQuery: 10_000_000_000 } } });
    await expect(workgroupCutoff(new AthenaClient({}), target)).resolves.toBe(10_000_000_000);
  });

  it('is undefined for a workgroup without one', async () => {
    athena.on(GetWorkGroupCommand).resolves({ WorkGroup: { Name: 'primary', Configuration: {} } });
    await expect(workgroupCutoff(new AthenaClient({}), target)).resolves.toBeUndefined();
  });
});
