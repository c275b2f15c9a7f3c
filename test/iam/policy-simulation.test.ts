import { runSimulation } from '@cloud-copilot/iam-simulate';
import { validateIdentityPolicy } from '@cloud-copilot/iam-policy';
import { type PolicySubject } from '../../src/iam/command-calls';
import { operatorCalls, POLICY_FILES, renderPolicies } from '../../src/iam/policies';

/*
 * The generated policies, judged by an IAM policy engine (@cloud-copilot/iam-simulate, a devDependency:
 * docs/reference/toolchain.md#scp-simulation): each is a valid identity policy, every call its commands
 * make is allowed, and the writes outside root-guard's own resources are not.
 */

const CALLER = 'arn:aws:iam::111111111111:role/PlatformTeam';
const AUDIT_TASK = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';

/** A concrete resource (documentation values) for a policy resource pattern. */
function example(pattern: string): string {
  return pattern
    .replace('custom-control-tower-configuration-*', 'custom-control-tower-configuration-111111111111-us-east-1')
    .replace('aws-athena-query-results-*/*', 'aws-athena-query-results-111111111111-us-east-1/hunt/result.csv')
    .replace('aws-athena-query-results-*', 'aws-athena-query-results-111111111111-us-east-1')
    .replace('cloudwatch:*:*:alarm:*-root-activity', 'cloudwatch:us-east-1:111111111111:alarm:root-guard-root-activity')
    .replace('events:*:*:event-bus/*-root-activity', 'events:us-east-1:222222222222:event-bus/root-guard-root-activity');
}

async function decision(policy: object, action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
  const result = await runSimulation({
    request: { principal: CALLER, action, resource: { resource, accountId: '111111111111' }, contextVariables: context },
    identityPolicies: [{ name: 'root-guard', policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }, {});
  // An action whose only resource is `*` comes back as a wildcard result: its overall decision.
  if (result.resultType === 'wildcard' && result.results.length === 0) return result.overallResult;
  const single = result.resultType === 'single' ? result.result : result.resultType === 'wildcard' ? result.results[0] : undefined;
  if (!single) throw new Error(`simulation of ${action} on ${resource} did not run: ${JSON.stringify(result)}`);
  return single.analysis?.result ?? 'error';
}

describe('the IAM policies, simulated', () => {
  const policies = renderPolicies();
  const documentOf = (file: string) => policies.find((p) => p.file === file)?.document as object;

  test.each(POLICY_FILES.map((p) => [p.file]))('%s is a valid identity policy', (file) => {
    expect(validateIdentityPolicy(documentOf(file))).toEqual([]);
  });

  test.each(POLICY_FILES.flatMap((p) => p.subjects.map((subject) => [subject, p.file] as [PolicySubject, string])))('every call of %s is allowed by %s', async (subject, file) => {
    const denied: string[] = [];
    for (const call of operatorCalls(subject)) {
      const resource = example((call.resources ?? ['*'])[0]);
      const context: Record<string, string> = call.action === 'sts:AssumeRoot' ? { 'sts:TaskPolicyArn': AUDIT_TASK } : {};
      if (await decision(documentOf(file), call.action, resource, context) !== 'Allowed') denied.push(`${call.action} on ${resource}`);
    }
    expect(denied).toEqual([]);
  });

  test('writes reach only root-guard\'s resources', async () => {
    expect(await decision(documentOf('root-guard-test-alert.json'), 'cloudwatch:SetAlarmState', 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:production-cpu-high')).not.toBe('Allowed');
    expect(await decision(documentOf('root-guard-publish.json'), 's3:PutObject', 'arn:aws:s3:::example-bucket/custom-control-tower-configuration.zip')).not.toBe('Allowed');
    expect(await decision(documentOf('root-guard-publish.json'), 's3:PutObject', 'arn:aws:s3:::custom-control-tower-configuration-111111111111-us-east-1/_custom-control-tower-configuration.zip')).not.toBe('Allowed');
    expect(await decision(documentOf('root-guard-test-alert-fast-path.json'), 'events:PutEvents', 'arn:aws:events:us-east-1:222222222222:event-bus/default')).not.toBe('Allowed');
    expect(await decision(documentOf('root-guard-read-only.json'), 's3:PutObject', 'arn:aws:s3:::aws-controltower-logs-222222222222-us-east-1/AWSLogs/x.json.gz')).not.toBe('Allowed');
    expect(await decision(documentOf('root-guard-read-only.json'), 'iam:DeleteRole', 'arn:aws:iam::111111111111:role/AWSControlTowerExecution')).not.toBe('Allowed');
  });

  test('root-credentials may not assume root with a task policy it does not use', async () => {
    const document = documentOf('root-guard-root-credentials.json');
    expect(await decision(document, 'sts:AssumeRoot', '*', { 'sts:TaskPolicyArn': AUDIT_TASK })).toBe('Allowed');
    expect(await decision(document, 'sts:AssumeRoot', '*', { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy' })).not.toBe('Allowed');
  });
});
