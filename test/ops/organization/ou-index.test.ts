import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { expandOuPaths, OuIndex, readOrganization } from '../../../src/ops/organization';
import { accessDenied, type MockedOrganization, mockOrganization, sampleOrganization } from '../../support/fake-organization';

let mock: MockedOrganization | undefined;
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

/** The tree as the one reader reads it, from the fake organization. */
const readTree = () => readOrganization(new OrganizationsClient({ region: 'us-east-1' }), { pacer: createPacer(), accounts: false });

describe('OuIndex.resolve', () => {
  const index = async () => {
    mock = mockOrganization(sampleOrganization(), { pageSize: 2 });
    return new OuIndex(await readTree());
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
    mock = mockOrganization(sampleOrganization(), { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-workload': accessDenied() } });
    const idx = new OuIndex(await readTree());
    expect(idx.resolve('Workloads:Prod')).toMatchObject({ kind: 'unread', parentPath: 'Workloads' });
  });
});

describe('expandOuPaths', () => {
  test('lists each OU and every OU below it, sorted and without duplicates', async () => {
    mock = mockOrganization(sampleOrganization());
    const idx = new OuIndex(await readTree());
    expect(expandOuPaths(idx, ['Workloads', 'Workloads:Prod', 'Sandbox'])).toEqual({
      paths: ['Sandbox', 'Workloads', 'Workloads:Prod', 'Workloads:Prod:Web', 'Workloads:Test'],
      problems: [],
    });
  });

  test('keeps Root as Root', async () => {
    mock = mockOrganization(sampleOrganization());
    const idx = new OuIndex(await readTree());
    expect(expandOuPaths(idx, ['Root'])).toEqual({ paths: ['Root'], problems: [] });
  });

  test('reports a missing OU, an unreadable subtree and an OU name CfCT cannot address', async () => {
    const org = sampleOrganization();
    const withColon = { ...org, ous: [...org.ous, { id: 'ou-abcd-colon000', name: 'Team:A', parentId: 'ou-abcd-sandbox0' }] };
    mock = mockOrganization(withColon, { failures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-prod0000': accessDenied() } });
    const idx = new OuIndex(await readTree());
    const result = expandOuPaths(idx, ['Workloads', 'Sandbox', 'Nope']);
    expect(result.paths).toEqual(['Sandbox', 'Workloads', 'Workloads:Prod', 'Workloads:Test']);
    expect(result.problems).toEqual([
      expect.stringMatching(/^Workloads: the OUs below OU Workloads:Prod \(ou-abcd-prod0000\) could not be listed \(access denied/),
      'Sandbox: Sandbox:Team:A: the OU name "Team:A" contains ":", which CfCT reads as a path separator (rename the OU)',
      'Nope: no OU named "Nope" at the top level of the organization (OUs there: Sandbox, Security, Workloads)',
    ]);
  });
});

