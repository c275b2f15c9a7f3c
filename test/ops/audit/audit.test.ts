import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SNSClient } from '@aws-sdk/client-sns';
import { configSchema, type RootGuardConfig } from '../../../src/config/schema';
import { minimalConfig } from '../../support/config';
import { isUserError } from '../../../src/errors';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { AUDIT_EXIT, runAudit, type AuditReport } from '../../../src/ops/audit/audit';
import type { OperatingLogGroup } from '../../../src/plan/organization-trail';
import { LANDING_ZONE_4_0, NO_CLOUDWATCH_DELIVERY } from '../../support/fake-trails';
import {
  accessDenied, DEPLOYED_TOPIC, deployedOrganization, instance, orgThrottled, serviceError, simulateAws, withFastAlerts, type SimModel, type SimOptions, type Simulation,
} from '../../support/simulated-aws';

let sim: Simulation | undefined;
afterEach(() => sim?.restore());

const CONFIG: RootGuardConfig = minimalConfig();
const TOPIC = DEPLOYED_TOPIC;

function clients() {
  const region = { region: 'us-east-1' };
  return {
    organizations: new OrganizationsClient(region),
    cloudformation: new CloudFormationClient(region),
    cloudwatch: new CloudWatchClient(region),
    logs: new CloudWatchLogsClient(region),
    sns: new SNSClient(region),
    config: new ConfigServiceClient(region),
    cloudtrail: new CloudTrailClient(region),
    iam: new IAMClient(region),
  };
}

async function audit(model: SimModel, options: SimOptions = {}, config = CONFIG, logGroup?: OperatingLogGroup): Promise<AuditReport> {
  sim = simulateAws(model, options);
  return runAudit(clients(), { config, pacer: createPacer(), ...(logGroup ? { logGroup } : {}) });
}

const account = (report: AuditReport, id: string) => report.accounts.find((a) => a.id === id)!;

