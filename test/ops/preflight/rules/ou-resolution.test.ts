import { checkOuResolution } from '../../../../src/ops/preflight/rules/ou-resolution';
import { ouIndex, SAMPLE_TREE } from '../../../support/ou-tree';

const list = (committed: { ok: true; paths: string[] } | { ok: false; problems: string[] }, targets = ['Workloads']) => ({ key: 'rootChecks.organizationalUnits', targets, committed });

describe('checkOuResolution', () => {
  test('passes when root-guard.ous.yaml holds what the live tree expands to', () => {
    expect(checkOuResolution({ index: ouIndex(SAMPLE_TREE), lists: [list({ ok: true, paths: ['Workloads', 'Workloads:Prod', 'Workloads:Prod:Web', 'Workloads:Test'] })] })).toEqual([{
      check: 'ou-resolution', status: 'pass', target: 'rootChecks.organizationalUnits [Workloads]', api: 'organizations:ListOrganizationalUnitsForParent', message: 'root-guard.ous.yaml is current: 4 OUs',
    }]);
  });

  test('fails when the file is stale, naming new and gone OUs and the fix', () => {
    const [finding] = checkOuResolution({ index: ouIndex(SAMPLE_TREE), lists: [list({ ok: true, paths: ['Workloads', 'Workloads:Old', 'Workloads:Prod', 'Workloads:Prod:Web'] })] });
    expect(finding.status).toBe('fail');
    expect(finding.message).toBe('root-guard.ous.yaml is stale (new OUs: Workloads:Test; gone: Workloads:Old): accounts in new OUs get no root checks and CfCT fails on a gone nested OU (run `root-guard resolve`, then `root-guard build`, and commit both)');
  });

  test('fails with the file\'s own problem when it is missing or unusable', () => {
    expect(checkOuResolution({ index: ouIndex(SAMPLE_TREE), lists: [list({ ok: false, problems: ['root-guard.ous.yaml: missing'] })] })).toEqual([
      expect.objectContaining({ status: 'fail', api: 'read root-guard.ous.yaml', message: 'root-guard.ous.yaml: missing' }),
    ]);
  });

  test('warns when the live tree cannot be expanded, and says nothing without a tree or a list', () => {
    expect(checkOuResolution({ index: ouIndex(SAMPLE_TREE), lists: [list({ ok: true, paths: [] }, ['Nope'])] })[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: the live OU tree could not be expanded \(Nope: no OU named "Nope"/) });
    expect(checkOuResolution({ lists: [list({ ok: true, paths: [] })] })).toEqual([]);
    expect(checkOuResolution({ index: ouIndex(SAMPLE_TREE), lists: [] })).toEqual([]);
  });
});
