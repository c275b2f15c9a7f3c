import { checkCredentials } from '../../../../src/ops/preflight/rules/credentials';

const ARN = 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/jane';

describe('checkCredentials', () => {
  test('passes with the management account\'s credentials', () => {
    expect(checkCredentials({ caller: { account: '111111111111', arn: ARN }, managementAccountId: '111111111111' })).toEqual([{
      check: 'credentials', status: 'pass', target: 'account 111111111111', api: 'sts:GetCallerIdentity', message: `running as ${ARN} in the management account`,
    }]);
  });

  test('fails with another account\'s credentials, saying how to switch', () => {
    const [finding] = checkCredentials({ caller: { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/Admin/jane' }, managementAccountId: '111111111111' });
    expect(finding).toMatchObject({ status: 'fail', target: 'account 222222222222' });
    expect(finding.message).toContain('not the management account 111111111111 of the config');
    expect(finding.message).toContain('AWS_PROFILE=<management profile>');
  });
});
