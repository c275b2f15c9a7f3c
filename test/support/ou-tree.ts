import { OuIndex, type OrganizationalUnit, type UnreadParent } from '../../src/ops/organization';

/** An OU index built from `parent path → child names`, without AWS: for the tests of pure rules. */
export function ouIndex(children: Readonly<Record<string, readonly string[]>>, unread: readonly UnreadParent[] = []): OuIndex {
  const rootId = 'r-abcd';
  const units: OrganizationalUnit[] = [];
  const add = (parent: OrganizationalUnit | undefined) => {
    for (const name of children[parent?.path ?? ''] ?? []) {
      const path = parent ? `${parent.path}:${name}` : name;
      const unit: OrganizationalUnit = {
        id: `ou-abcd-${path.replace(/[^A-Za-z0-9]/g, '').toLowerCase().padEnd(8, '0').slice(0, 16)}`,
        name,
        parentId: parent?.id ?? rootId,
        path,
        ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [rootId],
        ...(name.includes(':') ? { unaddressable: `the OU name "${name}" contains ":", which CfCT reads as a path separator (rename the OU)` } : {}),
      };
      units.push(unit);
      add(unit);
    }
  };
  add(undefined);
  units.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return new OuIndex({ rootId, units, unread });
}

/** Security, Workloads > Prod > Web, Workloads > Test, Sandbox. */
export const SAMPLE_TREE = { '': ['Security', 'Workloads', 'Sandbox'], Workloads: ['Prod', 'Test'], 'Workloads:Prod': ['Web'] };
