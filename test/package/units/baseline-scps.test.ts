import { baselineScpsUnit } from '../../../src/package/units/baseline-scps';
import { createPlan } from '../../../src/plan';
import { fixtureConfig, configWith } from '../../support/config';

describe('baselineScpsUnit', () => {
  test('writes one scp entry and one policy file per policy, attached to the configured OUs', () => {
    const unit = baselineScpsUnit(createPlan(fixtureConfig()));
    expect(unit.template).toBeUndefined();
    expect(unit.resources).toEqual([expect.objectContaining({ name: 'root-guard-root-baseline', resourceFile: 'policies/root-guard-root-baseline.json', deployMethod: 'scp', organizationalUnits: ['Workloads'] })]);
    expect([...(unit.files ?? new Map()).keys()]).toEqual(['policies/root-guard-root-baseline.json']);
  });

  test('adds nothing when every switch is off', () => {
    const unit = baselineScpsUnit(createPlan(configWith((c) => { c.scp = { ...c.scp, denyRootActions: false, denyRootAccessKeys: false, protectBaseline: false }; })));
    expect(unit.resources).toEqual([]);
    expect(unit.files?.size).toBe(0);
  });
});
