import { Readable } from 'node:stream';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { clientSettings } from '../../../src/ops/aws/aws-clients';
import { listAccountsForParent, listAttachedScps, readOrganization, type ReadOrganizationOptions } from '../../../src/ops/organization';
import { accessDenied, type FakeAccount, type FakeOrganization, type MockedOrganization, mockOrganization, orgThrottled, sampleOrganization } from '../../support/fake-organization';

let mock: MockedOrganization | undefined;
let sim: MockedOrganization | undefined;
afterEach(() => {
  mock?.restore();
  sim?.restore();
  mock = undefined;
  sim = undefined;
});

const client = () => new OrganizationsClient({ region: 'us-east-1' });
const readTree = (options: Partial<ReadOrganizationOptions> = {}) => readOrganization(client(), { pacer: createPacer(), accounts: false, ...options });

describe('readOrganization, the OU tree alone', () => {
  test('walks every level across paginated pages and names each OU by its CfCT path', async () => {
    mock = mockOrganization(sampleOrganization(), { pageSize: 1 });
    const tree = await readTree();
    expect(tree.rootId).toBe('r-abcd');
    expect(tree.units.map((u) => u.path)).toEqual(['Sandbox', 'Security', 'Workloads', 'Workloads:Prod', 'Workloads:Prod:Web', 'Workloads:Test']);
    expect(tree.unread).toEqual([]);
    // One call per page: the root has 3 OUs (3 pages), Workloads 2, Prod 1, and 4 leaves answer one empty page each.
    expect(mock.calls['organizations:ListOrganizationalUnitsForParent']).toBe(3 + 2 + 1 + 4);
    expect(mock.calls['organizations:ListAccounts']).toBeUndefined();
  });

  test('keeps at most `concurrency` listings in flight', async () => {
    const org = sampleOrganization();
    // A wide level: 12 top-level OUs.
    const wide = { ...org, ous: Array.from({ length: 12 }, (_, i) => ({ id: `ou-abcd-wide${String(i).padStart(4, '0')}`, name: `Team${i}`, parentId: 'r-abcd' })) };
    mock = mockOrganization(wide, { pageSize: 100, latencyMs: () => 5 });
    const tree = await readTree({ concurrency: 3 });
    expect(tree.units).toHaveLength(12);
    expect(mock.peakInFlight['organizations:ListOrganizationalUnitsForParent']).toBe(3);
  });

  test('reports a parent that denies access as unread and still reads the rest of the tree', async () => {
    mock = mockOrganization(sampleOrganization(), { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-workload': accessDenied() } });
    const tree = await readTree();
    expect(tree.units.map((u) => u.path)).toEqual(['Sandbox', 'Security', 'Workloads']);
    expect(tree.unread).toEqual([{
      parentId: 'ou-abcd-workload',
      target: 'OU Workloads (ou-abcd-workload)',
      api: 'organizations:ListOrganizationalUnitsForParent',
      reason: expect.stringMatching(/^access denied \(AccessDeniedException: .*management account/),
    }]);
  });

  test('reports throttling that outlived the retries as unread, naming the call', async () => {
    mock = mockOrganization(sampleOrganization(), { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-prod0000': orgThrottled() } });
    const tree = await readTree();
    expect(tree.unread).toEqual([expect.objectContaining({ target: 'OU Workloads:Prod (ou-abcd-prod0000)', reason: expect.stringContaining('still throttled after the SDK\'s retries (TooManyRequestsException') })]);
  });

  test('rejects when the root itself cannot be listed', async () => {
    mock = mockOrganization(sampleOrganization(), { failures: { 'organizations:ListRoots:': accessDenied() } });
    await expect(readTree()).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  test('reports progress as parents are listed', async () => {
    mock = mockOrganization(sampleOrganization(), { pageSize: 10 });
    const seen: [number, number][] = [];
    await readTree({ onProgress: (p) => seen.push([p.parentsDone, p.parentsKnown]) });
    expect(seen.at(-1)).toEqual([7, 7]); // the root and 6 OUs
  });
});

describe('readOrganization with a real client and the shared client settings', () => {
  test('retries a throttled call (adaptive retry mode) and completes the walk', async () => {
    // No aws-sdk-client-mock here: the SDK's own retry middleware runs against a fake HTTP handler that
    // answers the first request with Organizations' throttling error.
    const responses: string[] = [];
    const json = (status: number, body: unknown) => ({
      response: { statusCode: status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'example' }, body: Readable.from([Buffer.from(JSON.stringify(body))]) },
    });
    const requestHandler = {
      handle: async (request: { headers: Record<string, string> }) => {
        const target = request.headers['x-amz-target'] ?? '';
        responses.push(target);
        if (responses.length === 1) return json(400, { __type: 'TooManyRequestsException', Message: 'Rate exceeded' });
        if (target.endsWith('ListRoots')) return json(200, { Roots: [{ Id: 'r-abcd', Name: 'Root' }] });
        return json(200, { OrganizationalUnits: [] });
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    };
    const real = new OrganizationsClient({ ...clientSettings('us-east-1'), requestHandler: requestHandler as never });
    // The SDK backs off for up to a few seconds on throttling: let fake time pass instead of waiting.
    jest.useFakeTimers();
    let tree;
    try {
      const walk = readOrganization(real, { pacer: createPacer(), accounts: false });
      let settled = false;
      void walk.finally(() => { settled = true; }).catch(() => undefined);
      for (let i = 0; i < 100 && !settled; i++) await jest.advanceTimersByTimeAsync(250);
      tree = await walk;
    } finally {
      jest.useRealTimers();
    }
    expect(tree).toEqual({ rootId: 'r-abcd', units: [], accounts: [], unread: [] });
    expect(responses).toEqual(['AWSOrganizationsV20161128.ListRoots', 'AWSOrganizationsV20161128.ListRoots', 'AWSOrganizationsV20161128.ListOrganizationalUnitsForParent']);
  });
});


function model(accountsPerOu = 3): FakeOrganization {
  const ous = [
    { id: 'ou-abcd-security', name: 'Security', parentId: 'r-abcd' },
    { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd' },
    { id: 'ou-abcd-prod0000', name: 'Prod', parentId: 'ou-abcd-workload' },
    { id: 'ou-abcd-web00000', name: 'Web', parentId: 'ou-abcd-prod0000' },
  ];
  const accounts: FakeAccount[] = [{ id: '111111111111', name: 'Management', parentId: 'r-abcd' }];
  ous.forEach((ou, o) => {
    for (let i = 0; i < accountsPerOu; i++) accounts.push({ id: `33333333${o}${String(i).padStart(3, '0')}`, name: `${ou.name} ${i}`, parentId: ou.id });
  });
  return { rootId: 'r-abcd', ous, accounts };
}

describe('readOrganization with accounts', () => {
  test('places every account in its OU path across pages of one item', async () => {
    sim = mockOrganization(model(), { pageSize: 1 });
    const org = await readOrganization(client(), { pacer: createPacer() });
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
    sim = mockOrganization(model(40), { pageSize: 20, latencyMs: () => 2 });
    const org = await readOrganization(client(), { pacer: createPacer() });
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
    sim = mockOrganization({ ...wide, ous: [...wide.ous, ...ous] }, { pageSize: 20, latencyMs: () => 5 });
    await readOrganization(client(), { pacer: createPacer(), concurrency: 2 });
    expect(sim.peakInFlight['organizations:ListOrganizationalUnitsForParent']).toBeLessThanOrEqual(2);
    expect(sim.peakInFlight['organizations:ListAccountsForParent']).toBeLessThanOrEqual(2);
    expect(sim.peakInFlight['organizations:ListChildren']).toBeLessThanOrEqual(2);
  });

  test('reports an OU that denies access and leaves only its accounts without a place', async () => {
    const denied = accessDenied();
    sim = mockOrganization(model(), {
      pageSize: 20,
      failures: {
        'organizations:ListAccountsForParent:ou-abcd-prod0000': denied,
        'organizations:ListChildren:ou-abcd-prod0000': denied,
      },
    });
    const org = await readOrganization(client(), { pacer: createPacer() });
    const prod = org.accounts.filter((a) => a.name.startsWith('Prod '));
    expect(prod.map((a) => a.path)).toEqual([undefined, undefined, undefined]);
    expect(org.accounts.filter((a) => a.path !== undefined)).toHaveLength(10);
    expect(org.unread).toEqual([{
      parentId: 'ou-abcd-prod0000',
      target: 'accounts in OU Workloads:Prod (ou-abcd-prod0000)',
      api: expect.stringMatching(/^organizations:(ListAccountsForParent|ListChildren)$/),
      reason: expect.stringMatching(/^access denied \(AccessDeniedException/),
    }]);
  });

  test('reports an OU whose children could not be listed (throttled past the retries) and keeps the rest of the tree', async () => {
    sim = mockOrganization(model(), { pageSize: 20, failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-workload': orgThrottled() } });
    const org = await readOrganization(client(), { pacer: createPacer() });
    expect(org.units.map((u) => u.path)).toEqual(['Security', 'Workloads']);
    expect(org.unread).toEqual([expect.objectContaining({
      target: 'OU Workloads (ou-abcd-workload)',
      reason: expect.stringContaining('still throttled after the SDK\'s retries (TooManyRequestsException'),
    })]);
    // Accounts below the unread OU are still listed, without a place.
    expect(org.accounts.filter((a) => a.path === undefined).map((a) => a.name)).toEqual(['Prod 0', 'Prod 1', 'Prod 2', 'Web 0', 'Web 1', 'Web 2']);
  });

  test('throws when the account list itself cannot be read', async () => {
    sim = mockOrganization(model(), { pageSize: 20, failures: { 'organizations:ListAccounts': accessDenied('User is not authorized to perform: organizations:ListAccounts') } });
    await expect(readOrganization(client(), { pacer: createPacer() })).rejects.toThrow('User is not authorized');
  });

  test('goes no faster than the pacer allows, so a rate-limited service never throttles it', async () => {
    const rates = { 'organizations:ListAccounts': { rate: 100, burst: 2, source: 'test' } };
    // The service's bucket gets one token of slack over the pacer's: both run on the wall clock, and on
    // a loaded machine their refills can drift apart by a few ms (the elapsed-time bound below still
    // proves the pacing).
    const serviceRates = { 'organizations:ListAccounts': { rate: 100, burst: 3, source: 'test' } };
    sim = mockOrganization(model(10), { pageSize: 1, rates: serviceRates });
    const started = performance.now();
    const org = await readOrganization(client(), { pacer: createPacer(rates) });
    const seconds = (performance.now() - started) / 1000;
    expect(org.accounts).toHaveLength(41);
    expect(sim.throttled).toEqual({});
    // 41 pages at 100/s after a burst of 2: at least (41 - 2) / 100 s.
    expect(seconds).toBeGreaterThanOrEqual((41 - 2) / 100 - 0.01);
  });
});

describe('account and SCP listings', () => {
  test('lists every page of accounts in an OU with their state', async () => {
    const org = sampleOrganization();
    const many = { ...org, accounts: Array.from({ length: 5 }, (_, i) => ({ id: `33333333340${i}`, name: `App ${i}`, parentId: 'ou-abcd-prod0000', state: i === 4 ? 'SUSPENDED' : undefined })) };
    mock = mockOrganization(many, { pageSize: 2 });
    const accounts = await listAccountsForParent(client(), createPacer(), 'ou-abcd-prod0000');
    expect(accounts.map((a) => `${a.id}:${a.state}`)).toEqual(['333333333400:ACTIVE', '333333333401:ACTIVE', '333333333402:ACTIVE', '333333333403:ACTIVE', '333333333404:SUSPENDED']);
  });

  test('lists every page of SCPs attached to a target', async () => {
    mock = mockOrganization(sampleOrganization(), { pageSize: 1 });
    const scps = await listAttachedScps(client(), createPacer(), 'ou-abcd-workload');
    expect(scps.map((p) => p.Name)).toEqual(['FullAWSAccess', 'aws-guardrails-AbCdEf']);
  });
});
