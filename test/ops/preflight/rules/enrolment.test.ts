import { checkEnrolment, type EnrolledAccounts } from '../../../../src/ops/preflight/rules/enrolment';
import { failed, read } from '../../../support/reads';

const enrolled = (...ids: string[]): EnrolledAccounts => ({ kind: 'read', accounts: new Set(ids) });
const base = { managementAccountId: '111111111111', callerAccount: '111111111111' };
const account = (id: string, name: string, state = 'ACTIVE') => ({ id, name, state });

describe('checkEnrolment with rootChecks on Root', () => {
  const all = [account('111111111111', 'Management'), account('222222222222', 'Audit'), account('333333333333', 'App'), account('333333333334', 'Old', 'SUSPENDED')];

  test('passes when every active member account is enrolled', () => {
    expect(checkEnrolment({ ...base, enrolled: enrolled('222222222222', '333333333333'), targeted: { kind: 'root', accounts: read(all) } })).toEqual([{
      check: 'enrolment', status: 'pass', target: 'rootChecks.organizationalUnits [Root]', api: 'organizations:ListAccounts', message: 'Root: all 2 active member accounts are enrolled and get the root checks',
    }]);
  });

  test('warns, naming them, when active accounts are not enrolled (Root reaches enrolled accounts only)', () => {
    const [finding] = checkEnrolment({ ...base, enrolled: enrolled('222222222222'), targeted: { kind: 'root', accounts: read(all) } });
    expect(finding.status).toBe('warn');
    expect(finding.message).toBe('Root covers enrolled accounts only: 1 active account(s) are not enrolled and get no root checks: 333333333333 (App) (enroll them in Control Tower)');
  });

  test('warns when the accounts cannot be listed', () => {
    expect(checkEnrolment({ ...base, enrolled: enrolled(), targeted: { kind: 'root', accounts: failed('organization', 'organizations:ListAccounts') } })[0]).toMatchObject({
      status: 'warn', target: 'organization', message: expect.stringMatching(/^not checked: could not list the accounts/),
    });
  });
});

describe('checkEnrolment with rootChecks on OUs', () => {
  const ou = (path: string, accounts: ReturnType<typeof account>[]) => ({ path, accounts: read(accounts) });

  test('passes an OU whose active accounts are all enrolled', () => {
    expect(checkEnrolment({ ...base, enrolled: enrolled('333333333333'), targeted: { kind: 'ous', units: [ou('Workloads:Prod', [account('333333333333', 'App')])] } })).toEqual([
      expect.objectContaining({ status: 'pass', target: 'OU Workloads:Prod', api: 'organizations:ListAccountsForParent', message: '1 active account(s), all enrolled in Control Tower' }),
    ]);
  });

  test('fails each account in a target OU that is not enrolled (#129), warns on suspended ones and on an empty OU', () => {
    const findings = checkEnrolment({
      ...base,
      enrolled: enrolled(),
      targeted: { kind: 'ous', units: [ou('Workloads:Prod', [account('333333333333', 'App'), account('333333333334', 'Old', 'SUSPENDED')]), ou('Sandbox', [])] },
    });
    expect(findings.map((f) => [f.status, f.target])).toEqual([
      ['fail', 'account 333333333333 in OU Workloads:Prod'],
      ['warn', 'account 333333333334 in OU Workloads:Prod'],
      ['warn', 'OU Sandbox'],
    ]);
    expect(findings[0].message).toMatch(/^333333333333 \(App\) is in OU Workloads:Prod but not enrolled in Control Tower: CfCT still deploys the root checks to it and the stack instance fails \(#129\)/);
    expect(findings[1].message).toMatch(/is SUSPENDED: CfCT skips it/);
  });

  test('warns for an OU whose accounts could not be listed', () => {
    expect(checkEnrolment({ ...base, enrolled: enrolled(), targeted: { kind: 'ous', units: [{ path: 'Security', accounts: failed('OU Security', 'organizations:ListAccountsForParent') }] } })).toEqual([
      expect.objectContaining({ status: 'warn', target: 'OU Security', message: expect.stringMatching(/^not checked: could not list its accounts/) }),
    ]);
  });
});

describe('checkEnrolment without the enrolled accounts', () => {
  test('warns when they could not be read, naming the stack set that failed', () => {
    const failure = failed<never>('stack set AWSControlTowerBP-BASELINE-CONFIG', 'cloudformation:ListStackInstances');
    if (failure.ok) throw new Error('unreachable');
    const findings = checkEnrolment({ ...base, enrolled: { kind: 'unread', failure: failure.failure } });
    expect(findings.map((f) => [f.status, f.target])).toEqual([['warn', 'stack set AWSControlTowerBP-BASELINE-CONFIG'], ['warn', 'account 111111111111']]);
    expect(findings[1].message).toBe('not checked: the accounts enrolled in Control Tower could not be read (see AWSControlTowerBP-BASELINE-CONFIG above)');
  });

  test('warns when the credentials are not the management account\'s, and says nothing more without the OU tree', () => {
    expect(checkEnrolment({ ...base, callerAccount: '222222222222', enrolled: { kind: 'not-in-management' } })[0].message).toBe('not checked: needs the management account\'s credentials (running in 222222222222)');
    expect(checkEnrolment({ ...base, enrolled: enrolled() })).toEqual([]);
  });
});
