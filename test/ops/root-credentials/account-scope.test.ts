import { selectAccounts } from '../../../src/ops/root-credentials/account-scope';
import type { OrganizationSnapshot } from '../../../src/ops/organization';

const org: OrganizationSnapshot = {
  rootId: 'r-abcd',
  units: [
    { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd', path: 'Workloads', ancestorIds: ['r-abcd'] },
    { id: 'ou-abcd-prod0000', name: 'Prod', parentId: 'ou-abcd-workload', path: 'Workloads:Prod', ancestorIds: ['r-abcd', 'ou-abcd-workload'] },
  ],
  accounts: [
    { id: '111111111111', name: 'Management', state: 'ACTIVE', path: '' },
    { id: '222222222222', name: 'Audit', state: 'ACTIVE', path: '' },
    { id: '333333333333', name: 'Payments', state: 'ACTIVE', path: 'Workloads:Prod' },
    { id: '444444444444', name: 'Tools', state: 'ACTIVE', path: 'Workloads' },
    { id: '555555555555', name: 'Closed', state: 'SUSPENDED', path: 'Workloads' },
  ],
  unread: [],
};
const ids = (r: ReturnType<typeof selectAccounts>) => r.accounts.map((a) => a.id);

describe('selectAccounts', () => {
  test('every active member account by default: never the management account, never a suspended one', () => {
    expect(ids(selectAccounts(org, '111111111111', {}))).toEqual(['222222222222', '333333333333', '444444444444']);
  });
  test('an OU covers its descendants; Root covers everything', () => {
    expect(ids(selectAccounts(org, '111111111111', { ous: ['Workloads'] }))).toEqual(['333333333333', '444444444444']);
    expect(ids(selectAccounts(org, '111111111111', { ous: ['Workloads:Prod'] }))).toEqual(['333333333333']);
    expect(ids(selectAccounts(org, '111111111111', { ous: ['Root'] }))).toHaveLength(3);
  });
  test('names every selector that cannot be used, with the fix', () => {
    const r = selectAccounts(org, '111111111111', { accounts: ['999999999999', '555555555555'], ous: ['Sandbox'] });
    expect(r.problems).toEqual([
      '--accounts: 999999999999 is not an account of this organization (organizations:ListAccounts; check the id)',
      '--accounts: 555555555555 is SUSPENDED, not ACTIVE (remove it)',
      '--ou: "Sandbox" is not an OU path of this organization (use a CfCT path such as "Workloads:Prod"; root-guard resolve lists them)',
    ]);
  });
});
