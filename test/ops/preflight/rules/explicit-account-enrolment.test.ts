import { checkExplicitAccountEnrolment } from '../../../../src/ops/preflight/rules/explicit-account-enrolment';

const base = { managementAccountId: '111111111111', treeRead: true };
const enrolled = (...ids: string[]) => ({ kind: 'read' as const, accounts: new Set(ids) });

describe('checkExplicitAccountEnrolment', () => {
  test('passes an enrolled security account, and the management account (CfCT adds it itself)', () => {
    expect(checkExplicitAccountEnrolment({ ...base, accountId: '222222222222', enrolled: enrolled('222222222222') })).toEqual([{
      check: 'enrolment', status: 'pass', target: 'account 222222222222', api: 'cloudformation:ListStackInstances', message: 'securityTopic.accountId is enrolled: the topic stack set deploys there',
    }]);
    expect(checkExplicitAccountEnrolment({ ...base, accountId: '111111111111', enrolled: enrolled() })[0]).toMatchObject({ status: 'pass', message: expect.stringMatching(/^securityTopic.accountId is the management account/) });
  });

  test('fails a security account that is not enrolled: CfCT drops it silently (#101)', () => {
    expect(checkExplicitAccountEnrolment({ ...base, accountId: '222222222222', enrolled: enrolled() })[0]).toMatchObject({
      status: 'fail', message: expect.stringMatching(/^securityTopic.accountId 222222222222 is not enrolled in Control Tower: CfCT silently drops it \(#101\)/),
    });
  });

  test('says nothing without an explicit account, without the enrolled accounts, or without the OU tree', () => {
    expect(checkExplicitAccountEnrolment({ ...base, enrolled: enrolled() })).toEqual([]);
    expect(checkExplicitAccountEnrolment({ ...base, accountId: '222222222222', enrolled: { kind: 'not-read' } })).toEqual([]);
    expect(checkExplicitAccountEnrolment({ ...base, treeRead: false, accountId: '222222222222', enrolled: enrolled() })).toEqual([]);
  });
});
