import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { COMMAND_CALLS } from '../../src/iam/command-calls';
import { policyAllows, policyText, READ_VERB, renderPolicies } from '../../src/iam/policies';
import { runWithinPolicy } from '../support/cli';
import { REPO_ROOT } from '../support/config';
import { callsOutsidePolicy } from '../support/iam-check';

const IAM_DIR = join(REPO_ROOT, 'iam');

describe('IAM policies for the people who run root-guard', () => {
  test('iam/ holds exactly what `npm run iam` generates from src/iam/command-calls.ts', () => {
    const rendered = renderPolicies();
    expect(readdirSync(IAM_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(rendered.map((p) => p.file).sort());
    for (const policy of rendered) expect(readFileSync(join(IAM_DIR, policy.file), 'utf8')).toBe(policyText(policy.document));
  });

  test('the read-only policy only reads, apart from the queries investigate and hunt run and their results', () => {
    const readOnly = renderPolicies().find((p) => p.file === 'root-guard-read-only.json');
    const statements = readOnly?.document.Statement ?? [];
    const read = statements.find((s) => s.Sid === 'Read');
    expect(read?.Action.every((a) => READ_VERB.test(a))).toBe(true);
    expect(statements.find((s) => s.Sid === 'RunQueries')?.Action).toEqual(['athena:StartQueryExecution', 'athena:StopQueryExecution', 'logs:StartQuery', 'logs:StopQuery']);
    const writes = statements.filter((s) => s.Sid !== 'Read' && s.Sid !== 'RunQueries');
    expect(writes.every((s) => [s.Resource].flat().every((r) => r.startsWith('arn:aws:s3:::aws-athena-query-results-')))).toBe(true);
  });

  test('no policy grants a wildcard action, and every write names root-guard\'s resources', () => {
    for (const policy of renderPolicies()) {
      for (const statement of policy.document.Statement) {
        expect(statement.Action.every((a) => /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(a))).toBe(true);
        if (statement.Sid === 'Read' || statement.Sid === 'RunQueries' || statement.Sid === 'AssumeRootWithTaskPolicy') continue;
        expect(statement.Resource).not.toBe('*');
      }
    }
    const publish = renderPolicies().find((p) => p.file === 'root-guard-publish.json');
    expect(publish?.document.Statement.find((s) => s.Action.includes('s3:PutObject'))?.Resource).toBe('arn:aws:s3:::custom-control-tower-configuration-*/custom-control-tower-configuration.zip');
  });

  test('root-credentials may assume root only with the task policies it uses; the session\'s calls are the task policies\', not the operator\'s', () => {
    const policy = renderPolicies().find((p) => p.file === 'root-guard-root-credentials.json');
    expect(policy?.document.Statement.find((s) => s.Action.includes('sts:AssumeRoot'))?.Condition).toEqual({
      StringEquals: { 'sts:TaskPolicyArn': ['arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials', 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials'] },
    });
    expect(policyAllows('root-credentials', 'iam:DeleteLoginProfile')).toBe(false);
    expect(COMMAND_CALLS['root-credentials'].some((c) => c.action === 'iam:DeleteLoginProfile' && c.by === 'root-session')).toBe(true);
  });
});

describe('the check every CLI test runs', () => {
  test('a call outside the command\'s policy is named with where to add it', () => {
    expect(callsOutsidePolicy(['test-alert'], [{ action: 'cloudwatch:DeleteAlarms', command: 'DeleteAlarmsCommand' }])).toEqual([
      'root-guard test-alert sent DeleteAlarmsCommand (cloudwatch:DeleteAlarms), which the test-alert policy in iam/ does not allow: add it to src/iam/command-calls.ts and run `npm run iam`',
    ]);
    // The fast path's calls belong to the security account's policy, not the management account's.
    expect(callsOutsidePolicy(['test-alert', '--security-profile', 'security'], [{ action: 'events:PutEvents', command: 'PutEventsCommand', profile: 'security' }])).toEqual([]);
    expect(callsOutsidePolicy(['test-alert'], [{ action: 'events:PutEvents', command: 'PutEventsCommand' }])).toHaveLength(1);
    // Commands without AWS access have no policy: any call is reported.
    expect(callsOutsidePolicy(['build'], [{ action: 'sts:GetCallerIdentity', command: 'GetCallerIdentityCommand' }])).toEqual([
      'root-guard build sent GetCallerIdentityCommand (sts:GetCallerIdentity), which no policy in iam/ covers: add it to src/iam/command-calls.ts and run `npm run iam`',
    ]);
  });

  test('it sees the calls sent to aws-sdk-client-mock, and fails a run that sends one outside the policy', async () => {
    const cw = mockClient(CloudWatchClient);
    try {
      cw.on(DescribeAlarmsCommand).resolves({});
      cw.on(DeleteAlarmsCommand).resolves({});
      const client = new CloudWatchClient({ region: 'us-east-1' });
      await expect(runWithinPolicy(['test-alert'], () => client.send(new DescribeAlarmsCommand({})))).resolves.toBeDefined();
      await expect(runWithinPolicy(['test-alert'], () => client.send(new DeleteAlarmsCommand({ AlarmNames: ['x'] })))).rejects.toThrow(
        'root-guard test-alert sent DeleteAlarmsCommand (cloudwatch:DeleteAlarms), which the test-alert policy in iam/ does not allow',
      );
    } finally {
      cw.restore();
    }
  });
});

describe('the list of calls', () => {
  /** Every file under src/, as text. */
  function sources(dir = join(REPO_ROOT, 'src')): string {
    return readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? readFileSync(join(dir, e.name), 'utf8') : '')).join('\n');
  }

  test('lists no call the code does not make: each SDK call is sent somewhere in src/', () => {
    const code = sources();
    // S3's IAM actions are named after other operations (HeadObject needs s3:GetObject).
    const operations: Record<string, string> = { 's3:GetObject': 'HeadObject', 's3:ListBucket': 'HeadBucket' };
    const unused = Object.values(COMMAND_CALLS).flat()
      .filter((call) => (call.by ?? 'caller') !== 'athena' && !call.action.startsWith('controltower:'))
      .map((call) => operations[call.action] ?? call.action.split(':')[1])
      .filter((operation) => !new RegExp(`\\b(${operation}Command|paginate${operation})\\b`).test(code));
    expect([...new Set(unused)]).toEqual([]);
  });

  test('the Control Tower calls resolve signs itself are the ones its module sends', () => {
    const api = readFileSync(join(REPO_ROOT, 'src', 'ops', 'control-tower', 'control-tower-api.ts'), 'utf8');
    for (const call of COMMAND_CALLS.resolve.filter((c) => c.action.startsWith('controltower:'))) {
      expect(api).toContain(call.action.split(':')[1]);
    }
  });
});
