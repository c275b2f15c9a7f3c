import { describeTaskPolicy, taskPolicyArn } from '../../../src/ops/root-credentials/task-policies';

describe('task policies', () => {
  test('names the managed root-task policy in a partition', () => {
    expect(taskPolicyArn('IAMAuditRootUserCredentials', 'aws')).toBe('arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials');
    expect(taskPolicyArn('IAMDeleteRootUserCredentials', 'aws-us-gov')).toBe('arn:aws-us-gov:iam::aws:policy/root-task/IAMDeleteRootUserCredentials');
  });

  test('tells a responder which sessions root-guard root-credentials opens, and no others', () => {
    expect(describeTaskPolicy('arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials')).toContain('expected while `root-guard root-credentials` runs');
    expect(describeTaskPolicy('arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials')).toContain('--apply');
    expect(describeTaskPolicy('arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy')).toBeUndefined();
    expect(describeTaskPolicy(undefined)).toBeUndefined();
  });
});
