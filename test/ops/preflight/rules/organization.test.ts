import { checkOrganization } from '../../../../src/ops/preflight/rules/organization';
import { failed, read } from '../../../support/reads';

const base = { managementAccountId: '111111111111', configFile: 'root-guard.config.yaml' };

describe('checkOrganization', () => {
  test('passes when the organization\'s management account is the config\'s', () => {
    expect(checkOrganization({ ...base, organization: read({ id: 'o-exampleorgid', managementAccountId: '111111111111' }) })).toEqual([{
      check: 'organization', status: 'pass', target: 'organization o-exampleorgid', api: 'organizations:DescribeOrganization', message: 'the management account is 111111111111, as the config says',
    }]);
  });

  test('fails when it is another account, naming the key to fix', () => {
    const [finding] = checkOrganization({ ...base, organization: read({ id: 'o-exampleorgid', managementAccountId: '999999999999' }) });
    expect(finding.status).toBe('fail');
    expect(finding.message).toBe('the management account of this organization is 999999999999, but managementAccountId in root-guard.config.yaml is 111111111111 (fix managementAccountId)');
  });

  test('warns, not checked, when the organization cannot be described', () => {
    const [finding] = checkOrganization({ ...base, organization: failed('account 111111111111', 'organizations:DescribeOrganization') });
    expect(finding).toMatchObject({ status: 'warn', target: 'account 111111111111', api: 'organizations:DescribeOrganization' });
    expect(finding.message).toMatch(/^not checked: could not describe the organization: access denied/);
  });
});
