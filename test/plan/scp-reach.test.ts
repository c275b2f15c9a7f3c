import { parseOuResolution } from '../../src/config/ou-resolution';
import { createPlan } from '../../src/plan/create-plan';
import { describeReachGaps, scpReachesPath, scpReachGaps } from '../../src/plan/scp-reach';
import { fixtureConfig, configWith } from '../support/config';

describe('scpReachesPath', () => {
  test('reaches the OU it is attached to and every OU nested below it (inheritance)', () => {
    expect(scpReachesPath(['Workloads'], 'Workloads')).toBe(true);
    expect(scpReachesPath(['Workloads'], 'Workloads:Prod:Payments')).toBe(true);
    expect(scpReachesPath(['Workloads'], 'WorkloadsOld')).toBe(false);
    expect(scpReachesPath(['Workloads:Prod'], 'Workloads')).toBe(false);
  });

  test('on the root it reaches everything; elsewhere it never reaches accounts directly under the root', () => {
    expect(scpReachesPath(['Root'], 'Sandbox')).toBe(true);
    expect(scpReachesPath(['Root'], '')).toBe(true);
    expect(scpReachesPath(['Workloads'], '')).toBe(false);
    expect(scpReachesPath(['Workloads'], 'Root')).toBe(false);
  });
});

describe('scpReachGaps', () => {
  test('the fixture config: root checks on Root, SCP on Workloads, security account unknown, management never', () => {
    const config = fixtureConfig();
    const gaps = scpReachGaps(createPlan(config), config.scp.protectBaseline);
    expect(gaps.map((g) => [g.kind, g.where])).toEqual([
      ['unreached', 'Root'],
      ['unknown', 'account 222222222222'],
      ['unreached', 'account 111111111111 (management)'],
    ]);
    expect(gaps[0].message).toMatch(/add Root to scp\.organizationalUnits .*or acknowledge that an administrator there can delete them: acknowledgedGaps: /);
    expect(gaps[1].message).toMatch(/root-guard preflight` checks it/);
    expect(gaps[2].message).toMatch(/no SCP ever applies to the management account: tamper alerts report/);
  });

  test('names the forwarders and the bus when fast alerts are on, and asks for tamper alerts when they are off', () => {
    const config = configWith((c) => {
      c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' };
      c.tamperAlerts = false;
    });
    const lines = describeReachGaps(scpReachGaps(createPlan(config), true));
    expect(lines[0]).toMatch(/^NOT REACHED {2}Root: root checks \(Config rules\) and forwarders: /);
    expect(lines[1]).toMatch(/security topic and its key, the central bus: /);
    expect(lines[2]).toMatch(/tamper alerts are off: turn them on/);
  });

  test('everything a member account holds is reached when the SCP is on the root; only the management account remains', () => {
    const config = configWith((c) => { c.scp.organizationalUnits = ['Root']; });
    expect(scpReachGaps(createPlan(config), true).map((g) => g.where)).toEqual(['account 111111111111 (management)']);
  });

  test('nested root-check targets recorded in root-guard.ous.yaml are reached through the OU above them', () => {
    const config = configWith((c) => {
      c.rootChecks.organizationalUnits = ['Workloads', 'Sandbox'];
      c.rootChecks.includeNestedOUs = true;
    });
    const resolution = parseOuResolution([
      'resolvedAt: 2026-01-31T12:00:00.000Z',
      'targets:',
      '  rootChecks.organizationalUnits:',
      '    from: [Workloads, Sandbox]',
      '    paths: [Workloads, "Workloads:Prod", Sandbox, "Sandbox:Dev"]',
    ].join('\n'), 'root-guard.ous.yaml');
    const gaps = scpReachGaps(createPlan(config, resolution), true).filter((g) => g.where.startsWith('OU '));
    expect(gaps.map((g) => g.where)).toEqual(['OU Sandbox', 'OU Sandbox:Dev']);
  });

  test('says nothing when scp.protectBaseline is off (nothing to reach)', () => {
    expect(scpReachGaps(createPlan(fixtureConfig()), false)).toEqual([]);
  });
});