describe('runAudit', () => {
  test('passes (exit 0) when every account has what the config deploys', async () => {
    const report = await audit(deployedOrganization());
    expect(report.summary).toEqual(expect.objectContaining({ accounts: 6, covered: 6, uncovered: 0, partial: false, exitCode: AUDIT_EXIT.ok }));
    expect(report.orgChecks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(report.unread).toEqual([]);
  });

  test('counts an account whose root credentials were deleted (Config rules NOT_APPLICABLE) as covered, with the reason (issue 24 §4)', async () => {
    const model = deployedOrganization();
    const gone = (rule: string) => ({ ...model.compliance[rule], '333333333335': 'NOT_APPLICABLE' });
    const report = await audit({ ...model, compliance: { 'root-guard-root-mfa': gone('root-guard-root-mfa'), 'root-guard-root-access-key': gone('root-guard-root-access-key') } });
    expect(report.summary).toEqual(expect.objectContaining({ covered: 6, unknown: 0, partial: false, exitCode: AUDIT_EXIT.ok }));
    const items = account(report, '333333333335').items.filter((i) => i.id.startsWith('config:'));
    expect(items.map((i) => [i.status, i.detail])).toEqual([
      ['ok', 'NOT_APPLICABLE (no root credentials: centralized root access)'],
      ['ok', 'NOT_APPLICABLE (no root credentials: centralized root access)'],
    ]);
    // One details call per rule, for the one account the summary left undecided.
    expect(report.apiCalls['config:GetAggregateComplianceDetailsByConfigRule']).toBe(2);
  });

  test('follows every NextToken: the same result with pages of one item', async () => {
    const report = await audit(deployedOrganization(), { pageSize: { organizations: 1, cloudformation: 1, config: 1, sns: 1 } });
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.ok);
    expect(report.summary.covered).toBe(6);
    // One page each for the topic, alarm and tamper-alert stack sets' single instance, five for the root checks.
    expect(sim!.calls['cloudformation:ListStackInstances']).toBe(1 + 1 + 1 + 1 + 1 + 5); // topic, alarm, tamper alerts, sentinel reader and verifier: one page each; root checks: 5
    expect(report.apiCalls['organizations:ListAccounts']).toBe(6);
  });

  test('reads SCP attachment with one ListTargetsForPolicy stream, never per account', async () => {
    const report = await audit(deployedOrganization());
    expect(report.apiCalls['organizations:ListTargetsForPolicy']).toBe(1);
    expect(report.apiCalls['organizations:ListPoliciesForTarget']).toBeUndefined();
    expect(report.apiCalls['cloudformation:ListStackInstances']).toBe(6); // one per stack set (topic, alarm, tamper alerts, the sentinel's two, root checks), all accounts at once
  });

  test('exits 1 and lists the gap per account when an instance is missing or not CURRENT', async () => {
    const model = deployedOrganization();
    const checks = model.stackSets['CustomControlTower-root-guard-root-checks'].filter((i) => i.Account !== '333333333335');
    const report = await audit({
      ...model,
      stackSets: {
        ...model.stackSets,
        'CustomControlTower-root-guard-root-checks': [...checks.filter((i) => i.Account !== '333333333334'), instance('333333333334', 'us-east-1', 'INOPERABLE', 'FAILED', 'Account is suspended')],
      },
    });
    expect(report.summary).toEqual(expect.objectContaining({ uncovered: 2, exitCode: AUDIT_EXIT.gaps }));
    expect(account(report, '333333333335').items.find((i) => i.id.startsWith('stack-set:'))?.detail).toMatch(/^no instance of CustomControlTower-root-guard-root-checks in us-east-1/);
    expect(account(report, '333333333334').items.find((i) => i.id.startsWith('stack-set:'))?.detail).toBe('instance of CustomControlTower-root-guard-root-checks is INOPERABLE (FAILED: Account is suspended)');
  });

  test('exits 1 when the root user of an account has no MFA', async () => {
    const model = deployedOrganization();
    const report = await audit({ ...model, compliance: { ...model.compliance, 'root-guard-root-mfa': { ...model.compliance['root-guard-root-mfa'], '333333333333': 'NON_COMPLIANT' } } });
    expect(account(report, '333333333333').result).toBe('non-compliant');
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });

  test('exits 1 when the alarm would not notify anyone: actions disabled, no confirmed subscriber', async () => {
    const model = deployedOrganization();
    const report = await audit({
      ...model,
      alarms: model.alarms.map((a) => (a.AlarmName === 'root-guard-root-activity' ? { ...a, ActionsEnabled: false } : a)),
      topics: { [TOPIC]: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'security@example.com' }] },
    });
    const check = (id: string) => report.orgChecks.find((c) => c.id === id)!;
    expect(check('alarm-actions-enabled')).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining('enable-alarm-actions --alarm-names root-guard-root-activity') }));
    expect(check('topic-subscribers')).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining('1 pending (security@example.com)') }));
    // The shared health rules (src/health/) say it too, for every root-guard alarm and topic.
    expect(check('health-alarm')).toEqual(expect.objectContaining({ status: 'failing', detail: 'root-guard-root-activity: actions disabled (redeploy the package; aws cloudwatch enable-alarm-actions for disabled actions)' }));
    expect(check('health-topic-subscriptions')).toEqual(expect.objectContaining({ status: 'failing' }));
    expect(report.summary).toEqual(expect.objectContaining({ covered: 6, orgGaps: 4, exitCode: AUDIT_EXIT.gaps }));
  });

  test('fails on a mute rule that targets a root-guard alarm, even one made before deployment (issue 22, 23)', async () => {
    const report = await audit({
      ...deployedOrganization(),
      muteRules: [{ Name: 'quiet-hours', AlarmMuteRuleArn: 'arn:aws:cloudwatch:us-east-1:111111111111:alarm-mute-rule:quiet-hours', Status: 'SCHEDULED', MuteTargets: { AlarmNames: ['root-guard-root-activity'] } }],
    });
    expect(report.orgChecks.find((c) => c.id === 'health-alarm-muted')).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining('root-guard-root-activity: muted by quiet-hours (SCHEDULED)') }));
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });

  test('fails when the sentinel\'s read-only role is deleted or no longer trusts the verifier', async () => {
    const deleted = await audit({ ...deployedOrganization(), readerRoleTrust: null });
    expect(deleted.orgChecks.find((c) => c.id === 'sentinel-reader-role')).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringContaining('no role root-guard-sentinel-reader') }));
    expect(deleted.summary.exitCode).toBe(AUDIT_EXIT.gaps);
    sim?.restore();
    const retrusted = await audit({ ...deployedOrganization(), readerRoleTrust: 'arn:aws:iam::111111111111:role/Admin' });
    expect(retrusted.orgChecks.find((c) => c.id === 'sentinel-reader-role')?.status).toBe('failing');
  });

  test('fails on a delivery error the trail reports, and on a stale last delivery', async () => {
    const errored = await audit({ ...deployedOrganization(), trailDelivery: { LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 60_000), LatestCloudWatchLogsDeliveryError: 'AccessDeniedException' } });
    expect(errored.orgChecks.find((c) => c.id === 'health-trail-delivery')).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining('delivery error: AccessDeniedException') }));
    sim?.restore();
    const stale = await audit({ ...deployedOrganization(), trailDelivery: { LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 3 * 3_600_000) } });
    expect(stale.orgChecks.find((c) => c.id === 'health-trail-delivery')).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining('minutes ago (more than 30 minutes)') }));
    expect(stale.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });

  test('flags a metric filter whose pattern is not the exact CIS string', async () => {
    const model = deployedOrganization();
    const report = await audit({ ...model, metricFilters: [{ ...model.metricFilters![0], filterPattern: '{ $.userIdentity.type = "Root" }' }] });
    expect(report.orgChecks.find((c) => c.id === 'metric-filter')).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining('Security Hub CloudWatch.1') }));
  });

  test('reports an aggregator that denies access, and exits 3 (partial) instead of failing', async () => {
    const report = await audit(deployedOrganization(), { failures: { 'config:DescribeAggregateComplianceByConfigRules': serviceError('AccessDeniedException', 'not authorized to perform: config:DescribeAggregateComplianceByConfigRules') } });
    expect(report.summary).toEqual(expect.objectContaining({ uncovered: 0, unknown: 5, partial: true, exitCode: AUDIT_EXIT.partial }));
    expect(report.unread.map((u) => u.target)).toEqual(['Config rule root-guard-root-mfa', 'Config rule root-guard-root-access-key']);
    expect(report.unread[0].reason).toMatch(/access denied \(AccessDeniedException/);
  });

  test('says to use the Audit account\'s profile when the aggregator is not in the caller\'s account', async () => {
    const model = { ...deployedOrganization(), aggregatorName: 'some-other-aggregator' };
    const report = await audit(model);
    expect(report.unread[0].reason).toContain('pass --aggregator-profile');
  });

  test('reports a security account that denies ListSubscriptionsByTopic, carries on, and fails naming CloudWatch.1', async () => {
    const report = await audit(deployedOrganization(), { failures: { [`sns:ListSubscriptionsByTopic:${TOPIC}`]: serviceError('AuthorizationError', 'User is not authorized to perform: SNS:ListSubscriptionsByTopic') } });
    expect(report.orgChecks.find((c) => c.id === 'topic-subscribers')?.status).toBe('unknown');
    expect(report.unread).toEqual([expect.objectContaining({ api: 'sns:ListSubscriptionsByTopic', reason: expect.stringContaining('access denied (AuthorizationError') })]);
    // Security Hub CloudWatch.1 asks the same question with the same account: its finding would be WARNING (issue 24 §2).
    expect(report.orgChecks.find((c) => c.id === 'cloudwatch1-topic')).toEqual(expect.objectContaining({
      status: 'failing',
      detail: expect.stringMatching(/^CloudWatch\.1 reports WARNING, not PASSED: .*\(AuthorizationError\); the package's topic policy grants it \(statement AllowTheManagementAccountToSeeSubscriptions\)/),
    }));
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });

  test('reports CIS v7.0 2.1.1 (centralized root access) among the org checks: ok when both features are on, failing with the command when not', async () => {
    const on = await audit(deployedOrganization());
    expect(on.orgChecks.find((c) => c.id === 'cis-2.1.1-centralized-root-access')).toEqual({
      id: 'cis-2.1.1-centralized-root-access', label: 'CIS AWS Foundations Benchmark v7.0 2.1.1: centralized root access in AWS Organizations',
      status: 'ok', detail: 'enabled in o-exampleorgid (RootCredentialsManagement, RootSessions)',
    });
    sim?.restore();
    const off = await audit({ ...deployedOrganization(), rootAccessFeatures: ['RootCredentialsManagement'] });
    expect(off.orgChecks.find((c) => c.id === 'cis-2.1.1-centralized-root-access')).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining('RootSessions') }));
    expect(off.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });

  test('passes CloudWatch.1\'s topic check when the management account may list the subscriptions', async () => {
    const report = await audit(deployedOrganization());
    expect(report.orgChecks.find((c) => c.id === 'cloudwatch1-topic')?.status).toBe('ok');
  });

  test('reports throttling that outlived the SDK\'s retries as unread, not as a crash', async () => {
    const report = await audit(deployedOrganization(), {
      failures: {
        'organizations:ListAccountsForParent:ou-abcd-prod0000': orgThrottled(),
        'organizations:ListChildren:ou-abcd-prod0000': orgThrottled(),
        'cloudformation:ListStackInstances:CustomControlTower-root-guard-security-topic': serviceError('Throttling', 'Rate exceeded'),
      },
    });
    expect(report.unread.map((u) => u.target).sort()).toEqual(['accounts in OU Workloads:Prod (ou-abcd-prod0000)', 'stack set CustomControlTower-root-guard-security-topic']);
    expect(account(report, '333333333333')).toEqual(expect.objectContaining({ ouPath: '?', result: 'unknown' }));
    expect(account(report, '222222222222').items.find((i) => i.id === 'stack-set:CustomControlTower-root-guard-security-topic')?.status).toBe('unknown');
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.partial);
  });

  test('still exits 1 when gaps are found in a partial audit', async () => {
    const model = deployedOrganization();
    const report = await audit(
      { ...model, policies: model.policies.filter((p) => p.name !== 'root-guard-root-baseline') },
      { failures: { 'config:DescribeAggregateComplianceByConfigRules': serviceError('AccessDeniedException', 'denied') } },
    );
    expect(report.summary.partial).toBe(true);
    expect(report.orgChecks.find((c) => c.id === 'scp')?.status).toBe('missing');
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });

  test('stops with a user error naming the call when the accounts cannot be listed', async () => {
    sim = simulateAws(deployedOrganization(), { failures: { 'organizations:ListAccounts': accessDenied() } });
    const error = await runAudit(clients(), { config: CONFIG, pacer: createPacer() }).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^organizations: cannot list the organization's accounts: access denied \(AccessDeniedException/);
  });
});

