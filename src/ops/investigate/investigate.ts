import {
  type CloudWatchLogsClient,
  GetQueryResultsCommand,
  type ResultField,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { UserError } from '../../errors';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';

/**
 * `investigate`: the root events behind an alert, from the organization trail's log group, with a
 * CloudWatch Logs Insights query that uses the same condition as the alarm's metric filter.
 *
 * AssumeRoot (docs/reference/detection.md#assumeroot): a member-account action in an AssumeRoot session is logged as
 * `userIdentity.type Root` with a temporary `ASIA…` key and no marker, exactly like root itself; only
 * the caller-side `sts:AssumeRoot` event (management or delegated-admin account) names that key in
 * `responseElements.credentials.accessKeyId`. The same query fetches those caller events, starting
 * 15 minutes before the window (an AssumeRoot session lasts at most 900 s), and each root event
 * whose key one of them issued is marked as an AssumeRoot session with the caller and task policy.
 * An `ASIA…` key alone proves nothing: root console sessions use `ASIA…` keys too.
 */

/** Longest AssumeRoot session (DurationSeconds ≤ 900, API_AssumeRoot.html): how far back to look for the caller event. */
export const ASSUME_ROOT_LOOKBACK_MS = 15 * 60 * 1000;

/** Fields the query returns, as Logs Insights names CloudTrail's JSON fields. */
const FIELDS = [
  '@timestamp', 'eventTime', 'eventName', 'eventSource', 'awsRegion', 'sourceIPAddress', 'userAgent', 'recipientAccountId',
  'userIdentity.type', 'userIdentity.accountId', 'userIdentity.arn', 'userIdentity.accessKeyId',
  'userIdentity.sessionContext.attributes.mfaAuthenticated', 'userIdentity.sessionContext.assumedRoot', 'additionalEventData.MFAUsed',
  'errorCode', 'responseElements.ConsoleLogin', 'eventID',
  'requestParameters.targetPrincipal', 'requestParameters.taskPolicyArn.arn', 'responseElements.credentials.accessKeyId',
] as const;

/**
 * The Logs Insights query: root activity as the metric filter defines it
 * (`{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`),
 * or a caller-side AssumeRoot event. A record without `eventType` is left out, as the filter leaves it
 * out: `!=` on a missing field does not match (docs/backtest.md, the engine, hunt's SQL and the fast
 * path's event pattern all read it so).
 */
export function buildRootQuery(limit: number): string {
  return [
    `fields ${FIELDS.join(', ')}`,
    '| filter (userIdentity.type = "Root" and not ispresent(userIdentity.invokedBy) and ispresent(eventType) and eventType != "AwsServiceEvent")',
    '    or (eventSource = "sts.amazonaws.com" and eventName = "AssumeRoot")',
    '| sort @timestamp desc',
    `| limit ${limit}`,
  ].join('\n');
}

/** The AssumeRoot call that issued a session's key. */
export interface AssumeRootSession {
  /** Who called sts:AssumeRoot (an IAM role session in the management or delegated-admin account). */
  readonly callerArn: string;
  readonly callerAccount: string;
  readonly targetAccount: string;
  readonly taskPolicyArn?: string;
  readonly issuedAt: string;
  readonly sourceIp: string;
}

/** One root event: who, what, where. */
export interface RootEvent {
  readonly time: string;
  readonly accountId: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly sourceIp: string;
  readonly region: string;
  /** `yes`/`no` from `additionalEventData.MFAUsed` (sign-in) or the session's `mfaAuthenticated`; `-` if neither. */
  readonly mfa: 'yes' | 'no' | '-';
  readonly userAgent: string;
  readonly accessKeyId?: string;
  readonly errorCode?: string;
  /** `Success` / `Failure` of a ConsoleLogin. */
  readonly consoleLogin?: string;
  readonly eventId?: string;
  /** The AssumeRoot call behind this event, if any: then this was not the root user's own credentials. */
  readonly assumeRoot: AssumeRootSession | null;
}

/** The result, as `--json` prints it. */
export interface InvestigateResult {
  readonly logGroupName: string;
  readonly start: string;
  readonly end: string;
  readonly query: string;
  /** Newest first. */
  readonly events: readonly RootEvent[];
  /** Caller-side AssumeRoot events seen (from 15 min before the window). */
  readonly assumeRootCalls: number;
  /** The query hit `limit`: older events may be missing (narrow the window). */
  readonly truncated: boolean;
  readonly statistics: { readonly recordsMatched: number; readonly recordsScanned: number; readonly bytesScanned: number };
}

/** Options of {@link investigateRootActivity}. */
export interface InvestigateOptions {
  readonly logGroupName: string;
  readonly start: Date;
  readonly end: Date;
  /** Rows the query may return (Logs Insights allows up to 10,000). @default 1000 */
  readonly limit?: number;
  readonly pacer: Pacer;
  /** @default 300000 */
  readonly timeoutMs?: number;
  /** Between two GetQueryResults calls. @default 1000 */
  readonly pollMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onProgress?: (status: string, recordsScanned: number) => void;
}

/** Runs the query and correlates AssumeRoot sessions. Throws UserError when the query cannot run or finish. */
export async function investigateRootActivity(client: CloudWatchLogsClient, options: InvestigateOptions): Promise<InvestigateResult> {
  const limit = options.limit ?? 1000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? 300_000;
  const query = buildRootQuery(limit);
  const queryStart = new Date(options.start.getTime() - ASSUME_ROOT_LOOKBACK_MS);

  let queryId: string | undefined;
  try {
    const started = await paced(options.pacer, 'logs:StartQuery', () => client.send(new StartQueryCommand({
      logGroupName: options.logGroupName,
      startTime: Math.floor(queryStart.getTime() / 1000),
      endTime: Math.ceil(options.end.getTime() / 1000),
      queryString: query,
      limit,
    })));
    queryId = started.queryId;
  } catch (err) {
    const info = describeAwsError(err);
    if (info.code === 'ResourceNotFoundException') {
      throw new UserError(`log group ${options.logGroupName} not found (run in the management account and the Control Tower home region; landing zone 3.0 or later)`);
    }
    throw new UserError(`logs:StartQuery on ${options.logGroupName}: ${unreadReason(info)}`);
  }
  if (!queryId) throw new UserError('logs:StartQuery returned no query id');

  const began = now();
  for (;;) {
    let page;
    try {
      page = await paced(options.pacer, 'logs:GetQueryResults', () => client.send(new GetQueryResultsCommand({ queryId })));
    } catch (err) {
      throw new UserError(`logs:GetQueryResults ${queryId}: ${unreadReason(describeAwsError(err))}`);
    }
    const status = page.status ?? 'Unknown';
    options.onProgress?.(status, page.statistics?.recordsScanned ?? 0);
    if (status === 'Complete') {
      const rows = (page.results ?? []).map(toRecord);
      return {
        logGroupName: options.logGroupName,
        start: options.start.toISOString(),
        end: options.end.toISOString(),
        query,
        ...correlate(rows, options.start, options.end),
        truncated: rows.length >= limit,
        statistics: {
          recordsMatched: page.statistics?.recordsMatched ?? 0,
          recordsScanned: page.statistics?.recordsScanned ?? 0,
          bytesScanned: page.statistics?.bytesScanned ?? 0,
        },
      };
    }
    if (status === 'Failed' || status === 'Cancelled' || status === 'Timeout' || status === 'Unknown') {
      throw new UserError(`Logs Insights query ${queryId} ended ${status} (narrow the window with --since, or --start/--end, and run again)`);
    }
    if (now() - began >= timeoutMs) {
      await paced(options.pacer, 'logs:StopQuery', () => client.send(new StopQueryCommand({ queryId }))).catch(() => undefined);
      throw new UserError(`Logs Insights query did not complete within ${Math.round(timeoutMs / 1000)} s and was stopped (narrow the window, or raise --timeout)`);
    }
    await sleep(options.pollMs ?? 1000);
  }
}

type Row = Readonly<Record<string, string>>;

function toRecord(fields: ResultField[]): Row {
  const row: Record<string, string> = {};
  for (const f of fields) if (f.field && f.value !== undefined) row[f.field] = f.value;
  return row;
}

/** Splits caller-side AssumeRoot events from root events, and links each root event to the call that issued its key. */
export function correlate(rows: readonly Row[], start: Date, end: Date): { events: RootEvent[]; assumeRootCalls: number } {
  const sessions = new Map<string, AssumeRootSession>();
  let assumeRootCalls = 0;
  for (const row of rows) {
    if (row.eventName !== 'AssumeRoot' || row['userIdentity.type'] === 'Root') continue;
    assumeRootCalls++;
    const key = row['responseElements.credentials.accessKeyId'];
    if (!key) continue; // a failed AssumeRoot issues no key
    sessions.set(key, {
      callerArn: row['userIdentity.arn'] ?? '?',
      callerAccount: row['userIdentity.accountId'] ?? row.recipientAccountId ?? '?',
      targetAccount: row['requestParameters.targetPrincipal'] ?? '?',
      ...(row['requestParameters.taskPolicyArn.arn'] ? { taskPolicyArn: row['requestParameters.taskPolicyArn.arn'] } : {}),
      issuedAt: timeOf(row),
      sourceIp: row.sourceIPAddress ?? '?',
    });
  }
  const events: RootEvent[] = [];
  for (const row of rows) {
    if (row['userIdentity.type'] !== 'Root') continue;
    const time = timeOf(row);
    const at = Date.parse(time);
    if (!Number.isNaN(at) && (at < start.getTime() || at > end.getTime())) continue; // fetched only for the lookback
    const key = row['userIdentity.accessKeyId'] || undefined;
    const session = key ? sessions.get(key) : undefined;
    events.push({
      time,
      accountId: row['userIdentity.accountId'] ?? row.recipientAccountId ?? '?',
      eventName: row.eventName ?? '?',
      eventSource: row.eventSource ?? '?',
      sourceIp: row.sourceIPAddress ?? '?',
      region: row.awsRegion ?? '?',
      mfa: mfaOf(row),
      userAgent: row.userAgent ?? '',
      ...(key ? { accessKeyId: key } : {}),
      ...(row.errorCode ? { errorCode: row.errorCode } : {}),
      ...(row['responseElements.ConsoleLogin'] ? { consoleLogin: row['responseElements.ConsoleLogin'] } : {}),
      ...(row.eventID ? { eventId: row.eventID } : {}),
      assumeRoot: session && (session.targetAccount === '?' || session.targetAccount === row['userIdentity.accountId']) ? session
        : row['userIdentity.sessionContext.assumedRoot'] === 'true' ? markedSession(row, time) : null,
    });
  }
  return { events, assumeRootCalls };
}

/**
 * A root event that says itself it belongs to an AssumeRoot session
 * (`userIdentity.sessionContext.assumedRoot` "true", the marker `hunt` reads from its column too,
 * docs/reference/detection.md#assumeroot) but whose sts:AssumeRoot call is not among the rows.
 */
function markedSession(row: Row, time: string): AssumeRootSession {
  const account = row['userIdentity.accountId'] ?? row.recipientAccountId ?? '?';
  return { callerArn: '? (the sts:AssumeRoot call is outside the window)', callerAccount: '?', targetAccount: account, issuedAt: time, sourceIp: row.sourceIPAddress ?? '?' };
}

function timeOf(row: Row): string {
  if (row.eventTime) return row.eventTime;
  // Logs Insights prints @timestamp as "2024-10-25 20:53:47.000" in UTC.
  const ts = row['@timestamp'];
  return ts ? `${ts.replace(' ', 'T').replace(/\.\d+$/, '')}Z` : '?';
}

function mfaOf(row: Row): RootEvent['mfa'] {
  // CloudTrail's sign-in samples show both "Yes" and "YES" (docs/reference/detection.md#console-sign-in-records): compare without case.
  const used = row['additionalEventData.MFAUsed']?.toLowerCase();
  if (used === 'yes') return 'yes';
  if (used === 'no') return 'no';
  const session = row['userIdentity.sessionContext.attributes.mfaAuthenticated']?.toLowerCase();
  if (session === 'true') return 'yes';
  if (session === 'false') return 'no';
  return '-';
}
