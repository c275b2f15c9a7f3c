import { Readable } from 'node:stream';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AwsStub } from 'aws-sdk-client-mock';
import { clientSettings } from '../../src/ops/aws-clients';
import {
  expandOuPaths,
  listAccountsForParent,
  listAttachedScps,
  OrganizationIndex,
  readOrganizationTree,
} from '../../src/ops/organization';
import { accessDenied, mockOrganizations, sampleOrganization, throttled } from '../support/fake-organization';

let mock: AwsStub<any, any, any> | undefined;
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

const client = () => new OrganizationsClient({ region: 'us-east-1' });

describe('readOrganizationTree', () => {
  test('walks every level across paginated pages and names each OU by its CfCT path', async () => {
    mock = mockOrganizations(sampleOrganization(), { pageSize: 1 });
    const tree = await readOrganizationTree(client());
    expect(tree.rootId).toBe('r-abcd');
    expect(tree.units.map((u) => u.path)).toEqual(['Sandbox', 'Security', 'Workloads', 'Workloads:Prod', 'Workloads:Prod:Web', 'Workloads:Test']);
    expect(tree.unread).toEqual([]);
    // One call per page: the root has 3 OUs (3 pages), Workloads 2, Prod 1, and 4 leaves answer one empty page each.
    expect(mock.commandCalls(require('@aws-sdk/client-organizations').ListOrganizationalUnitsForParentCommand)).toHaveLength(3 + 2 + 1 + 4);
  });

  test('keeps at most `concurrency` listings in flight', async () => {
    const org = sampleOrganization();
    // A wide level: 12 top-level OUs.
    const wide = { ...org, ous: Array.from({ length: 12 }, (_, i) => ({ id: `ou-abcd-wide${String(i).padStart(4, '0')}`, name: `Team${i}`, parentId: 'r-abcd' })) };
    let peak = 0;
    mock = mockOrganizations(wide, { pageSize: 100, delayMs: 5, onCall: (n) => { peak = Math.max(peak, n); } });
    const tree = await readOrganizationTree(client(), { concurrency: 3 });
    expect(tree.units).toHaveLength(12);
    expect(peak).toBe(3);
  });

  test('reports a parent that denies access as unread and still reads the rest of the tree', async () => {
    mock = mockOrganizations(sampleOrganization(), { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-workload': accessDenied() } });
    const tree = await readOrganizationTree(client());
    expect(tree.units.map((u) => u.path)).toEqual(['Sandbox', 'Security', 'Workloads']);
    expect(tree.unread).toEqual([{
      parentId: 'ou-abcd-workload',
      target: 'OU Workloads (ou-abcd-workload)',
      api: 'organizations:ListOrganizationalUnitsForParent',
      reason: expect.stringMatching(/^access denied \(AccessDeniedException: .*management account/),
    }]);
  });

  test('reports throttling that outlived the retries as unread, naming the call', async () => {
    mock = mockOrganizations(sampleOrganization(), { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-prod0000': throttled() } });
    const tree = await readOrganizationTree(client());
    expect(tree.unread).toEqual([expect.objectContaining({ target: 'OU Workloads:Prod (ou-abcd-prod0000)', reason: expect.stringContaining('still throttled after the SDK\'s retries (TooManyRequestsException') })]);
  });

  test('rejects when the root itself cannot be listed', async () => {
    mock = mockOrganizations(sampleOrganization(), { failures: { 'organizations:ListRoots:': accessDenied() } });
    await expect(readOrganizationTree(client())).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  test('reports progress as parents are listed', async () => {
    mock = mockOrganizations(sampleOrganization(), { pageSize: 10 });
    const seen: [number, number][] = [];
    await readOrganizationTree(client(), { onProgress: (listed, known) => seen.push([listed, known]) });
    expect(seen.at(-1)).toEqual([7, 7]); // the root and 6 OUs
  });
});

describe('readOrganizationTree with a real client and the shared client settings', () => {
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
      const walk = readOrganizationTree(real);
      let settled = false;
      void walk.finally(() => { settled = true; }).catch(() => undefined);
      for (let i = 0; i < 100 && !settled; i++) await jest.advanceTimersByTimeAsync(250);
      tree = await walk;
    } finally {
      jest.useRealTimers();
    }
    expect(tree).toEqual({ rootId: 'r-abcd', units: [], unread: [] });
    expect(responses).toEqual(['AWSOrganizationsV20161128.ListRoots', 'AWSOrganizationsV20161128.ListRoots', 'AWSOrganizationsV20161128.ListOrganizationalUnitsForParent']);
  });
});

describe('OrganizationIndex.resolve', () => {
  const index = async () => {
    mock = mockOrganizations(sampleOrganization(), { pageSize: 2 });
    return new OrganizationIndex(await readOrganizationTree(client()));
  };

  test('resolves Root, top-level and nested paths to their ids', async () => {
    const idx = await index();
    expect(idx.resolve('Root')).toEqual({ kind: 'root', id: 'r-abcd' });
    expect(idx.resolve('Workloads')).toMatchObject({ kind: 'found', unit: { id: 'ou-abcd-workload' } });
    expect(idx.resolve('Workloads:Prod:Web')).toMatchObject({ kind: 'found', unit: { id: 'ou-abcd-web00000', path: 'Workloads:Prod:Web' } });
  });

  test('matches names case-sensitively, as CfCT does, and suggests the right case', async () => {
    const idx = await index();
    expect(idx.resolve('workloads:Prod')).toEqual({ kind: 'missing', parentPath: '', segment: 'workloads', suggestion: 'Workloads', siblings: ['Sandbox', 'Security', 'Workloads'] });
  });

  test('names the deepest existing OU and its children for a missing nested segment', async () => {
    const idx = await index();
    expect(idx.resolve('Workloads:Prd')).toEqual({ kind: 'missing', parentPath: 'Workloads', segment: 'Prd', suggestion: 'Prod', siblings: ['Prod', 'Test'] });
    expect(idx.resolve('Workloads:Staging')).toEqual({ kind: 'missing', parentPath: 'Workloads', segment: 'Staging', siblings: ['Prod', 'Test'] });
  });

  test('says a path below an unreadable parent could not be checked, instead of calling it missing', async () => {
    mock = mockOrganizations(sampleOrganization(), { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-workload': accessDenied() } });
    const idx = new OrganizationIndex(await readOrganizationTree(client()));
    expect(idx.resolve('Workloads:Prod')).toMatchObject({ kind: 'unread', parentPath: 'Workloads' });
  });
});

describe('expandOuPaths', () => {
  test('lists each OU and every OU below it, sorted and without duplicates', async () => {
    mock = mockOrganizations(sampleOrganization());
    const idx = new OrganizationIndex(await readOrganizationTree(client()));
    expect(expandOuPaths(idx, ['Workloads', 'Workloads:Prod', 'Sandbox'])).toEqual({
      paths: ['Sandbox', 'Workloads', 'Workloads:Prod', 'Workloads:Prod:Web', 'Workloads:Test'],
      problems: [],
    });
  });

  test('keeps Root as Root', async () => {
    mock = mockOrganizations(sampleOrganization());
    const idx = new OrganizationIndex(await readOrganizationTree(client()));
    expect(expandOuPaths(idx, ['Root'])).toEqual({ paths: ['Root'], problems: [] });
  });

  test('reports a missing OU, an unreadable subtree and an OU name CfCT cannot address', async () => {
    const org = sampleOrganization();
    const withColon = { ...org, ous: [...org.ous, { id: 'ou-abcd-colon000', name: 'Team:A', parentId: 'ou-abcd-sandbox0' }] };
    mock = mockOrganizations(withColon, { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-prod0000': accessDenied() } });
    const idx = new OrganizationIndex(await readOrganizationTree(client()));
    const result = expandOuPaths(idx, ['Workloads', 'Sandbox', 'Nope']);
    expect(result.paths).toEqual(['Sandbox', 'Workloads', 'Workloads:Prod', 'Workloads:Test']);
    expect(result.problems).toEqual([
      expect.stringMatching(/^Workloads: the OUs below OU Workloads:Prod \(ou-abcd-prod0000\) could not be listed \(access denied/),
      'Sandbox: Sandbox:Team:A: the OU name "Team:A" contains ":", which CfCT reads as a path separator (rename the OU)',
      'Nope: no OU named "Nope" at the top level of the organization (OUs there: Sandbox, Security, Workloads)',
    ]);
  });
});

describe('account and SCP listings', () => {
  test('lists every page of accounts in an OU with their state', async () => {
    const org = sampleOrganization();
    const many = { ...org, accounts: Array.from({ length: 5 }, (_, i) => ({ id: `33333333340${i}`, name: `App ${i}`, parentId: 'ou-abcd-prod0000', state: i === 4 ? 'SUSPENDED' : undefined })) };
    mock = mockOrganizations(many, { pageSize: 2 });
    const accounts = await listAccountsForParent(client(), 'ou-abcd-prod0000');
    expect(accounts.map((a) => `${a.id}:${a.state}`)).toEqual(['333333333400:ACTIVE', '333333333401:ACTIVE', '333333333402:ACTIVE', '333333333403:ACTIVE', '333333333404:SUSPENDED']);
  });

  test('lists every page of SCPs attached to a target', async () => {
    mock = mockOrganizations(sampleOrganization(), { pageSize: 1 });
    const scps = await listAttachedScps(client(), 'ou-abcd-workload');
    expect(scps.map((p) => p.Name)).toEqual(['FullAWSAccess', 'aws-guardrails-AbCdEf']);
  });
});