describe('runAudit and the organization trail', () => {
  const SUFFIXED = 'aws-controltower/CloudTrailLogs-tfw-qeb';
  /** A 4.0 landing zone with the package's filter deployed on the suffixed group. */
  const landingZone40 = (): SimModel => {
    const model = deployedOrganization();
    return { ...model, trails: LANDING_ZONE_4_0, metricFilters: model.metricFilters!.map((f) => ({ ...f, logGroupName: SUFFIXED })) };
  };
  const check = (report: AuditReport, id: string) => report.orgChecks.find((c) => c.id === id)!;

  test('a 4.0 landing zone, package built from the record: ok, and the filter is checked on the suffixed group', async () => {
    const report = await audit(landingZone40(), {}, CONFIG, { logGroupName: SUFFIXED, source: 'resolution' });
    expect(check(report, 'trail-log-group').status).toBe('ok');
    expect(check(report, 'metric-filter')).toEqual(expect.objectContaining({ label: `metric filter root-guard-root-activity on ${SUFFIXED}`, status: 'ok' }));
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.ok);
    // GetTrailStatus twice: IsLogging for the trail settings, delivery time and error for the health rules.
    expect(report.apiCalls).toEqual(expect.objectContaining({ 'cloudtrail:DescribeTrails': 1, 'cloudtrail:GetTrailStatus': 2 }));
  });

  test('a 4.0 landing zone, package built for the pre-4.0 name: exits 1, both names, and the filter reported on the group the trail delivers to', async () => {
    const model = deployedOrganization(); // the filter sits on the old name, where no event arrives
    const report = await audit({ ...model, trails: LANDING_ZONE_4_0 });
    expect(check(report, 'trail-log-group')).toEqual(expect.objectContaining({
      status: 'failing', detail: expect.stringContaining(`built for aws-controltower/CloudTrailLogs (the default name before landing zone 4.0) but arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail delivers to ${SUFFIXED}`),
    }));
    expect(check(report, 'metric-filter')).toEqual(expect.objectContaining({ label: `metric filter root-guard-root-activity on ${SUFFIXED}`, status: 'missing' }));
    // Every root-guard filter, not only the root one, is missing from the group the trail delivers to.
    expect(check(report, 'health-filter')).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringContaining(`root-guard-tamper-`) }));
    expect(report.summary).toEqual(expect.objectContaining({ covered: 6, orgGaps: 3, exitCode: AUDIT_EXIT.gaps }));
  });

  test('no trail delivers to CloudWatch Logs: exits 1, the filter is checked on the package\'s group', async () => {
    const report = await audit({ ...deployedOrganization(), trails: NO_CLOUDWATCH_DELIVERY });
    expect(check(report, 'trail-log-group')).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringContaining('no trail delivers to CloudWatch Logs in us-east-1') }));
    expect(check(report, 'metric-filter').label).toBe('metric filter root-guard-root-activity on aws-controltower/CloudTrailLogs');
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });

  test('the trail cannot be read: unknown with the API, listed as unread, the audit partial (exit 3)', async () => {
    const report = await audit(deployedOrganization(), { failures: { 'cloudtrail:DescribeTrails': serviceError('AccessDeniedException', 'User is not authorized to perform: cloudtrail:DescribeTrails') } });
    expect(check(report, 'trail-log-group')).toEqual(expect.objectContaining({ status: 'unknown', api: 'cloudtrail:DescribeTrails' }));
    expect(report.unread).toEqual([expect.objectContaining({ api: 'cloudtrail:DescribeTrails', reason: expect.stringContaining('access denied (AccessDeniedException') })]);
    expect(check(report, 'metric-filter').status).toBe('ok'); // on the package's group, which has the filter
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.partial);
  });

  test('a trail that stopped logging: exits 1 with the command to start it', async () => {
    const report = await audit({ ...deployedOrganization(), trailLogging: false });
    expect(check(report, 'trail-settings')).toEqual(expect.objectContaining({ status: 'failing', detail: expect.stringContaining('aws cloudtrail start-logging --name') }));
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });
});

