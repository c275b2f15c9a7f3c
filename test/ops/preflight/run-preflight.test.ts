import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { OU_RESOLUTION_FILE, renderOuResolution } from '../../../src/config/ou-resolution';
import type { RootGuardConfig } from '../../../src/config/schema';
import { UserError } from '../../../src/errors';
import { API_RATES, createPacer, type Pacer } from '../../../src/ops/aws/api-pacer';
import { type PreflightFinding, type PreflightResult, policyLetsCloudWatchPublish, runPreflight } from '../../../src/ops/preflight';
import { configWith as fixtureWith } from '../../support/config';
import { clients, ENROLLED, mocks, mockWorld, restoreWorld, type World } from '../../support/fake-control-tower';
import { accessDenied, attachedScps, orgThrottled as throttled, sampleOrganization } from '../../support/fake-organization';
import { LANDING_ZONE_3_3, LANDING_ZONE_4_0, NO_CLOUDWATCH_DELIVERY, OWN_ORGANIZATION_TRAIL } from '../../support/fake-trails';

afterEach(restoreWorld);

/**
 * The fixture config with a patch and without its acknowledgedGaps: the tests below check each rule
 * with the example's two scp-reach gaps failing; the last describe runs the config as the example ships.
 */
const configWith = (patch: (config: RootGuardConfig) => void): RootGuardConfig => fixtureWith((c) => {
  delete c.acknowledgedGaps;
  patch(c);
});

/** Runs preflight with a pacer that only counts: the published rates would make every test wait (one test below keeps them). */
async function preflight(world: World = {}, config: RootGuardConfig = configWith(() => undefined), extra: { scpLimit?: number; configFile?: string; pacer?: Pacer; aggregator?: boolean; enrolmentStackSet?: string } = {}): Promise<PreflightResult> {
  mockWorld(world);
  return runPreflight({
    config,
    configFile: extra.configFile ?? join(mkdtempSync(join(tmpdir(), 'rg-pre-')), 'root-guard.config.yaml'),
    clients: clients({ aggregator: extra.aggregator }),
    scpLimit: extra.scpLimit,
    ...(extra.enrolmentStackSet ? { enrolmentStackSet: extra.enrolmentStackSet } : {}),
    pacer: extra.pacer ?? createPacer(),
  });
}

const of = (result: PreflightResult, check: PreflightFinding['check']) => result.findings.filter((f) => f.check === check);
/** The failures, as `check target`. */
const failed = (result: PreflightResult) => result.findings.filter((f) => f.status === 'fail').map((f) => `${f.check} ${f.target}`);
/**
 * The fixture config in sampleOrganization: the root checks target Root and the security account
 * sits in Security, while the SCP is attached to Workloads only, so scp-reach fails on both.
 */
const REACH_FAILURES = ['scp-reach account 222222222222', 'scp-reach root checks on Root'];
const statuses = (result: PreflightResult) => Object.fromEntries(result.findings.map((f) => [`${f.check} ${f.target}`, f.status]));

