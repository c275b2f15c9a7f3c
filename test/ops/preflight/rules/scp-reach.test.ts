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
    expect(found[1].message).toMatch(/does not reach .*: add Sandbox to scp\.organizationalUnits .*or acknowledge that an administrator there can delete them: acknowledgedGaps: \[\{ check: scp-reach, target: Sandbox, reason: "…" \}\]$/);
    expect(found[2]).toMatchObject({ api: 'organizations:ListParents', message: expect.stringMatching(/is in OU Security, .*add Security to scp\.organizationalUnits .*target: "222222222222", reason/) });
  });

  describe('acknowledgedGaps', () => {
    const gaps = [
      { check: 'scp-reach' as const, target: 'Sandbox', reason: 'Sandbox accounts are wiped nightly' },
      { check: 'scp-reach' as const, target: '222222222222', reason: 'the Security OU has its own SCPs' },
    ];
    const security = { id: '222222222222', parentPath: { ok: true as const, value: 'Security' } };

    test('an acknowledged gap is a warning that leads with the reason; an unacknowledged one still fails', () => {
      const found = checkScpReach(facts({ memberTargets: ['Root', 'Sandbox'], securityAccount: security, acknowledged: gaps }));
      expect(found.map((f) => [f.status, f.target])).toEqual([
        ['fail', 'root checks on Root'],
        ['warn', 'root checks on OU Sandbox'],
        ['warn', 'account 222222222222'],
        ['pass', 'account 111111111111'],
      ]);
      expect(found[1].message).toBe('acknowledged gap (acknowledgedGaps in root-guard.config.yaml: "Sandbox accounts are wiped nightly"): the SCP on Workloads does not reach every account this stack set deploys to');
      expect(found.map((f) => f.acknowledged)).toEqual([undefined, 'Sandbox accounts are wiped nightly', 'the Security OU has its own SCPs', undefined]);
      expect(found[2].message).toMatch(/^acknowledged gap \(acknowledgedGaps in root-guard\.config\.yaml: "the Security OU has its own SCPs"\): the security account is in OU Security, which/);
    });

    test('an acknowledgement of a gap that is not there is a warning that says to remove it', () => {
      const found = checkScpReach(facts({ acknowledged: gaps }));
      expect(found.filter((f) => f.status !== 'pass').map((f) => [f.status, f.target, f.message])).toEqual([
        ['warn', 'OU Sandbox', 'acknowledgedGaps lists "Sandbox" for scp-reach, but there is no such gap: the SCP reaches it, or nothing is deployed there (remove the acknowledgement)'],
        ['warn', 'account 222222222222', expect.stringMatching(/^acknowledgedGaps lists "222222222222" for scp-reach, but there is no such gap/)],
      ]);
    });

    test('the security account\'s acknowledgement is not called stale when its OU could not be read', () => {
      const failure: ReadFailure = { target: 'account 222222222222', api: 'organizations:ListParents', reason: 'access denied', error: { kind: 'access-denied', code: 'AccessDeniedException', message: 'denied' } as ReadFailure['error'] };
      const found = checkScpReach(facts({ securityAccount: { id: '222222222222', parentPath: { ok: false, failure } }, acknowledged: [gaps[1]] }));
      expect(found.map((f) => f.message)).not.toContainEqual(expect.stringMatching(/no such gap/));
    });
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
