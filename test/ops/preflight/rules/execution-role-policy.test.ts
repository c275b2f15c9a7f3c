import { NOT_IN_MANAGEMENT } from '../../../../src/ops/preflight';
import { allowStatements, statementSids } from '../../../../src/ops/preflight/read-role-policies';
import { checkExecutionRolePolicy, type ExecutionRolePolicyFacts } from '../../../../src/ops/preflight/rules/execution-role-policy';
import { executionRoleStatements } from '../../../../src/plan';
import { configWith } from '../../../support/config';
import { failed, read } from '../../../support/reads';

const fastAlerts = configWith((c) => { c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' }; });
const required = executionRoleStatements(fastAlerts);
const LOG_GROUP = 'arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs';
const base = { managementAccountId: '111111111111', callerAccount: '111111111111', required, metricFilterLogGroupArn: LOG_GROUP };
/** A live statement as the prerequisite deploys it: its actions, and for the metric filter the log group (and its streams). */
const liveOf = (sid: string) => ({
  sid,
  actions: required.find((s) => s.sid === sid)?.actions ?? ['sts:GetCallerIdentity'],
  resources: sid === 'ManageMetricFilter' ? [LOG_GROUP, `${LOG_GROUP}:*`] : ['*'],
});
const facts = (sids: string[], more: Partial<ExecutionRolePolicyFacts> = {}): ExecutionRolePolicyFacts => ({ ...base, policies: read([{ name: 'ExecutionRolePolicy', sids, statements: sids.map(liveOf) }]), ...more });
const all = required.map((s) => s.sid);

describe('checkExecutionRolePolicy', () => {
  test('passes when the role has every statement the config\'s prerequisite has', () => {
    expect(checkExecutionRolePolicy(facts(all))).toEqual([{
      check: 'execution-role-policy', status: 'pass', target: 'account 111111111111', api: 'iam:ListRolePolicies, iam:GetRolePolicy',
      message: `AWSControlTowerExecution has the ${all.length} statements the current prerequisite has`,
    }]);
  });

  test('fails naming each missing statement by the setting that needs it (fast alerts turned on after the role was deployed)', () => {
    const beforeFastAlerts = all.filter((sid) => !/Forward/.test(sid) || /Tamper/.test(sid));
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

  test('fails when a statement of the same Sid allows fewer actions (a root-guard release added one under an existing Sid)', () => {
    const older = { ...liveOf('ManageForwardingRule'), actions: liveOf('ManageForwardingRule').actions.filter((a) => a !== 'events:PutTargets' && a !== 'events:RemoveTargets') };
    const statements = all.map((sid) => (sid === 'ManageForwardingRule' ? older : liveOf(sid)));
    const [finding] = checkExecutionRolePolicy({ ...base, policies: read([{ name: 'ExecutionRolePolicy', sids: all, statements }]) });
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/^AWSControlTowerExecution has the current prerequisite's statements, but one allows less than it: ManageForwardingRule lacks events:PutTargets, events:RemoveTargets; /);
    expect(finding.message).toContain('redeploy prerequisites/management-account-execution-role.json');
  });

  test('fails when ManageMetricFilter allows another log group (deployed before landing zone 4.0 renamed it)', () => {
    const [finding] = checkExecutionRolePolicy(facts(all, { metricFilterLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs-tfw-qeb' }));
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain(`ManageMetricFilter allows ${LOG_GROUP}, ${LOG_GROUP}:*, not arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs-tfw-qeb, the log group the metric filters go on`);
  });

  test('accepts what IAM would: action patterns, actions in another case, a resource pattern covering the log group', () => {
    const statements = all.map((sid) => (sid === 'ManageMetricFilter'
      ? { sid, actions: ['logs:*MetricFilter*'], resources: ['arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs*'] }
      : sid === 'ManageAlarms' ? { ...liveOf(sid), actions: liveOf(sid).actions.map((a) => a.toLowerCase()) } : liveOf(sid)));
    expect(checkExecutionRolePolicy({ ...base, policies: read([{ name: 'ExecutionRolePolicy', sids: all, statements }]) })[0].status).toBe('pass');
    const renamed = 'arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs-tfw-qeb';
    expect(checkExecutionRolePolicy({ ...base, metricFilterLogGroupArn: renamed, policies: read([{ name: 'ExecutionRolePolicy', sids: all, statements }]) })[0].status).toBe('pass');
  });

  test('warns, without guessing, about a role made another way (none of the prerequisite\'s statements)', () => {
    const [finding] = checkExecutionRolePolicy({ ...base, policies: read([{ name: 'AdminAccess', sids: ['AllowEverything'], statements: [{ sid: 'AllowEverything', actions: ['*'], resources: ['*'] }] }]) });
    expect(finding.status).toBe('warn');
    expect(finding.message).toContain('has none of the statements of prerequisites/management-account-execution-role.json (inline policies: AdminAccess)');
  });

  test('says "not checked" when the policies cannot be read or the caller is another account, and nothing when there is no role', () => {
    expect(checkExecutionRolePolicy({ ...base, policies: failed('account 111111111111', 'iam:ListRolePolicies') })[0].message).toMatch(/^not checked: could not read the inline policies of AWSControlTowerExecution: access denied/);
    expect(checkExecutionRolePolicy({ ...base, policies: NOT_IN_MANAGEMENT })[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: needs the management account's credentials/) });
    expect(checkExecutionRolePolicy({ ...base, policies: read('absent' as const) })).toEqual([]);
  });
});

describe('allowStatements', () => {
  test('keeps each Allow statement\'s Sid, actions and resources, as lists, from a URL-encoded document', () => {
    const doc = { Statement: [
      { Sid: 'ManageAlarms', Effect: 'Allow', Action: 'cloudwatch:PutMetricAlarm', Resource: ['arn:aws:cloudwatch:us-east-1:111111111111:alarm:root-guard*'] },
      { Sid: 'Guard', Effect: 'Deny', Action: '*', Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    ] };
    expect(allowStatements(encodeURIComponent(JSON.stringify(doc)))).toEqual({
      sids: ['ManageAlarms', 'Guard'],
      statements: [{ sid: 'ManageAlarms', actions: ['cloudwatch:PutMetricAlarm'], resources: ['arn:aws:cloudwatch:us-east-1:111111111111:alarm:root-guard*'] }],
    });
  });
});

describe('statementSids', () => {
  test('reads the Sids of a URL-encoded document, or of one already decoded, with one statement or many', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'ManageAlarms', Effect: 'Allow' }, { Effect: 'Allow' }] };
    expect(statementSids(encodeURIComponent(JSON.stringify(doc)))).toEqual(['ManageAlarms']);
    expect(statementSids(JSON.stringify({ Statement: { Sid: 'ReadStagedTemplates' } }))).toEqual(['ReadStagedTemplates']);
  });
});