describe('the example config as it ships (test/fixtures/example-org), against the test suite\'s organization', () => {
  test('passes: every check passes but the two gaps it acknowledges, which warn with their reasons', async () => {
    const result = await preflight({}, fixtureWith(() => undefined), { aggregator: true });
    expect(result.ok).toBe(true);
    expect(result.findings.filter((f) => f.status !== 'pass').map((f) => [f.status, f.check, f.target])).toEqual([
      ['warn', 'scp-reach', 'account 222222222222'],
      ['warn', 'scp-reach', 'root checks on Root'],
    ]);
    expect(of(result, 'scp-reach').find((f) => f.target === 'root checks on Root')?.message).toMatch(/^acknowledged gap \(acknowledgedGaps in root-guard\.config\.yaml: "Security and Sandbox OUs stay outside the SCP for now; /);
  });
});

describe('runPreflight on a healthy organization', () => {
  test('passes every check but the SCP reach of the fixture config, each naming its target and API call', async () => {
    const result = await preflight({}, configWith(() => undefined), { aggregator: true });
    expect(result.ok).toBe(false);
    expect(result.unread).toEqual([]);
    expect(failed(result)).toEqual(REACH_FAILURES);
    expect(statuses(result)).toEqual({
      'organization-trail account 111111111111 us-east-1': 'pass',
      'trail-settings trail arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail': 'pass',
      'trail-delivery trail arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail': 'pass',
      'recorded-log-group account 111111111111 us-east-1': 'pass',
      'credentials account 111111111111': 'pass',
      'organization organization o-exampleorgid': 'pass',
      'home-region account 111111111111 us-east-1': 'pass',
      'baseline-stack-set account 111111111111 us-east-1': 'pass',
      'log-group account 111111111111 us-east-1': 'pass',
      'log-group-properties log group aws-controltower/CloudTrailLogs': 'pass',
      'execution-role account 111111111111': 'pass',
      'execution-role-policy account 111111111111': 'pass',
      'ou-path root r-abcd': 'pass',
      'ou-path OU Workloads': 'pass',
      'enrolment rootChecks.organizationalUnits [Root]': 'pass',
      'enrolment account 222222222222': 'pass',
      'config-recording aggregator aws-controltower-GuardrailsComplianceAggregator': 'pass',
      'scp-slots OU Workloads': 'pass',
      'security-topic topic arn:aws:sns:us-east-1:222222222222:root-guard-root-activity': 'pass',
      'cloudwatch1-topic topic arn:aws:sns:us-east-1:222222222222:root-guard-root-activity': 'pass',
      'centralized-root-access organization o-exampleorgid': 'pass',
      'centralized-root-access baseline SCP': 'pass',
      'scp-reach root checks on Root': 'fail',
      'scp-reach account 222222222222': 'fail',
      'scp-reach account 111111111111': 'pass',
    });
    // scp-reach judges the stack set targets from the config file (no API call); every other finding names its call.
    for (const f of result.findings) expect(f.api).toMatch(f.api.endsWith('.yaml') ? /^root-guard\.config\.yaml$/ : /^[a-z0-9-]+:[A-Z][A-Za-z]+/);
    expect(of(result, 'scp-reach').find((f) => f.target === 'account 222222222222')!.message).toMatch(/^the security account is in OU Security, which the SCP on Workloads does not reach, .*: add Security to scp\.organizationalUnits/);
    expect(of(result, 'scp-slots')[0].message).toBe('2 attached (FullAWSAccess, aws-guardrails-AbCdEf) + root-guard-root-baseline = 3 of 5');
    expect(of(result, 'security-topic')[0].message).toMatch(/not created yet: the stack set root-guard-security-topic creates it in 222222222222/);
  });
});

describe('pacing', () => {
  test('reads the organization through the pacer at the published rates', async () => {
    const pacer = createPacer(API_RATES);
    const result = await preflight({}, configWith(() => undefined), { pacer });
    expect(failed(result)).toEqual(REACH_FAILURES);
    // sampleOrganization served one item a page: the root (3 pages), Workloads (2), Prod (1), 4 leaves (1 each).
    expect(pacer.counts()).toMatchObject({
      'organizations:ListRoots': 1,
      'organizations:ListOrganizationalUnitsForParent': 10,
      'organizations:ListAccounts': 7,
      'organizations:ListPoliciesForTarget': 2,
    });
  });
});

describe('management-account checks', () => {
  test('fails the credentials check and skips what needs the management account when run elsewhere', async () => {
    const result = await preflight({ callerAccount: '222222222222' });
    expect(result.ok).toBe(false);
    expect(of(result, 'credentials')[0]).toMatchObject({ status: 'fail', target: 'account 222222222222', api: 'sts:GetCallerIdentity' });
    expect(of(result, 'credentials')[0].message).toContain('not the management account 111111111111');
    for (const check of ['home-region', 'log-group', 'execution-role', 'execution-role-policy', 'enrolment'] as const) {
      expect(of(result, check)).toEqual([expect.objectContaining({ status: 'warn', message: expect.stringMatching(/^not checked: needs the management account's credentials/) })]);
    }
  });

  test('stops with a UserError when there are no credentials at all', async () => {
    mockWorld();
    mocks.push(mockClient(STSClient).on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })));
    const error = await runPreflight({ config: configWith(() => undefined), configFile: 'root-guard.config.yaml', clients: clients() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems[0]).toMatch(/^sts:GetCallerIdentity: no usable AWS credentials/);
  });

  test('fails when the config names another account as management account', async () => {
    const org = { ...sampleOrganization(), managementAccountId: '999999999999' };
    const result = await preflight({ org });
    expect(of(result, 'organization')[0]).toMatchObject({ status: 'fail', api: 'organizations:DescribeOrganization' });
    expect(of(result, 'organization')[0].message).toContain('the management account of this organization is 999999999999');
  });

  test('fails the home region when Control Tower\'s stack sets are not in it, reading every page of stack sets', async () => {
    const result = await preflight({ stackSets: ['CustomControlTower-a', 'CustomControlTower-b', 'CustomControlTower-c'] });
    expect(of(result, 'home-region')[0]).toMatchObject({ status: 'fail', api: 'cloudformation:ListStackSets' });
    expect(of(result, 'home-region')[0].message).toMatch(/^no Control Tower stack set \(AWSControlTowerBP-BASELINE-\*\) in us-east-1: us-east-1 is not the Control Tower home region/);
  });

  test('warns about a baseline CONFIG stack set under another name (UNVERIFIED naming) and still reads enrolment from it', async () => {
    const result = await preflight({ stackSets: ['AWSControlTowerBP-BASELINE-ROLES', 'StackSet-AWSControlTowerBP-BASELINE-CONFIG-0123abcd'] });
    expect(of(result, 'home-region')[0].status).toBe('pass');
    expect(of(result, 'baseline-stack-set')[0]).toMatchObject({ status: 'warn' });
    expect(of(result, 'baseline-stack-set')[0].message).toMatch(/^found StackSet-AWSControlTowerBP-BASELINE-CONFIG-0123abcd but not AWSControlTowerBP-BASELINE-CONFIG, the name CfCT looks up by default: .*set StackSet-AWSControlTowerBP-BASELINE-CONFIG-0123abcd in the environment variable CONTROL_TOWER_BASELINE_CONFIG_STACKSET of the CodeBuild project Custom-Control-Tower-StackSet-CodeBuild/);
    expect(of(result, 'enrolment').every((f) => f.status === 'pass')).toBe(true);
  });

  test('--enrolment-stack-set: the stack set CfCT\'s variable names is checked instead, and enrolment is read from it (issue 24 §1)', async () => {
    const set = await preflight({ stackSets: ['AWSControlTowerBP-BASELINE-ROLES', 'Example-Enrolment'] }, undefined, { enrolmentStackSet: 'Example-Enrolment' });
    expect(of(set, 'baseline-stack-set')[0]).toMatchObject({ status: 'pass', message: expect.stringMatching(/^Example-Enrolment \(--enrolment-stack-set/) });
    expect(of(set, 'enrolment').every((f) => f.status === 'pass')).toBe(true);
    const missing = await preflight({ stackSets: ['AWSControlTowerBP-BASELINE-CONFIG'] }, undefined, { enrolmentStackSet: 'Example-Enrolment' });
    expect(of(missing, 'baseline-stack-set')[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/^no ACTIVE stack set Example-Enrolment \(--enrolment-stack-set\)/) });
  });

  test('fails without the baseline CONFIG stack set, and says enrolment could not be checked', async () => {
    const result = await preflight({ stackSets: ['AWSControlTowerBP-BASELINE-ROLES'] });
    expect(of(result, 'baseline-stack-set')[0].status).toBe('fail');
    expect(of(result, 'enrolment')[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: the accounts enrolled/) });
  });

  test('fails when the org trail log group is missing, ignoring look-alikes with the same prefix', async () => {
    const result = await preflight({ logGroups: ['aws-controltower/CloudTrailLogs-old', 'aws-controltower/CloudTrailLogsArchive'] });
    expect(of(result, 'log-group')[0]).toMatchObject({ status: 'fail', target: 'account 111111111111 us-east-1', api: 'logs:DescribeLogGroups' });
    expect(of(result, 'log-group')[0].message).toContain('no log group aws-controltower/CloudTrailLogs in the management account in us-east-1');
  });

  test('fails without the management account\'s AWSControlTowerExecution role and names the template that creates it', async () => {
    const result = await preflight({ role: 'missing' });
    expect(of(result, 'execution-role')[0]).toMatchObject({ status: 'fail', target: 'account 111111111111', api: 'iam:GetRole' });
    expect(of(result, 'execution-role')[0].message).toContain('deploy prerequisites/management-account-execution-role.json');
  });

  test('warns when the role exists but does not trust CfCT\'s stack-set role', async () => {
    const result = await preflight({ role: 'untrusted' });
    expect(of(result, 'execution-role')[0]).toMatchObject({ status: 'warn', message: expect.stringContaining('names neither service-role/AWSControlTowerStackSetRole nor the account') });
  });

  test('fails when the role predates tamper alerts (on by default), naming the missing statements and the redeploy', async () => {
    const result = await preflight({ roleSids: ['ManageCfctStackInstances', 'ReadStagedTemplates', 'ManageMetricFilter', 'ManageAlarms'] });
    expect(failed(result)).toEqual(['execution-role-policy account 111111111111', ...REACH_FAILURES]);
    expect(of(result, 'execution-role-policy')[0]).toMatchObject({ api: 'iam:ListRolePolicies, iam:GetRolePolicy' });
    expect(of(result, 'execution-role-policy')[0].message).toBe('AWSControlTowerExecution lacks 6 statement(s) of the current prerequisite: ManageTamperTopic, CreateTamperTopicKey, ManageTamperTopicKey, ManageTamperRules, PassTamperForwarderRoleToEventBridge (for tamperAlerts); ManageSentinelReaderRole (for sentinel); CfCT\'s stack sets in the management account will fail (redeploy prerequisites/management-account-execution-role.json: run `npx root-guard build`, then update the CloudFormation stack you created from it in the management account)');
    // The same role is current for a config without tamper alerts and sentinel.
    mocks.splice(0).forEach((m) => m.restore());
    const without = await preflight({ roleSids: ['ManageCfctStackInstances', 'ReadStagedTemplates', 'ManageMetricFilter', 'ManageAlarms'] }, configWith((c) => { c.tamperAlerts = false; c.sentinel.enabled = false; }));
    expect(of(without, 'execution-role-policy')[0].status).toBe('pass');
  });

  test('says "not checked" when the role\'s inline policy cannot be read', async () => {
    const result = await preflight({ roleSids: 'denied' });
    expect(of(result, 'execution-role-policy')[0]).toMatchObject({ status: 'warn', api: 'iam:GetRolePolicy', message: expect.stringMatching(/^not checked: could not read the inline policies of AWSControlTowerExecution: access denied/) });
    expect(result.unread).toEqual([expect.objectContaining({ target: 'account 111111111111', api: 'iam:GetRolePolicy' })]);
  });

  test('reports a role it may not read as unread, not as missing', async () => {
    const result = await preflight({ role: 'denied' });
    expect(of(result, 'execution-role')[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: could not read the role AWSControlTowerExecution: access denied/) });
    expect(result.unread).toEqual([expect.objectContaining({ target: 'account 111111111111', api: 'iam:GetRole' })]);
    expect(failed(result)).toEqual(REACH_FAILURES);
  });
});

describe('OU paths', () => {
  test('fails a path that does not resolve, suggesting the right case, for both OU lists', async () => {
    const config = configWith((c) => {
      c.rootChecks.organizationalUnits = ['Workloads:prod'];
      c.scp.organizationalUnits = ['Sandbox', 'Workload'];
    });
    const result = await preflight({}, config);
    const failures = of(result, 'ou-path').filter((f) => f.status === 'fail');
    expect(failures.map((f) => [f.target, f.api, f.message])).toEqual([
      ['OU Workload', 'organizations:ListOrganizationalUnitsForParent', 'scp.organizationalUnits: no OU named "Workload" at the top level of the organization (did you mean "Workloads"? OU names are case-sensitive) (fix scp.organizationalUnits in ' + result.configFile + '; CfCT skips an unknown OU)'],
      ['OU Workloads:prod', 'organizations:ListOrganizationalUnitsForParent', 'rootChecks.organizationalUnits: no OU named "prod" under Workloads (did you mean "Workloads:Prod"? OU names are case-sensitive) (fix rootChecks.organizationalUnits in ' + result.configFile + '; CfCT deploys nowhere for an unknown top-level OU and fails on an unknown nested one)'],
    ]);
  });

  test('warns instead of failing when the OUs above a path could not be listed', async () => {
    const config = configWith((c) => { c.rootChecks.organizationalUnits = ['Workloads:Prod']; });
    const result = await preflight({ orgFailures: { 'organizations:ListOrganizationalUnitsForParent:ou-abcd-workload': accessDenied() } }, config);
    expect(of(result, 'ou-path').find((f) => f.target === 'OU Workloads:Prod')).toMatchObject({ status: 'warn' });
    expect(result.unread).toEqual([expect.objectContaining({ target: 'OU Workloads (ou-abcd-workload)', api: 'organizations:ListOrganizationalUnitsForParent' })]);
  });
});

describe('OU resolution for nested OUs', () => {
  const nestedConfig = () => configWith((c) => {
    c.rootChecks.organizationalUnits = ['Workloads'];
    c.rootChecks.includeNestedOUs = true;
  });
  const withResolution = (paths: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-pre-'));
    writeFileSync(join(dir, OU_RESOLUTION_FILE), renderOuResolution({ resolvedAt: '2026-01-31T12:00:00.000Z', targets: { 'rootChecks.organizationalUnits': { from: ['Workloads'], paths } } }));
    return join(dir, 'root-guard.config.yaml');
  };

  test('passes when root-guard.ous.yaml matches the live tree', async () => {
    const result = await preflight({}, nestedConfig(), { configFile: withResolution(['Workloads', 'Workloads:Prod', 'Workloads:Prod:Web', 'Workloads:Test']) });
    expect(of(result, 'ou-resolution')).toEqual([expect.objectContaining({ status: 'pass', message: 'root-guard.ous.yaml is current: 4 OUs' })]);
  });

  test('fails when an OU appeared since the file was resolved', async () => {
    const result = await preflight({}, nestedConfig(), { configFile: withResolution(['Workloads', 'Workloads:Prod', 'Workloads:Test']) });
    expect(of(result, 'ou-resolution')[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/^root-guard\.ous\.yaml is stale \(new OUs: Workloads:Prod:Web\)/) });
  });

  test('fails when the file is missing, saying how to make it', async () => {
    const result = await preflight({}, nestedConfig());
    expect(of(result, 'ou-resolution')[0]).toMatchObject({ status: 'fail', api: 'read root-guard.ous.yaml', message: expect.stringContaining('run `root-guard resolve`') });
  });

  test('checks enrolment in every nested OU', async () => {
    const result = await preflight({ enrolled: ENROLLED.filter((a) => a !== '333333333334') }, nestedConfig(), { configFile: withResolution(['Workloads', 'Workloads:Prod', 'Workloads:Prod:Web', 'Workloads:Test']) });
    expect(of(result, 'enrolment').filter((f) => f.status === 'fail').map((f) => f.target)).toEqual(['account 333333333334 in OU Workloads:Prod:Web']);
  });
});

describe('enrolment', () => {
  const ouConfig = () => configWith((c) => { c.rootChecks.organizationalUnits = ['Workloads:Prod', 'Security', 'Sandbox']; });

  test('fails each account in a targeted OU that is not enrolled, reading every page of stack instances', async () => {
    const result = await preflight({ enrolled: ENROLLED.filter((a) => a !== '333333333333') }, ouConfig());
    const fail = of(result, 'enrolment').filter((f) => f.status === 'fail');
    expect(fail).toEqual([expect.objectContaining({
      target: 'account 333333333333 in OU Workloads:Prod',
      api: 'cloudformation:ListStackInstances',
      message: expect.stringContaining('333333333333 (Prod App) is in OU Workloads:Prod but not enrolled in Control Tower: CfCT still deploys the root checks to it and the stack instance fails (#129)'),
    })]);
    // Stack instances come one per page (5 accounts x 2 regions): had a page been missed, more accounts would fail.
    expect(result.findings.find((f) => f.check === 'enrolment' && f.target === 'OU Security')).toMatchObject({ status: 'pass', message: '2 active account(s), all enrolled in Control Tower' });
  });

  test('warns about a suspended account and an OU without accounts', async () => {
    const org = sampleOrganization();
    const changed = { ...org, accounts: org.accounts.map((a) => (a.id === '333333333336' ? { ...a, state: 'SUSPENDED' } : a)).filter((a) => a.parentId !== 'ou-abcd-prod0000') };
    const result = await preflight({ org: changed }, ouConfig());
    expect(statuses(result)).toMatchObject({
      'enrolment account 333333333336 in OU Sandbox': 'warn',
      'enrolment OU Workloads:Prod': 'warn',
    });
    expect(result.findings.find((f) => f.target === 'OU Workloads:Prod' && f.check === 'enrolment')!.message).toBe('no accounts directly in Workloads:Prod: the stack set gets no instances there');
  });

  test('warns, with Root, about active accounts that are not enrolled (they get no checks)', async () => {
    const result = await preflight({ enrolled: ['222222222222', '222222222223'] });
    expect(of(result, 'enrolment').find((f) => f.target === 'rootChecks.organizationalUnits [Root]')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('4 active account(s) are not enrolled and get no root checks: 333333333333 (Prod App), 333333333334 (Prod Web)'),
    });
  });

  test('fails a security account that is not enrolled: CfCT would drop it silently', async () => {
    const result = await preflight({ enrolled: ENROLLED.filter((a) => a !== '222222222222') });
    expect(of(result, 'enrolment').find((f) => f.target === 'account 222222222222')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('CfCT silently drops it (#101)'),
    });
  });

  test('reports throttling that outlived the retries on one OU and checks the others', async () => {
    const result = await preflight({ orgFailures: { 'organizations:ListAccountsForParent:ou-abcd-security': throttled() } }, ouConfig());
    expect(of(result, 'enrolment').find((f) => f.target === 'OU Security')).toMatchObject({
      status: 'warn',
      api: 'organizations:ListAccountsForParent',
      message: expect.stringContaining('still throttled after the SDK\'s retries (TooManyRequestsException'),
    });
    expect(of(result, 'enrolment').find((f) => f.target === 'OU Sandbox')).toMatchObject({ status: 'pass' });
    expect(result.unread.map((u) => u.target)).toEqual(['OU Security']);
    // Only scp-reach fails: of the root-check targets, the SCP on Workloads reaches Workloads:Prod alone.
    expect(failed(result)).toEqual(['scp-reach account 222222222222', 'scp-reach root checks on OU Sandbox', 'scp-reach root checks on OU Security']);
  });
});

