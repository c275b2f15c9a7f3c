import { denialCause, removalDeniedReason } from '../../../src/ops/root-credentials/removal-denied';

describe('why a removal was denied', () => {
  test('reads the cause from the message AWS gives', () => {
    expect(denialCause('User: arn:aws:iam::333333333333:root is not authorized to perform: iam:DeleteLoginProfile with an explicit deny in a service control policy')).toBe('scp');
    expect(denialCause('User: arn:aws:iam::333333333333:root is not authorized to perform: iam:DeleteLoginProfile because no session policy allows the iam:DeleteLoginProfile action')).toBe('task-policy');
    expect(denialCause('User is not authorized to perform this operation')).toBe('unknown');
  });

  test('names the likely causes in order when the message names none, and never tells the management account to use the management account', () => {
    const reason = removalDeniedReason('iam:DeleteAccessKey', { kind: 'access-denied', code: 'AccessDenied', message: 'User is not authorized to perform this operation' });
    expect(reason).toMatch(/likely causes, most likely first: 1\) an SCP .*aws:AssumedRoot.*; 2\) the session's task policy IAMDeleteRootUserCredentials .*; 3\) centralized root access was switched off/);
    expect(reason).not.toContain('management account\'s credentials');
    const scp = removalDeniedReason('iam:DeleteAccessKey', { kind: 'access-denied', code: 'AccessDenied', message: 'with an explicit deny in a service control policy' });
    expect(scp).toContain('the message names the cause: an SCP');
    expect(scp).not.toContain('2)');
  });
});
