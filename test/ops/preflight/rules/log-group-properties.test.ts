import { CloudWatchLogsClient, DescribeLogGroupsCommand, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight';
import { checkLogGroupProperties } from '../../../../src/ops/preflight/rules/log-group-properties';
import { read } from '../../../support/reads';

const NAME = 'aws-controltower/CloudTrailLogs-AbCd1234';
const base = { region: 'us-east-1', managementAccountId: '111111111111', logGroupName: NAME };
const logs = mockClient(CloudWatchLogsClient);
afterAll(() => logs.restore());

/** A LogGroup as DescribeLogGroups returns it (CloudWatch Logs API Reference, LogGroup), reduced to what preflight keeps. */
async function described(group: Partial<LogGroup>) {
  logs.reset();
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [{ logGroupName: NAME, arn: `arn:aws:logs:us-east-1:111111111111:log-group:${NAME}:*`, creationTime: 1764576000000, ...group }] });
  const [g] = (await new CloudWatchLogsClient({ region: 'us-east-1' }).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: NAME }))).logGroups ?? [];
  return read({ ...(g.logGroupClass ? { logGroupClass: g.logGroupClass } : {}), ...(g.deletionProtectionEnabled !== undefined ? { deletionProtectionEnabled: g.deletionProtectionEnabled } : {}) });
}

describe('checkLogGroupProperties (issue 24 §6)', () => {
  test('fails an Infrequent Access log group, naming why (no metric filters, class fixed at creation) and the way out', async () => {
    const [cls] = checkLogGroupProperties({ ...base, properties: await described({ logGroupClass: 'INFREQUENT_ACCESS', deletionProtectionEnabled: true }) });
    expect(cls).toMatchObject({ check: 'log-group-properties', status: 'fail', target: `log group ${NAME}`, api: 'logs:DescribeLogGroups' });
    expect(cls.message).toMatch(/^its log class is INFREQUENT_ACCESS: metric filters run only on Standard log groups, .*cannot be changed after creation; point the organization trail at a log group created in the Standard class/);
  });

  test('passes a Standard group with deletion protection; an older response without a class is Standard', async () => {
    expect(checkLogGroupProperties({ ...base, properties: await described({ logGroupClass: 'STANDARD', deletionProtectionEnabled: true }) }).map((f) => f.status)).toEqual(['pass', 'pass']);
    expect(checkLogGroupProperties({ ...base, properties: await described({}) })[0].status).toBe('pass');
  });

  test('warns when deletion protection is off, with the command that turns it on', async () => {
    const [, protection] = checkLogGroupProperties({ ...base, properties: await described({ logGroupClass: 'STANDARD', deletionProtectionEnabled: false }) });
    expect(protection).toMatchObject({ status: 'warn' });
    expect(protection.message).toContain(`aws logs put-log-group-deletion-protection --region us-east-1 --log-group-identifier ${NAME} --deletion-protection-enabled`);
  });

  test('says nothing when the group is absent or unread (the log-group check reports that)', () => {
    expect(checkLogGroupProperties({ ...base, properties: read('absent' as const) })).toEqual([]);
    expect(checkLogGroupProperties({ ...base, properties: NOT_IN_MANAGEMENT })).toEqual([]);
  });
});
