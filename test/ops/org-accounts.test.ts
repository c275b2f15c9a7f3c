import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { createPacer } from '../../src/ops/api-pacer';
import { readOrgAccounts } from '../../src/ops/org-accounts';
import { accessDenied, orgThrottled, simulateAws, type SimModel, type Simulation } from '../support/simulated-aws';

let sim: Simulation | undefined;
afterEach(() => sim?.restore());

const client = () => new OrganizationsClient({ region: 'us-east-1' });

function model(accountsPerOu = 3): SimModel {
  const ous = [
    { id: 'ou-abcd-security', name: 'Security', parentId: 'r-abcd' },
    { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd' },
    { id: 'ou-abcd-prod0000', name: 'Prod', parentId: 'ou-abcd-workload' },
    { id: 'ou-abcd-web00000', name: 'Web', parentId: 'ou-abcd-prod0000' },
  ];
  const accounts = [{ id: '111111111111', name: 'Management', parentId: 'r-abcd' }];
  ous.forEach((ou, o) => {
    for (let i = 0; i < accountsPerOu; i++) accounts.push({ id: `33333333${o}${String(i).padStart(3, '0')}`, name: `${ou.name} ${i}`, parentId: ou.id });
  });
  return {
    rootId: 'r-abcd', ous, accounts, policies: [], stackSets: {}, compliance: {}, aggregatorName: 'a', region: 'us-east-1', alarms: [], topics: {},
  };
}

describe('readOrgAccounts', () => {
  test('places every account in its OU path across pages of one item', async () => {
    sim = simulateAws(model(), { pageSize: { organizations: 1 } });
    const org = await readOrgAccounts(client(), { pacer: createPacer() });
    expect(org.rootId).toBe('r-abcd');
    expect(org.units.map((u) => u.path)).toEqual(['Security', 'Workloads', 'Workloads:Prod', 'Workloads:Prod:Web']);
    expect(org.accounts).toHaveLength(13);
    const web = org.accounts.find((a) => a.name === 'Web 2')!;
    expect(web).toEqual({
      id: '333333333002', name: 'Web 2', state: 'ACTIVE', parentId: 'ou-abcd-web00000', path: 'Workloads:Prod:Web',
      ancestorIds: ['r-abcd', 'ou-abcd-workload', 'ou-abcd-prod0000', 'ou-abcd-web00000'],
    });
    expect(org.accounts.find((a) => a.id === '111111111111')).toEqual(expect.objectContaining({ path: '', ancestorIds: ['r-abcd'] }));
    expect(org.unread).toEqual([]);
    // ListAccounts: 13 pages of one (NextToken followed to the end).
    expect(sim.calls['organizations:ListAccounts']).toBe(13);
  });

  test('maps parents through both ListAccountsForParent and ListChildren, never ListParents per account', async () => {
    sim = simulateAws(model(40), { latencyMs: () => 2 });
    const org = await readOrgAccounts(client(), { pacer: createPacer() });
    expect(org.accounts.every((a) => a.path !== undefined)).toBe(true);
    expect(sim.calls['organizations:ListAccountsForParent']).toBeGreaterThan(0);
    expect(sim.calls['organizations:ListChildren']).toBeGreaterThan(0);
    expect(sim.calls['organizations:ListParents']).toBeUndefined();
    // 5 parents with 40, 40, 40, 40 and 1 accounts: 2+2+2+2+1 pages of 20, shared by the two lanes.
    expect(sim.calls['organizations:ListAccountsForParent'] + sim.calls['organizations:ListChildren']).toBe(9);
  });

  test('keeps at most `concurrency` parents in flight per listing API', async () => {
    const wide = model(1);
    const ous = Array.from({ length: 12 }, (_, i) => ({ id: `ou-abcd-team${String(i).padStart(4, '0')}`, name: `Team${i}`, parentId: 'r-abcd' }));
    sim = simulateAws({ ...wide, ous: [...wide.ous, ...ous] }, { latencyMs: () => 5 });
    await readOrgAccounts(client(), { pacer: createPacer(), concurrency: 2 });
    expect(sim.peakInFlight['organizations:ListOrganizationalUnitsForParent']).toBeLessThanOrEqual(2);
    expect(sim.peakInFlight['organizations:ListAccountsForParent']).toBeLessThanOrEqual(2);
    expect(sim.peakInFlight['organizations:ListChildren']).toBeLessThanOrEqual(2);
  });

  test('reports an OU that denies access and leaves only its accounts without a place', async () => {
    const denied = accessDenied();
    sim = simulateAws(model(), {
      failures: {
        'organizations:ListAccountsForParent:ou-abcd-prod0000': denied,
        'organizations:ListChildren:ou-abcd-prod0000': denied,
      },
    });
    const org = await readOrgAccounts(client(), { pacer: createPacer() });
    const prod = org.accounts.filter((a) => a.name.startsWith('Prod '));
    expect(prod.map((a) => a.path)).toEqual([undefined, undefined, undefined]);
    expect(org.accounts.filter((a) => a.path !== undefined)).toHaveLength(10);
    expect(org.unread).toEqual([{
      target: 'accounts in OU Workloads:Prod (ou-abcd-prod0000)',
      api: expect.stringMatching(/^organizations:(ListAccountsForParent|ListChildren)$/),
      reason: expect.stringMatching(/^access denied \(AccessDeniedException/),
    }]);
  });

  test('reports an OU whose children could not be listed (throttled past the retries) and keeps the rest of the tree', async () => {
    sim = simulateAws(model(), { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-workload': orgThrottled() } });
    const org = await readOrgAccounts(client(), { pacer: createPacer() });
    expect(org.units.map((u) => u.path)).toEqual(['Security', 'Workloads']);
    expect(org.unread).toEqual([expect.objectContaining({
      target: 'OU Workloads (ou-abcd-workload)',
      reason: expect.stringContaining('still throttled after the SDK\'s retries (TooManyRequestsException'),
    })]);
    // Accounts below the unread OU are still listed, without a place.
    expect(org.accounts.filter((a) => a.path === undefined).map((a) => a.name)).toEqual(['Prod 0', 'Prod 1', 'Prod 2', 'Web 0', 'Web 1', 'Web 2']);
  });

  test('throws when the account list itself cannot be read', async () => {
    sim = simulateAws(model(), { failures: { 'organizations:ListAccounts': accessDenied() } });
    await expect(readOrgAccounts(client(), { pacer: createPacer() })).rejects.toThrow('User is not authorized');
  });

  test('goes no faster than the pacer allows, so a rate-limited service never throttles it', async () => {
    const rates = { 'organizations:ListAccounts': { rate: 100, burst: 2, source: 'test' } };
    sim = simulateAws(model(10), { pageSize: { organizations: 1 }, rates });
    const started = performance.now();
    const org = await readOrgAccounts(client(), { pacer: createPacer(rates) });
    const seconds = (performance.now() - started) / 1000;
    expect(org.accounts).toHaveLength(41);
    expect(sim.throttled).toEqual({});
    // 41 pages at 100/s after a burst of 2: at least (41 - 2) / 100 s.
    expect(seconds).toBeGreaterThanOrEqual((41 - 2) / 100 - 0.01);
  });
});
