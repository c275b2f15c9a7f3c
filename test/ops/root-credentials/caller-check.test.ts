import { checkCaller } from '../../../src/ops/root-credentials/caller-check';

const on = { kind: 'read' as const, enabled: ['RootCredentialsManagement', 'RootSessions'] };
const refused = { kind: 'unread' as const, code: 'AccountNotManagementOrDelegatedAdministratorException', reason: 'access denied' };

describe('checkCaller', () => {
  test('the management account may run it', () => {
    expect(checkCaller({ account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/Admin/a', managementAccountId: '111111111111' }, on)).toEqual({ role: 'management', problems: [] });
  });
  test('another account that ListOrganizationsFeatures answered is the delegated administrator', () => {
    expect(checkCaller({ account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/Admin/a' }, on).role).toBe('delegated-administrator');
  });
  test('another account that it refused may not, with the command to register it', () => {
    const r = checkCaller({ account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/Admin/a', managementAccountId: '111111111111' }, refused);
    expect(r.role).toBeUndefined();
    expect(r.problems[0]).toContain('--account-id 222222222222');
  });
  test('root credentials may never call AssumeRoot', () => {
    expect(checkCaller({ account: '111111111111', arn: 'arn:aws:iam::111111111111:root', managementAccountId: '111111111111' }, on).problems[0]).toContain('cannot be called with root credentials');
  });
});