describe('SCP slots', () => {
  const slots = (attached: string[]) => ({ ...sampleOrganization(), policies: attachedScps({ 'ou-abcd-workload': attached }) });

  test('fails when the existing SCPs plus ours exceed the limit', async () => {
    const result = await preflight({ org: slots(['FullAWSAccess', 'aws-guardrails-A', 'aws-guardrails-B', 'team-1', 'team-2']) });
    expect(of(result, 'scp-slots')[0]).toMatchObject({ status: 'fail', target: 'OU Workloads', api: 'organizations:ListPoliciesForTarget' });
    expect(of(result, 'scp-slots')[0].message).toMatch(/^5 attached \(FullAWSAccess, aws-guardrails-A, aws-guardrails-B, team-1, team-2\) \+ root-guard-root-baseline = 6 of 5: AWS Organizations refuses the attachment/);
  });

  test('does not count ours twice when it is already attached', async () => {
    const result = await preflight({ org: slots(['FullAWSAccess', 'aws-guardrails-A', 'aws-guardrails-B', 'team-1', 'root-guard-root-baseline']) });
    expect(of(result, 'scp-slots')[0]).toMatchObject({ status: 'pass', message: expect.stringMatching(/root-guard-root-baseline among them = 5 of 5$/) });
  });

  test('accepts the reported 2026 quota with --scp-limit 10', async () => {
    const result = await preflight({ org: slots(['FullAWSAccess', 'a', 'b', 'c', 'd', 'e']) }, undefined, { scpLimit: 10 });
    expect(of(result, 'scp-slots')[0]).toMatchObject({ status: 'pass', message: expect.stringMatching(/= 7 of 10$/) });
  });

  test('counts the root\'s attachments when the SCP targets Root', async () => {
    const result = await preflight({}, configWith((c) => { c.scp.organizationalUnits = ['Root']; }));
    expect(of(result, 'scp-slots')[0]).toMatchObject({ status: 'pass', target: 'root r-abcd', message: '1 attached (FullAWSAccess) + root-guard-root-baseline = 2 of 5' });
  });

  test('reports an OU whose SCPs it may not list, and goes on', async () => {
    const result = await preflight({ orgFailures: { 'organizations:ListPoliciesForTarget:ou-abcd-workload': accessDenied() } });
    expect(of(result, 'scp-slots')[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: could not list its SCPs: access denied/) });
    expect(of(result, 'security-topic')).toHaveLength(1);
  });
});

