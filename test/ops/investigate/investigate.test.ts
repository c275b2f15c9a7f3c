import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  ResourceNotFoundException,
  type ResultField,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { isUserError } from '../../../src/errors';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { buildRootQuery, investigateRootActivity, type InvestigateOptions } from '../../../src/ops/investigate/investigate';

const logs = mockClient(CloudWatchLogsClient);
afterEach(() => logs.reset());
afterAll(() => logs.restore());

// The two AssumeRoot records of the labelled CloudTrail samples (test/fixtures/cloudtrail/) (IAM User Guide, "Track privileged tasks"):
// line 11 is the caller-side sts:AssumeRoot, line 12 the member-side DeleteBucketPolicy in that session.
const SAMPLES = readFileSync(join(__dirname, '../../fixtures/cloudtrail/cloudtrail-samples.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const ASSUME_ROOT_CALL = SAMPLES[10];
const IN_SESSION = SAMPLES[11];

/** A root console sign-in without MFA, shaped like the CloudTrail UG sample, with documentation values. */
const CONSOLE_LOGIN = {
  eventTime: '2024-10-25T20:55:00Z', eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn',
  awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15',
  userIdentity: { type: 'Root', principalId: '333333333333', arn: 'arn:aws:iam::333333333333:root', accountId: '333333333333', accessKeyId: '' },
  additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/' },
  responseElements: { ConsoleLogin: 'Success' },
  recipientAccountId: '333333333333',
};

/** A record as Logs Insights returns it: the query's fields, dotted, as strings. */
function asResult(record: Record<string, unknown>): ResultField[] {
  const fields = buildRootQuery(1).split('\n')[0].replace(/^fields /, '').split(', ');
  const out: ResultField[] = [];
  for (const field of fields) {
    if (field === '@timestamp') {
      out.push({ field, value: String(record.eventTime).replace('T', ' ').replace('Z', '.000') });
      continue;
    }
    let value: unknown = record;
    for (const part of field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (value !== undefined && value !== null && typeof value !== 'object') out.push({ field, value: String(value) });
  }
  return out;
}

function options(overrides: Partial<InvestigateOptions> = {}): InvestigateOptions {
  let t = 0;
  return {
    logGroupName: 'aws-controltower/CloudTrailLogs',
    start: new Date('2024-10-25T20:53:00Z'),
    end: new Date('2024-10-25T21:00:00Z'),
    pacer: createPacer(),
    now: () => t,
    sleep: async (ms) => { t += ms; },
    ...overrides,
  };
}

const client = () => new CloudWatchLogsClient({ region: 'us-east-1' });

describe('investigateRootActivity', () => {
  test('lists who, what and where, and marks the event made in an AssumeRoot session with its caller', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Running', statistics: { recordsScanned: 1200 } })
      .resolves({ status: 'Complete', results: [asResult(CONSOLE_LOGIN), asResult(IN_SESSION), asResult(ASSUME_ROOT_CALL)], statistics: { recordsMatched: 3, recordsScanned: 5400, bytesScanned: 1e6 } });
    const progress: string[] = [];
    const result = await investigateRootActivity(client(), options({ onProgress: (status, scanned) => progress.push(`${status} ${scanned}`) }));

    expect(progress).toEqual(['Running 1200', 'Complete 5400']);
    expect(result.assumeRootCalls).toBe(1);
    expect(result.events).toEqual([
      {
        time: '2024-10-25T20:55:00Z', accountId: '333333333333', eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com',
        sourceIp: '203.0.113.10', region: 'us-east-1', mfa: 'no', userAgent: CONSOLE_LOGIN.userAgent, consoleLogin: 'Success', assumeRoot: null,
      },
      {
        time: '2024-10-25T20:53:47Z', accountId: '222222222222', eventName: 'DeleteBucketPolicy', eventSource: 's3.amazonaws.com',
        sourceIp: '192.0.2.1', region: 'us-west-2', mfa: 'no', userAgent: '', accessKeyId: 'ASIAIOSFODNN7EXAMPLE', eventId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
        assumeRoot: {
          callerArn: 'arn:aws:sts::111111111111:assumed-role/JohnDoe/JohnRole1', callerAccount: '111111111111', targetAccount: '222222222222',
          taskPolicyArn: 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy', issuedAt: '2024-10-25T20:52:11Z', sourceIp: '192.0.2.1',
        },
      },
    ]);
    expect(result.truncated).toBe(false);
  });

  test('queries with the metric filter\'s condition, from 15 minutes before the window for the AssumeRoot calls', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [] });
    await investigateRootActivity(client(), options({ limit: 500 }));
    const input = logs.commandCalls(StartQueryCommand)[0].args[0].input;
    expect(input.logGroupName).toBe('aws-controltower/CloudTrailLogs');
    expect(input.startTime).toBe(Date.parse('2024-10-25T20:38:00Z') / 1000);
    expect(input.endTime).toBe(Date.parse('2024-10-25T21:00:00Z') / 1000);
    expect(input.limit).toBe(500);
    expect(input.queryString).toContain('userIdentity.type = "Root" and not ispresent(userIdentity.invokedBy) and ispresent(eventType) and eventType != "AwsServiceEvent"');
    expect(input.queryString).toContain('or (eventSource = "sts.amazonaws.com" and eventName = "AssumeRoot")');
    expect(input.queryString).toMatch(/\| limit 500$/);
  });

  test('does not call an ASIA key an AssumeRoot session without the call that issued it', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [asResult(IN_SESSION)] });
    const [event] = (await investigateRootActivity(client(), options())).events;
    expect(event.accessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
    expect(event.assumeRoot).toBeNull();
  });

  test('marks a root event that carries userIdentity.sessionContext.assumedRoot "true" as an AssumeRoot session, as hunt reads that column', async () => {
    const marked = { ...IN_SESSION, userIdentity: { ...IN_SESSION.userIdentity, sessionContext: { assumedRoot: 'true' } } };
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [asResult(marked)] });
    const [event] = (await investigateRootActivity(client(), options())).events;
    expect(event.assumeRoot).toEqual({
      callerArn: '? (the sts:AssumeRoot call is outside the window)', callerAccount: '?', targetAccount: '222222222222', issuedAt: '2024-10-25T20:53:47Z', sourceIp: '192.0.2.1',
    });
    expect(buildRootQuery(1)).toContain('userIdentity.sessionContext.assumedRoot');
  });

  test('drops root events of the lookback, before the window, but keeps the AssumeRoot call issued then', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [asResult(IN_SESSION), asResult(ASSUME_ROOT_CALL)] });
    const result = await investigateRootActivity(client(), options({ start: new Date('2024-10-25T20:54:00Z') }));
    expect(result.events).toEqual([]);
    expect(result.assumeRootCalls).toBe(1);
  });

  test('says when the query hit its limit', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [asResult(CONSOLE_LOGIN)] });
    expect((await investigateRootActivity(client(), options({ limit: 1 }))).truncated).toBe(true);
  });

  test('stops the query and says how to narrow it when it runs past the timeout', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Running' });
    logs.on(StopQueryCommand).resolves({ success: true });
    const error = await investigateRootActivity(client(), options({ timeoutMs: 5000, pollMs: 1000 })).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe('Logs Insights query did not complete within 5 s and was stopped (narrow the window, or raise --timeout)');
    expect(logs.commandCalls(StopQueryCommand)[0].args[0].input).toEqual({ queryId: 'q-1' });
  });

  test('reports a failed query and a missing log group as user errors', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Failed' });
    await expect(investigateRootActivity(client(), options())).rejects.toThrow('Logs Insights query q-1 ended Failed');

    logs.on(StartQueryCommand).rejects(new ResourceNotFoundException({ message: 'Log group does not exist', $metadata: {} }));
    await expect(investigateRootActivity(client(), options())).rejects.toThrow('log group aws-controltower/CloudTrailLogs not found (run in the management account and the Control Tower home region');
  });

  test('reads MFA from the sign-in (any case) or from the session', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    const withMfa = { ...CONSOLE_LOGIN, additionalEventData: { MFAUsed: 'YES' } };
    const session = { ...IN_SESSION, userIdentity: { ...IN_SESSION.userIdentity, sessionContext: { attributes: { mfaAuthenticated: 'true' } } } };
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [asResult(withMfa), asResult(session)] });
    expect((await investigateRootActivity(client(), options())).events.map((e) => e.mfa)).toEqual(['yes', 'yes']);
  });
});
