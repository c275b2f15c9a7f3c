import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { UserError } from '../errors';

/** Where and how a query runs. */
export interface AthenaTarget {
  readonly workgroup: string;
  readonly database: string;
  /** s3:// location for results; omitted when the workgroup sets one. */
  readonly outputLocation?: string;
}

export interface QueryLimits {
  /** The whole query (queue + run + results), in milliseconds; the query is stopped beyond it. */
  readonly timeoutMs: number;
  /** Bytes a query may scan; it is stopped as soon as Athena reports more. Undefined: no limit of ours. */
  readonly maxScannedBytes?: number;
  /** Waits between polls, for tests. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock, for tests. @default Date.now */
  readonly now?: () => number;
  /** The workgroup's per-query cutoff ({@link workgroupCutoff}), to explain a query Athena cancelled at it. */
  readonly workgroupCutoffBytes?: number;
}

export interface QueryOutcome {
  readonly queryExecutionId: string;
  /** Rows as column name → text (NULL is undefined). */
  readonly rows: Record<string, string | undefined>[];
  readonly bytesScanned: number;
}

/** First poll after 500 ms, then ×1.5 up to 5 s (GetQueryExecution is cheap, but not free of throttling). */
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5_000;

/**
 * Runs one query: StartQueryExecution, GetQueryExecution until SUCCEEDED / FAILED / CANCELLED
 * (https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatus.html), then
 * GetQueryResults page by page (the first row of a SELECT's first page is the header,
 * https://docs.aws.amazon.com/athena/latest/ug/querying.html). Stops the query
 * (StopQueryExecution) when the time limit passes or more bytes than allowed are scanned, and
 * says so; a failed query's reason is in the error.
 */
export async function runAthenaQuery(client: AthenaClient, sql: string, target: AthenaTarget, limits: QueryLimits): Promise<QueryOutcome> {
  const now = limits.now ?? Date.now;
  const sleep = limits.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + limits.timeoutMs;
  const started = await call('StartQueryExecution', target, () =>
    client.send(new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: target.workgroup,
      QueryExecutionContext: { Database: target.database },
      ...(target.outputLocation ? { ResultConfiguration: { OutputLocation: target.outputLocation } } : {}),
    })),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new UserError(`Athena StartQueryExecution (workgroup ${target.workgroup}) returned no QueryExecutionId`);

  const stop = async (why: string): Promise<never> => {
    // Best effort: the error we throw says why; a failed stop must not hide it.
    try {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    } catch {
      // ignored
    }
    throw new UserError(`Athena query ${id} (workgroup ${target.workgroup}) stopped: ${why}`);
  };

  let wait = FIRST_POLL_MS;
  let bytesScanned = 0;
  let lastState = 'not yet reported';
  for (;;) {
    if (now() >= deadline) await stop(`waited ${Math.round(limits.timeoutMs / 1000)} s for the query to finish; its last state was ${lastState} (raise --timeout, or narrow --since / --accounts / --regions)`);
    await sleep(Math.min(wait, Math.max(0, deadline - now())));
    wait = Math.min(MAX_POLL_MS, Math.round(wait * 1.5));
    const execution = (await call('GetQueryExecution', target, () => client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })))).QueryExecution;
    bytesScanned = execution?.Statistics?.DataScannedInBytes ?? bytesScanned;
    if (limits.maxScannedBytes !== undefined && bytesScanned > limits.maxScannedBytes) {
      await stop(`scanned ${formatBytes(bytesScanned)}, more than the limit of ${formatBytes(limits.maxScannedBytes)} (raise --max-scanned-gb, or narrow the window)`);
    }
    const state = execution?.Status?.State;
    lastState = state ?? lastState;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') {
      const reason = execution?.Status?.StateChangeReason ?? execution?.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
      // A workgroup's per-query data usage control cancels a query that scans more than it allows
      // (https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html).
      const cutoff = limits.workgroupCutoffBytes;
      const hint = state === 'CANCELLED' && cutoff !== undefined && bytesScanned >= cutoff
        ? ` (the workgroup's per-query limit is ${formatBytes(cutoff)}: narrow --since / --accounts / --regions, or use another --workgroup)`
        : '';
      throw new UserError(`Athena query ${id} (workgroup ${target.workgroup}) ${state}: ${reason}${hint}`);
    }
  }

  const rows: Record<string, string | undefined>[] = [];
  let header: string[] | undefined;
  let token: string | undefined;
  do {
    if (now() >= deadline) await stop(`results not read within ${Math.round(limits.timeoutMs / 1000)} s`);
    const page = await call('GetQueryResults', target, () => client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 })));
    for (const row of page.ResultSet?.Rows ?? []) {
      const cells = (row.Data ?? []).map((d) => d.VarCharValue);
      if (!header) {
        header = cells.map((c) => c ?? '');
        continue;
      }
      rows.push(Object.fromEntries(header.map((name, i) => [name, cells[i]])));
    }
    token = page.NextToken;
  } while (token);
  return { queryExecutionId: id, rows, bytesScanned };
}

/** The workgroup's per-query bytes-scanned cutoff (GetWorkGroup), when it has one. */
export async function workgroupCutoff(client: AthenaClient, target: AthenaTarget): Promise<number | undefined> {
  const result = await call('GetWorkGroup', target, () => client.send(new GetWorkGroupCommand({ WorkGroup: target.workgroup })));
  return result.WorkGroup?.Configuration?.BytesScannedCutoffPerQuery ?? undefined;
}

/** Calls Athena; an AWS error becomes a UserError naming the API call and the workgroup. */
async function call<T>(api: string, target: AthenaTarget, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const e = err as { name?: string; message?: string };
    throw new UserError(`Athena ${api} (workgroup ${target.workgroup}) failed: ${e.name ?? 'Error'}: ${e.message ?? String(err)}`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}