describe('security topic', () => {
  const existing = 'arn:aws:sns:us-east-1:222222222222:security-alerts';
  const byArn = () => configWith((c) => { c.securityTopic = { arn: existing }; });
  const cloudWatchMayPublish = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: existing }] });

  test('passes an existing topic CloudWatch may publish to, with a confirmed subscriber', async () => {
    const result = await preflight({ topic: { Policy: cloudWatchMayPublish, SubscriptionsConfirmed: '2', KmsMasterKeyId: 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab' } }, byArn());
    expect(of(result, 'security-topic')).toEqual([expect.objectContaining({ status: 'pass', target: `topic ${existing}`, api: 'sns:GetTopicAttributes', message: 'reachable, 2 confirmed subscription(s)' })]);
  });

  test('fails a topic encrypted with alias/aws/sns, which CloudWatch alarms cannot use', async () => {
    const result = await preflight({ topic: { Policy: cloudWatchMayPublish, SubscriptionsConfirmed: '1', KmsMasterKeyId: 'alias/aws/sns' } }, byArn());
    expect(of(result, 'security-topic')[0]).toMatchObject({ status: 'fail', message: expect.stringContaining('AWS managed key alias/aws/sns') });
  });

  test('warns about a policy without CloudWatch and about no confirmed subscription', async () => {
    const result = await preflight({ topic: { Policy: JSON.stringify({ Statement: [] }), SubscriptionsConfirmed: '0', SubscriptionsPending: '1' } }, byArn());
    expect(of(result, 'security-topic').map((f) => f.status)).toEqual(['warn', 'warn']);
    expect(of(result, 'security-topic').map((f) => f.message).join('\n')).toMatch(/no statement letting cloudwatch.amazonaws.com call sns:Publish[\s\S]*1 pending: confirm the email/);
  });

  test('fails a configured topic that does not exist', async () => {
    const result = await preflight({ topic: 'not-found' }, byArn());
    expect(of(result, 'security-topic')[0]).toMatchObject({ status: 'fail', message: expect.stringContaining('does not exist') });
  });

  test('warns when the topic cannot be read from the management account', async () => {
    const result = await preflight({ topic: 'denied' }, byArn());
    expect(of(result, 'security-topic')[0]).toMatchObject({ status: 'warn', message: expect.stringContaining('check by hand that its policy lets cloudwatch.amazonaws.com publish from 111111111111') });
    expect(result.unread).toEqual([expect.objectContaining({ api: 'sns:GetTopicAttributes' })]);
  });
});

describe('centralized root access', () => {
  test('warns with the commands to run when the features are off, and the baseline SCP exemption still passes', async () => {
    const result = await preflight({ rootAccess: 'off' });
    expect(of(result, 'centralized-root-access').map((f) => [f.target, f.status])).toEqual([['baseline SCP', 'pass'], ['organization o-exampleorgid', 'warn']]);
    expect(of(result, 'centralized-root-access')[1].message).toContain('aws iam enable-organizations-root-sessions');
    expect(failed(result)).toEqual(REACH_FAILURES);
  });

  test('a caller IAM does not answer is a warning and an unread item naming iam:ListOrganizationsFeatures', async () => {
    const result = await preflight({ rootAccess: 'not-allowed' });
    const [features] = of(result, 'centralized-root-access').filter((f) => f.target === 'organization');
    expect(features.status).toBe('warn');
    expect(features.message).toContain('neither the management account nor IAM\'s delegated administrator');
    expect(result.unread).toEqual([expect.objectContaining({ target: 'organization', api: 'iam:ListOrganizationsFeatures' })]);
  });
});

describe('policyLetsCloudWatchPublish', () => {
  test.each([
    [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }, true],
    [{ Effect: 'Allow', Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] }, Action: ['SNS:Publish'] }, true],
    [{ Effect: 'Allow', Principal: '*', Action: 'sns:*' }, true],
    [{ Effect: 'Deny', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }, false],
    [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Subscribe' }, false],
    [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sns:Publish' }, false],
  ])('reads %j as %s', (statement, expected) => {
    expect(policyLetsCloudWatchPublish(JSON.stringify({ Statement: [statement] }))).toBe(expected);
  });

  test('is false for no policy or unreadable JSON', () => {
    expect(policyLetsCloudWatchPublish(undefined)).toBe(false);
    expect(policyLetsCloudWatchPublish('{')).toBe(false);
  });
});

