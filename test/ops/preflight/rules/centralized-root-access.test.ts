import { checkCentralizedRootAccess } from '../../../../src/ops/preflight/rules/centralized-root-access';
import type { RootAccessFacts } from '../../../../src/ops/root-credentials/root-access-check';

const on: RootAccessFacts['features'] = { kind: 'read', organizationId: 'o-exampleorgid', enabled: ['RootCredentialsManagement', 'RootSessions'] };
const off: RootAccessFacts['features'] = { kind: 'read', organizationId: 'o-exampleorgid', enabled: [] };

describe('checkCentralizedRootAccess', () => {
  test('compliant: features on, root deny with the AssumeRoot exemption', () => {
    const f = checkCentralizedRootAccess({ features: on, scpDeniesRoot: true, scpExemptsAssumeRoot: true });
    expect(f.map((x) => [x.check, x.status, x.target])).toEqual([
      ['centralized-root-access', 'pass', 'organization o-exampleorgid'],
      ['centralized-root-access', 'pass', 'baseline SCP'],
    ]);
    expect(f[0].api).toBe('iam:ListOrganizationsFeatures');
    expect(f[1].message).toContain('except in AssumeRoot sessions');
  });

  test('compliant: no root deny at all, so nothing blocks AssumeRoot sessions', () => {
    const f = checkCentralizedRootAccess({ features: on, scpDeniesRoot: false, scpExemptsAssumeRoot: false });
    expect(f.map((x) => x.status)).toEqual(['pass', 'pass']);
  });

  test('non-compliant: features on, root deny without the exemption fails (every root session call would be denied)', () => {
    const f = checkCentralizedRootAccess({ features: on, scpDeniesRoot: true, scpExemptsAssumeRoot: false });
    expect(f[1]).toEqual(expect.objectContaining({ check: 'centralized-root-access', status: 'fail', target: 'baseline SCP' }));
    expect(f[1].message).toContain('"Null": {"aws:AssumedRoot": "true"}');
  });

  test('non-compliant: features off warns with the commands to run, and the SCP problem is a warning until they are on', () => {
    const f = checkCentralizedRootAccess({ features: off, scpDeniesRoot: true, scpExemptsAssumeRoot: false });
    expect(f[0].status).toBe('warn');
    expect(f[0].message).toContain('aws iam enable-organizations-root-credentials-management');
    expect(f[0].message).toContain('aws iam enable-organizations-root-sessions');
    expect(f[1].status).toBe('warn');
    expect(f[1].message).toMatch(/^the baseline SCP denies every root user action .*once centralized root access is enabled/);
  });

  test('one feature off names only that one', () => {
    const f = checkCentralizedRootAccess({ features: { ...on, enabled: ['RootCredentialsManagement'] }, scpDeniesRoot: false, scpExemptsAssumeRoot: false });
    expect(f[0].status).toBe('warn');
    expect(f[0].message).toContain('RootSessions off');
    expect(f[0].message).not.toContain('enable-organizations-root-credentials-management');
  });

  test('a caller that is neither the management account nor the delegated administrator is told who may ask', () => {
    const f = checkCentralizedRootAccess({
      features: { kind: 'unread', code: 'AccountNotManagementOrDelegatedAdministratorException', reason: 'not the management account' },
      scpDeniesRoot: true,
      scpExemptsAssumeRoot: true,
    });
    expect(f[0]).toEqual(expect.objectContaining({ status: 'warn', target: 'organization', api: 'iam:ListOrganizationsFeatures' }));
    expect(f[0].message).toMatch(/^not checked: the caller's account is neither the management account nor IAM's delegated administrator/);
    expect(f[1].status).toBe('pass');
  });

  test('trusted access for IAM off says what to run; any other error says why it was not checked', () => {
    const trusted = checkCentralizedRootAccess({ features: { kind: 'unread', code: 'ServiceAccessNotEnabledException', reason: 'x' }, scpDeniesRoot: false, scpExemptsAssumeRoot: false });
    expect(trusted[0].message).toContain('aws organizations enable-aws-service-access --service-principal iam.amazonaws.com');
    const denied = checkCentralizedRootAccess({ features: { kind: 'unread', code: 'AccessDenied', reason: 'access denied' }, scpDeniesRoot: false, scpExemptsAssumeRoot: false });
    expect(denied.map((x) => x.status)).toEqual(['warn', 'pass']);
    expect(denied[0].message).toBe('not checked: cannot tell whether centralized root access is enabled: access denied');
  });
});
