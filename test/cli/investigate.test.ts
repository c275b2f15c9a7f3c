import { CloudWatchLogsClient, GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeAccountCommand, DescribeOrganizationalUnitCommand, ListParentsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { parseDuration, parseTime } from '../../src/cli/definitions/investigate';
import { windowOf } from '../../src/cli/investigate';
import { runCli } from '../support/cli';
import { writeMinimalConfig } from '../support/config';
import { validJsonOutput } from '../support/json-schema';

const logs = mockClient(CloudWatchLogsClient);
const organizations = mockClient(OrganizationsClient);
beforeEach(() => {
  // 333333333333 is "Prod App" in Workloads:Prod; 222222222222 cannot be described (a delegated administrator, say).
  organizations.on(DescribeAccountCommand, { AccountId: '333333333333' }).resolves({ Account: { Id: '333333333333', Name: 'Prod App' } });
  organizations.on(DescribeAccountCommand, { AccountId: '222222222222' }).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
  organizations.on(ListParentsCommand, { ChildId: '333333333333' }).resolves({ Parents: [{ Id: 'ou-abcd-prod', Type: 'ORGANIZATIONAL_UNIT' }] });
  organizations.on(ListParentsCommand, { ChildId: 'ou-abcd-prod' }).resolves({ Parents: [{ Id: 'ou-abcd-work', Type: 'ORGANIZATIONAL_UNIT' }] });
  organizations.on(ListParentsCommand, { ChildId: 'ou-abcd-work' }).resolves({ Parents: [{ Id: 'r-abcd', Type: 'ROOT' }] });
  organizations.on(DescribeOrganizationalUnitCommand, { OrganizationalUnitId: 'ou-abcd-prod' }).resolves({ OrganizationalUnit: { Id: 'ou-abcd-prod', Name: 'Prod' } });
  organizations.on(DescribeOrganizationalUnitCommand, { OrganizationalUnitId: 'ou-abcd-work' }).resolves({ OrganizationalUnit: { Id: 'ou-abcd-work', Name: 'Workloads' } });
});
afterEach(() => {
  logs.reset();
  organizations.reset();
});
afterAll(() => {
  logs.restore();
  organizations.restore();
});

function configFile(): string {
  return writeMinimalConfig({ homeRegion: 'eu-west-1' });
}

const f = (field: string, value: string) => ({ field, value });
// A caller-side AssumeRoot, the member-side action in its session, and a root console sign-in.
const ROWS = [
  [f('eventTime', '2026-05-01T10:20:00Z'), f('eventName', 'ConsoleLogin'), f('eventSource', 'signin.amazonaws.com'), f('awsRegion', 'us-east-1'),
    f('sourceIPAddress', '203.0.113.10'), f('userAgent', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'),
    f('userIdentity.type', 'Root'), f('userIdentity.accountId', '333333333333'), f('additionalEventData.MFAUsed', 'No'), f('responseElements.ConsoleLogin', 'Success')],
  [f('eventTime', '2026-05-01T10:12:00Z'), f('eventName', 'DeleteBucketPolicy'), f('eventSource', 's3.amazonaws.com'), f('awsRegion', 'eu-west-1'),
    f('sourceIPAddress', '198.51.100.7'), f('userAgent', '[aws-cli/2.17.0]'), f('userIdentity.type', 'Root'), f('userIdentity.accountId', '222222222222'),
    f('userIdentity.accessKeyId', 'ASIAIOSFODNN7EXAMPLE'), f('userIdentity.sessionContext.attributes.mfaAuthenticated', 'false')],
  [f('eventTime', '2026-05-01T10:11:00Z'), f('eventName', 'AssumeRoot'), f('eventSource', 'sts.amazonaws.com'), f('awsRegion', 'eu-west-1'),
    f('sourceIPAddress', '198.51.100.7'), f('userIdentity.type', 'AssumedRole'), f('userIdentity.accountId', '111111111111'),
    f('userIdentity.arn', 'arn:aws:sts::111111111111:assumed-role/Admin/jane@example.com'), f('requestParameters.targetPrincipal', '222222222222'),
    f('requestParameters.taskPolicyArn.arn', 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy'), f('responseElements.credentials.accessKeyId', 'ASIAIOSFODNN7EXAMPLE')],
];

describe('root-guard investigate', () => {
  test('prints who/what/where per root event, marks the AssumeRoot session and names its caller', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: ROWS, statistics: { recordsMatched: 3, recordsScanned: 9000, bytesScanned: 1 } });
    const result = await runCli(['investigate', '--config', configFile(), '--start', '2026-05-01T10:00:00Z', '--end', '2026-05-01T11:00:00Z']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Root activity in aws-controltower/CloudTrailLogs from 2026-05-01T10:00:00.000Z to 2026-05-01T11:00:00.000Z: 2 event(s).');
    expect(lines[1]).toMatch(/^TIME\s+ACCOUNT\s+NAME\s+OU\s+EVENT\s+SOURCE\s+SOURCE IP\s+REGION\s+MFA\s+USER AGENT\s+ASSUMEROOT$/);
    expect(lines[3]).toMatch(/^2026-05-01 10:20:00Z\s+333333333333\s+Prod App\s+Workloads:Prod\s+ConsoleLogin \(Success\)\s+signin\s+203\.0\.113\.10\s+us-east-1\s+no\s+Mozilla\/5\.0 \(X11; Linux x86_64; rv:128\.…\s+no$/);
    expect(lines[4]).toMatch(/^2026-05-01 10:12:00Z\s+222222222222\s+\?\s+\?\s+DeleteBucketPolicy\s+s3\s+198\.51\.100\.7\s+eu-west-1\s+no\s+\[aws-cli\/2\.17\.0\]\s+yes$/);
    expect(result.stdout).toContain('  ASIAIOSFODNN7EXAMPLE: issued 2026-05-01T10:11:00Z by arn:aws:sts::111111111111:assumed-role/Admin/jane@example.com (account 111111111111, from 198.51.100.7) for account 222222222222, task policy root-task/S3UnlockBucketPolicy: 1 event(s)');
    expect(result.stdout).toContain('1 event(s) used the root user\'s own credentials');
    expect(result.stdout).toContain('Account names and OUs not read for 222222222222: access denied');
    // The log group is in the home region: the client was made for eu-west-1.
    expect(await logs.call(0).thisValue.config.region()).toBe('eu-west-1');
  });

  test('--json prints the events with their AssumeRoot caller', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: ROWS });
    const result = await runCli(['investigate', '--config', configFile(), '--since', '2d', '--json']);
    const json = validJsonOutput('investigate', result.stdout).result;
    expect(json.events).toHaveLength(0); // the rows are from 2026-05-01; "--since 2d" ends now
    expect(json.assumeRootCalls).toBe(1);
    expect(json.query).toContain('filter (userIdentity.type = "Root"');
  });

  test('--fail-on-root-credentials exits 4 when the root user\'s own credentials were used, and --json names the accounts', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: ROWS });
    const window = ['--start', '2026-05-01T10:00:00Z', '--end', '2026-05-01T11:00:00Z'];
    const plain = await runCli(['investigate', '--config', configFile(), ...window]);
    expect(plain.code).toBe(0);
    const failing = await runCli(['investigate', '--config', configFile(), ...window, '--fail-on-root-credentials', '--json']);
    expect(failing.code).toBe(4);
    const envelope = validJsonOutput('investigate', failing.stdout);
    expect(envelope.exitCode).toBe(4);
    expect(envelope.result.accounts['333333333333']).toEqual({ name: 'Prod App', ou: 'Workloads:Prod' });
    expect(envelope.result.accounts['222222222222'].unread).toMatch(/^access denied/);
    // Only AssumeRoot sessions: not the root user's own credentials, exit 0.
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [ROWS[1], ROWS[2]] });
    expect((await runCli(['investigate', '--config', configFile(), ...window, '--fail-on-root-credentials'])).code).toBe(0);
  });

  test('rejects contradictory or malformed window options', async () => {
    expect((await runCli(['investigate', '--config', configFile(), '--since', '1h', '--start', '2026-05-01T10:00:00Z'])).code).toBe(2); // a usage error, like the two below (issue 15 §1)
    expect((await runCli(['investigate', '--since', 'yesterday'])).code).toBe(2);
    expect((await runCli(['investigate', '--start', '2026-05-01 10:00'])).code).toBe(2);
  });
});

describe('window options', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  test('default to the last hour; --since ends now; --start/--end give a past window', () => {
    expect(windowOf({}, now)).toEqual({ start: new Date('2026-05-01T11:00:00Z'), end: now });
    expect(windowOf({ since: parseDuration('30m') }, now).start).toEqual(new Date('2026-05-01T11:30:00Z'));
    expect(windowOf({ start: parseTime('2026-04-30T22:00:00+02:00'), end: parseTime('2026-04-30T23:00:00Z') }, now))
      .toEqual({ start: new Date('2026-04-30T20:00:00Z'), end: new Date('2026-04-30T23:00:00Z') });
  });

  test('reject a start after the end, and times without a zone', () => {
    expect(() => windowOf({ start: parseTime('2026-05-01T13:00:00Z') }, now)).toThrow('is not before --end');
    expect(() => parseTime('2026-05-01T10:00:00')).toThrow('with a zone');
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(() => parseDuration('0h')).toThrow();
  });
});