describe('runAudit with fastAlerts', () => {
  const FAST_CONFIG: RootGuardConfig = configSchema.parse({ ...CONFIG, fastAlerts: { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' } });
  const BUS = 'CustomControlTower-root-guard-root-event-bus';
  // One member stack set: the forwarder is part of the root checks' stack set (src/plan/stack-sets.ts).
  const FORWARDER = 'CustomControlTower-root-guard-root-checks';
  const deployed = () => withFastAlerts(deployedOrganization(), ['us-east-1', 'eu-west-1']);
  const forwarderItem = (report: AuditReport, id: string) => account(report, id).items.find((i) => i.id === `stack-set:${FORWARDER}#forwarder`);

  test('passes (exit 0) with the bus in the security account and a CURRENT forwarder in every covered account and Region, one ListStackInstances stream per Region', async () => {
    const report = await audit(deployed(), {}, FAST_CONFIG);
    expect(report.summary).toEqual(expect.objectContaining({ accounts: 6, covered: 6, exitCode: AUDIT_EXIT.ok }));
    expect(report.orgChecks.find((c) => c.id === `stack-set:${BUS}`)?.status).toBe('ok');
    expect(forwarderItem(report, '111111111111')?.status).toBe('ok');
    // topic, alarm, tamper alerts, the sentinel's two, bus, the member stack set in the home region + the member
    // stack set in eu-west-1 (one stack set for the root checks and the forwarder: its home-region instances are read once).
    expect(report.apiCalls['cloudformation:ListStackInstances']).toBe(8);
    expect(report.orgChecks.filter((c) => c.id === `stack-set:${FORWARDER}`)).toHaveLength(1);
  });

  test('exits 1 and names the Region when an account has no forwarder there', async () => {
    const model = deployed();
    const forwarders = model.stackSets[FORWARDER].filter((i) => !(i.Account === '333333333334' && i.Region === 'eu-west-1'));
    const report = await audit({ ...model, stackSets: { ...model.stackSets, [FORWARDER]: forwarders } }, {}, FAST_CONFIG);
    expect(report.summary).toEqual(expect.objectContaining({ covered: 5, uncovered: 1, exitCode: AUDIT_EXIT.gaps }));
    expect(forwarderItem(report, '333333333334')?.detail).toMatch(new RegExp(`^no instance of ${FORWARDER} in eu-west-1 \\(run the CfCT pipeline`));
  });

  test('exits 1 when a forwarder instance is not CURRENT, with CloudFormation\'s reason', async () => {
    const model = deployed();
    const forwarders = [
      ...model.stackSets[FORWARDER].filter((i) => !(i.Account === '333333333335' && i.Region === 'us-east-1')),
      instance('333333333335', 'us-east-1', 'OUTDATED', 'FAILED', 'Resource handler returned message: "Access Denied"'),
    ];
    const report = await audit({ ...model, stackSets: { ...model.stackSets, [FORWARDER]: forwarders } }, {}, FAST_CONFIG);
    expect(account(report, '333333333335').result).toBe('uncovered');
    expect(forwarderItem(report, '333333333335')?.detail).toBe(`instance of ${FORWARDER} in us-east-1 is OUTDATED (FAILED: Resource handler returned message: "Access Denied")`);
    expect(report.summary.exitCode).toBe(AUDIT_EXIT.gaps);
  });

  test('exits 1 with an org-level gap when the bus has no instance in the security account', async () => {
    const model = deployed();
    const report = await audit({ ...model, stackSets: { ...model.stackSets, [BUS]: [instance('333333333333', 'us-east-1')] } }, {}, FAST_CONFIG);
    expect(report.orgChecks.find((c) => c.id === `stack-set:${BUS}`)).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringContaining('security account 222222222222') }));
    expect(report.summary).toEqual(expect.objectContaining({ covered: 6, orgGaps: 1, exitCode: AUDIT_EXIT.gaps }));
  });

  test('flags a deployment that predates fast alerts: no bus, and the member stack set has no instance outside the home region', async () => {
    const report = await audit(deployedOrganization(), {}, FAST_CONFIG);
    expect(report.orgChecks.filter((c) => c.status === 'missing').map((c) => c.id)).toEqual([`stack-set:${BUS}`]);
    expect(forwarderItem(report, '333333333334')?.detail).toMatch(/^no instance of CustomControlTower-root-guard-root-checks in eu-west-1 /);
    expect(report.summary).toEqual(expect.objectContaining({ uncovered: 6, exitCode: AUDIT_EXIT.gaps })); // the management account and the five root-check accounts
  });

  test('lists an unreadable member stack set once per Region, and exits 3 when nothing else is wrong', async () => {
    const report = await audit(deployed(), { failures: { [`cloudformation:ListStackInstances:${FORWARDER}`]: serviceError('Throttling', 'Rate exceeded') } }, FAST_CONFIG);
    expect(report.unread.map((u) => u.target)).toEqual([`stack set ${FORWARDER}`, `stack set ${FORWARDER} in eu-west-1`]);
    expect(report.summary).toEqual(expect.objectContaining({ unknown: 6, exitCode: AUDIT_EXIT.partial }));
  });
});
