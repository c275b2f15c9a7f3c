import { checkOuPaths } from '../../../../src/ops/preflight/rules/ou-path';
import { ouIndex, SAMPLE_TREE } from '../../../support/ou-tree';
import { failed, read } from '../../../support/reads';

const facts = (lists: { key: string; paths: string[] }[], index = ouIndex(SAMPLE_TREE)) => ({ tree: read(index), lists, configFile: 'root-guard.config.yaml' });

describe('checkOuPaths', () => {
  test('passes Root and every path that resolves, naming the id', () => {
    const findings = checkOuPaths(facts([{ key: 'rootChecks.organizationalUnits', paths: ['Root', 'Workloads:Prod:Web'] }]));
    expect(findings).toEqual([
      { check: 'ou-path', status: 'pass', target: 'root r-abcd', api: 'organizations:ListRoots', message: 'rootChecks.organizationalUnits: Root is the organization root r-abcd' },
      expect.objectContaining({ status: 'pass', target: 'OU Workloads:Prod:Web', message: expect.stringMatching(/^rootChecks.organizationalUnits: resolves to ou-abcd-/) }),
    ]);
  });

  test('fails a path in the wrong case with "did you mean", and says what CfCT does with it', () => {
    const [rootChecks, scp] = checkOuPaths(facts([
      { key: 'rootChecks.organizationalUnits', paths: ['workloads'] },
      { key: 'scp.organizationalUnits', paths: ['Workloads:Prd'] },
    ]));
    expect(rootChecks).toMatchObject({ status: 'fail', target: 'OU workloads' });
    expect(rootChecks.message).toBe('rootChecks.organizationalUnits: no OU named "workloads" at the top level of the organization (did you mean "Workloads"? OU names are case-sensitive) (fix rootChecks.organizationalUnits in root-guard.config.yaml; CfCT deploys nowhere for an unknown top-level OU and fails on an unknown nested one)');
    expect(scp.message).toMatch(/did you mean "Workloads:Prod"\?.*CfCT skips an unknown OU\)$/);
  });

  test('warns, instead of failing, for a path below a parent that could not be listed', () => {
    const index = ouIndex({ '': ['Workloads'] }, [{ parentId: 'ou-abcd-workloads', target: 'OU Workloads (ou-abcd-workloads)', api: 'organizations:ListOrganizationalUnitsForParent', reason: 'access denied' }]);
    expect(checkOuPaths(facts([{ key: 'scp.organizationalUnits', paths: ['Workloads:Prod'] }], index))[0]).toMatchObject({ status: 'warn', message: expect.stringContaining('could not be checked') });
  });

  test('warns once when the root itself could not be listed', () => {
    expect(checkOuPaths({ tree: failed('organization root', 'organizations:ListRoots'), lists: [{ key: 'scp.organizationalUnits', paths: ['Workloads'] }], configFile: 'c.yaml' })).toEqual([
      expect.objectContaining({ check: 'ou-path', status: 'warn', target: 'organization root', message: expect.stringMatching(/^not checked: could not list the organization root: access denied/) }),
    ]);
  });
});
