import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight';
import { checkExecutionRole } from '../../../../src/ops/preflight/rules/execution-role';
import { failed, read } from '../../../support/reads';

const base = { managementAccountId: '111111111111', callerAccount: '111111111111' };
const trust = (principal: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

describe('checkExecutionRole', () => {
  test('passes when the role trusts the stack-set role, or the account itself', () => {
    for (const principal of [{ AWS: 'arn:aws:iam::111111111111:role/service-role/AWSControlTowerStackSetRole' }, { AWS: 'arn:aws:iam::111111111111:root' }]) {
      expect(checkExecutionRole({ ...base, role: read({ trustPolicy: trust(principal) }) })).toEqual([expect.objectContaining({ check: 'execution-role', status: 'pass', target: 'account 111111111111', api: 'iam:GetRole' })]);
    }
  });

  test('warns when the role trusts neither', () => {
    const [finding] = checkExecutionRole({ ...base, role: read({ trustPolicy: trust({ Service: 'cloudformation.amazonaws.com' }) }) });
    expect(finding.status).toBe('warn');
    expect(finding.message).toMatch(/^AWSControlTowerExecution exists but its trust policy names neither service-role\/AWSControlTowerStackSetRole nor the account/);
  });

  test('fails when there is no such role, naming the prerequisite template', () => {
    const [finding] = checkExecutionRole({ ...base, role: read('absent' as const) });
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('deploy prerequisites/management-account-execution-role.json');
  });

  test('warns when the role cannot be read or the credentials are another account\'s', () => {
    expect(checkExecutionRole({ ...base, role: failed('account 111111111111', 'iam:GetRole') })[0].message).toMatch(/^not checked: could not read the role AWSControlTowerExecution: access denied/);
    expect(checkExecutionRole({ ...base, role: NOT_IN_MANAGEMENT })[0].status).toBe('warn');
  });
});
