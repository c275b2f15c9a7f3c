import { parseOuResolution } from '../../src/config/ou-resolution';
import { rootCheckTargets } from '../../src/plan/targets';
import { fixtureConfig, configWith } from '../support/config';

const nested = configWith((c) => { c.rootChecks.organizationalUnits = ['Workloads']; c.rootChecks.includeNestedOUs = true; });
const resolution = (from: string) => parseOuResolution([
  'resolvedAt: 2026-01-31T12:00:00.000Z',
  'targets:',
  '  rootChecks.organizationalUnits:',
  `    from: [${from}]`,
  '    paths: [Workloads, "Workloads:Prod", "Workloads:Prod:Payments"]',
].join('\n'), 'root-guard.ous.yaml');

describe('rootCheckTargets', () => {
  test("is the config's list when includeNestedOUs is off", () => {
    expect(rootCheckTargets(fixtureConfig())).toEqual(['Root']);
    expect(rootCheckTargets(configWith((c) => { c.rootChecks.organizationalUnits = ['Workloads', 'Sandbox']; }))).toEqual(['Workloads', 'Sandbox']);
  });

  test('expands to the nested OUs root-guard.ous.yaml recorded', () => {
    expect(rootCheckTargets(nested, resolution('Workloads'))).toEqual(['Workloads', 'Workloads:Prod', 'Workloads:Prod:Payments']);
  });

  test('refuses nested OUs without a resolution, or with one resolved from another list', () => {
    expect(() => rootCheckTargets(nested)).toThrow(/run `root-guard resolve`/);
    expect(() => rootCheckTargets(nested, resolution('Sandbox'))).toThrow(/resolved from \[Sandbox\] but the config now lists \[Workloads\]/);
  });

  test('needs no resolution for Root, which already reaches every enrolled account', () => {
    expect(rootCheckTargets(configWith((c) => { c.rootChecks.includeNestedOUs = true; }))).toEqual(['Root']);
  });
});
