import * as actions from '../../src/scps/protected-actions';

describe('the action lists of the SCP baseline', () => {
  test.each(Object.entries(actions))('%s is sorted, unique, of one service, without wildcards', (_name, list) => {
    expect([...list].sort()).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
    expect(new Set(list.map((a) => a.split(':')[0])).size).toBe(1);
    for (const action of list) expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z]+$/);
  });

  test('keeps a member admin from taking over an exempt role name: create, delete, re-trust, grant', () => {
    expect(actions.EXEMPT_ROLE_CHANGE_ACTIONS).toEqual(['iam:AttachRolePolicy', 'iam:CreateRole', 'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy']);
  });
});
