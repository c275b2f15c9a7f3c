import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight';
import { statementSids } from '../../../../src/ops/preflight/read-role-policies';
import { checkExecutionRolePolicy, type ExecutionRolePolicyFacts } from '../../../../src/ops/preflight/rules/execution-role-policy';
import { executionRoleStatements } from '../../../../src/plan';
import { configWith } from '../../../support/config';
import { failed, read } from '../../../support/reads';

const fastAlerts = configWith((c) => { c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' }; });
const required = executionRoleStatements(fastAlerts);
const base = { managementAccountId: '111111111111', callerAccount: '111111111111', required };
const facts = (sids: string[], more: Partial<ExecutionRolePolicyFacts> = {}): ExecutionRolePolicyFacts => ({ ...base, policies: read([{ name: 'ExecutionRolePolicy', sids }]), ...more });
const all = required.map((s) => s.sid);

describe('checkExecutionRolePolicy', () => {
  test('passes when the role has every statement the config\'s prerequisite has', () => {
    expect(checkExecutionRolePolicy(facts(all))).toEqual([{
      check: 'execution-role-policy', status: 'pass', target: 'account 111111111111', api: 'iam:ListRolePolicies, iam:GetRolePolicy',
      message: `AWSControlTowerExecution has the ${all.length} statements the current prerequisite has`,
    }]);
  });

  test('fails naming each missing statement by the setting that needs it (fast alerts turned on after the role was deployed)', () => {
    const beforeFastAlerts = all.filter((sid) => !/Forward/.test(sid));
    const [finding] = checkExecutionRolePolicy(facts(beforeFastAlerts));
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/^AWSControlTowerExecution lacks 5 statement\(s\) of the current prerequisite: ManageCfctStackInstancesInForwarderRegions, ManageForwardingRule, ManageForwarderRoles, CreateForwarderRolesOnlyWithTheBoundary, PassForwarderRolesToEventBridge \(for fastAlerts\); /);
    expect(finding.message).toContain('redeploy prerequisites/management-account-execution-role.json');
  });

  test('passes, and says what is no longer needed, when the role has statements the config dropped', () => {
    const [finding] = checkExecutionRolePolicy(facts([...all, 'ManageConfigRules']));
    expect(finding.status).toBe('pass');
    expect(finding.message).toMatch(/; ManageConfigRules is no longer needed by this config \(redeploying the prerequisite removes it\)$/);
  });

  test('warns, without guessing, about a role made another way (none of the prerequisite\'s statements)', () => {
    const [finding] = checkExecutionRolePolicy({ ...base, policies: read([{ name: 'AdminAccess', sids: ['AllowEverything'] }]) });
    expect(finding.status).toBe('warn');
    expect(finding.message).toContain('has none of the statements of prerequisites/management-account-execution-role.json (inline policies: AdminAccess)');
  });

  test('says "not checked" when the policies cannot be read or the caller is another account, and nothing when there is no role', () => {
    expect(checkExecutionRolePolicy({ ...base, policies: failed('account 111111111111', 'iam:ListRolePolicies') })[0].message).toMatch(/^not checked: could not read the inline policies of AWSControlTowerExecution: access denied/);
    expect(checkExecutionRolePolicy({ ...base, policies: NOT_IN_MANAGEMENT })[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: needs the management account's credentials/) });
    expect(checkExecutionRolePolicy({ ...base, policies: read('absent' as const) })).toEqual([]);
  });
});

describe('statementSids', () => {
  test('reads the Sids of a URL-encoded document, or of one already decoded, with one statement or many', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'ManageAlarms', Effect: 'Allow' }, { Effect: 'Allow' }] };
    expect(statementSids(encodeURIComponent(JSON.stringify(doc)))).toEqual(['ManageAlarms']);
    expect(statementSids(JSON.stringify({ Statement: { Sid: 'ReadStagedTemplates' } }))).toEqual(['ReadStagedTemplates']);
  });
});