describe('order', () => {
  test('prints the findings in the same order on every run, whatever order concurrent calls finish in', async () => {
    const config = configWith((c) => { c.rootChecks.organizationalUnits = ['Workloads:Prod', 'Security', 'Sandbox']; });
    const first = await preflight({}, config);
    mocks.splice(0).forEach((m) => m.restore());
    const second = await preflight({}, config);
    expect(second.findings.map((f) => `${f.check} ${f.target}`)).toEqual(first.findings.map((f) => `${f.check} ${f.target}`));
    expect(first.findings.map((f) => f.check)).toEqual([...first.findings.map((f) => f.check)].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });
  const order = ['credentials', 'organization', 'home-region', 'baseline-stack-set', 'log-group', 'log-group-properties', 'organization-trail', 'trail-settings', 'trail-delivery', 'recorded-log-group', 'execution-role', 'execution-role-policy', 'ou-path', 'ou-resolution', 'enrolment', 'config-recording', 'scp-slots', 'security-topic', 'cloudwatch1-topic', 'centralized-root-access', 'scp-reach'];
});

describe('runPreflight: AWS Config recording in the root-check accounts', () => {
  test('a 4.0 landing zone with the Config integration off: fails naming the accounts that record nothing (exit 1)', async () => {
    const result = await preflight({ recording: ['222222222222', '222222222223'] }, configWith(() => undefined), { aggregator: true });
    expect(result.ok).toBe(false);
    const [finding] = of(result, 'config-recording');
    expect(finding).toMatchObject({ status: 'fail', target: 'aggregator aws-controltower-GuardrailsComplianceAggregator', api: 'config:GetAggregateDiscoveredResourceCounts' });
    expect(finding.message).toMatch(/^4 of 6 account\(s\) the root checks target record nothing with AWS Config in us-east-1: 333333333333 \(Prod App\), 333333333334 \(Prod Web\), 333333333335 \(Test App\), 333333333336 \(Sandbox 1\)\. /);
  });

  test('without --aggregator or --aggregator-profile: not checked, with the command; no Config call', async () => {
    const pacer = createPacer();
    const result = await preflight({}, configWith(() => undefined), { pacer });
    expect(of(result, 'config-recording')).toEqual([expect.objectContaining({ status: 'warn', message: expect.stringContaining('--aggregator-profile') })]);
    expect(pacer.counts()['config:GetAggregateDiscoveredResourceCounts']).toBeUndefined();
  });

  test('an aggregator that denies access: a warning, listed as unread, the rest goes on', async () => {
    const denied = Object.assign(new Error('not authorized to perform: config:GetAggregateDiscoveredResourceCounts'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    const result = await preflight({ recording: denied }, configWith(() => undefined), { aggregator: true });
    expect(of(result, 'config-recording')[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: could not read the accounts recording in us-east-1: access denied/) });
    expect(result.unread).toContainEqual(expect.objectContaining({ target: 'aggregator aws-controltower-GuardrailsComplianceAggregator', api: 'config:GetAggregateDiscoveredResourceCounts' }));
  });
});

describe('runPreflight: the organization trail in every landing zone in use', () => {
  const lines = (result: PreflightResult) => result.findings
    .filter((f) => ['log-group', 'organization-trail', 'trail-settings', 'recorded-log-group'].includes(f.check))
    .map((f) => `${f.status} ${f.check}: ${f.message}`);

  test('a 3.3 landing zone with the default name passes', async () => {
    const result = await preflight({ trails: LANDING_ZONE_3_3 });
    expect(lines(result).every((l) => l.startsWith('pass'))).toBe(true);
  });

  test('a 4.0 landing zone built with the default name: the log group is missing and differs from the trail\'s, run resolve', async () => {
    const result = await preflight({ trails: LANDING_ZONE_4_0, logGroups: ['aws-controltower/CloudTrailLogs-tfw-qeb'] });
    expect(result.ok).toBe(false);
    expect(lines(result)).toEqual([
      expect.stringMatching(/^fail log-group: no log group aws-controltower\/CloudTrailLogs in the management account .*run `root-guard resolve`/),
      'pass organization-trail: arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail delivers to aws-controltower/CloudTrailLogs-tfw-qeb',
      expect.stringMatching(/^pass trail-settings: organization trail/),
      expect.stringMatching(/^pass trail-settings: multi-Region/),
      'pass trail-settings: logging',
      expect.stringMatching(/^fail recorded-log-group: the package is built for aws-controltower\/CloudTrailLogs \(the default name before landing zone 4\.0\) but the trail delivers to aws-controltower\/CloudTrailLogs-tfw-qeb: .*run `root-guard resolve`/),
    ]);
  });

  test('a 4.0 landing zone after resolve: the recorded name passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-pre-'));
    writeFileSync(join(dir, OU_RESOLUTION_FILE), renderOuResolution({
      resolvedAt: '2026-12-01T10:00:00.000Z',
      targets: {},
      organizationTrail: {
        trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail', isOrganizationTrail: true, isMultiRegionTrail: true, isLogging: true,
        logGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs-tfw-qeb:*', logGroupName: 'aws-controltower/CloudTrailLogs-tfw-qeb', landingZoneVersion: 'not read',
      },
    }));
    const result = await preflight({ trails: LANDING_ZONE_4_0, logGroups: ['aws-controltower/CloudTrailLogs-tfw-qeb'] }, undefined, { configFile: join(dir, 'root-guard.config.yaml') });
    expect(lines(result).every((l) => l.startsWith('pass'))).toBe(true);
    expect(of(result, 'recorded-log-group')[0].message).toContain('(recorded by root-guard resolve)');
  });

  test('an organization with its own trail, named in the config', async () => {
    const config = configWith((c) => { c.organizationTrail = { logGroupName: '/org/cloudtrail' }; });
    const result = await preflight({ trails: OWN_ORGANIZATION_TRAIL, logGroups: ['/org/cloudtrail', 'account-audit'] }, config);
    expect(lines(result).every((l) => l.startsWith('pass'))).toBe(true);
    expect(of(result, 'organization-trail')[0].message).toBe('arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail delivers to /org/cloudtrail');
  });

  test('no CloudWatch Logs delivery: one failing line with the fix, no trail-settings lines', async () => {
    const result = await preflight({ trails: NO_CLOUDWATCH_DELIVERY, logGroups: [] });
    expect(of(result, 'organization-trail')).toEqual([expect.objectContaining({ status: 'fail', api: 'cloudtrail:DescribeTrails', message: expect.stringMatching(/^no trail delivers to CloudWatch Logs in us-east-1: .*turn on the AWS CloudTrail integration/) })]);
    expect(of(result, 'trail-settings')).toEqual([]);
    expect(of(result, 'recorded-log-group')).toEqual([]);
  });

  test('a trail that is not logging fails its own line', async () => {
    const result = await preflight({ trails: LANDING_ZONE_3_3, trailsLogging: false });
    expect(of(result, 'trail-settings').map((f) => `${f.status} ${f.api}`)).toEqual(['pass cloudtrail:DescribeTrails', 'pass cloudtrail:DescribeTrails', 'fail cloudtrail:GetTrailStatus']);
    expect(result.ok).toBe(false);
  });
});
