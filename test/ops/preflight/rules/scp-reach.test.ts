import type { ReadFailure } from '../../../../src/ops/preflight/finding';
import { checkScpReach, type ScpReachFacts } from '../../../../src/ops/preflight/rules/scp-reach';

const facts = (over: Partial<ScpReachFacts> = {}): ScpReachFacts => ({
  protects: true,
  scpOus: ['Workloads'],
  memberTargets: ['Workloads', 'Workloads:Prod'],
  securityAccount: { id: '222222222222', parentPath: { ok: true, value: 'Workloads:Security' } },
  managementAccountId: '111111111111',
  tamperAlerts: true,
  ...over,
});
const brief = (f: ScpReachFacts) => checkScpReach(f).map((x) => [x.status, x.target]);

describe('checkScpReach', () => {
  test('passes when every protected resource sits under an OU the SCP targets (nested OUs inherit it)', () => {
    expect(brief(facts())).toEqual([
      ['pass', 'root checks on OU Workloads'],
      ['pass', 'root checks on OU Workloads:Prod'],
      ['pass', 'account 222222222222'],
      ['pass', 'account 111111111111'],
    ]);
  });

  test('fails, one line each, on root-check targets and a security account the SCP does not reach, with the fix', () => {
    const found = checkScpReach(facts({ memberTargets: ['Root', 'Sandbox'], securityAccount: { id: '222222222222', parentPath: { ok: true, value: 'Security' } } }));
    expect(found.map((f) => [f.status, f.target])).toEqual([
      ['fail', 'root checks on Root'],
      ['fail', 'root checks on OU Sandbox'],
      ['fail', 'account 222222222222'],
      ['pass', 'account 111111111111'],
    ]);
    expect(found[1].message).toMatch(/does not reach .*: add Sandbox to scp\.organizationalUnits .*or accept/);
    expect(found[2]).toMatchObject({ api: 'organizations:ListParents', message: expect.stringMatching(/is in OU Security, .*add Security to scp\.organizationalUnits/) });
  });

  test('an account directly under the root is reached only by an SCP on the root', () => {
    const security = { id: '222222222222', parentPath: { ok: true as const, value: '' } };
    expect(checkScpReach(facts({ securityAccount: security }))[2]).toMatchObject({ status: 'fail', message: expect.stringMatching(/directly under the root.*add Root to/) });
    expect(checkScpReach(facts({ scpOus: ['Root'], securityAccount: security }))[2].status).toBe('pass');
  });

  test('warns when the security account cannot be placed, and when tamper alerts leave the management account unwatched', () => {
    const failure: ReadFailure = { target: 'account 222222222222', api: 'organizations:ListParents', reason: 'access denied', error: { kind: 'access-denied', code: 'AccessDeniedException', message: 'denied' } as ReadFailure['error'] };
    const found = checkScpReach(facts({ securityAccount: { id: '222222222222', parentPath: { ok: false, failure } }, tamperAlerts: false }));
    expect(found.slice(2).map((f) => [f.status, f.target])).toEqual([['warn', 'account 222222222222'], ['warn', 'account 111111111111']]);
    expect(found[2].message).toBe('not checked: could not find the OU of the security account: access denied');
    expect(found[3].message).toMatch(/tamper alerts are off/);
  });

  test('says nothing when scp.protectBaseline protects nothing', () => {
    expect(checkScpReach(facts({ protects: false }))).toEqual([]);
  });
});
