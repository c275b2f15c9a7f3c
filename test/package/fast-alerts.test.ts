import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { deployedMetricFilters, METRIC_FILTERS_PER_LOG_GROUP } from '../../src/detection/metric-filters';
import { generatePackage } from '../../src/package/generate';
import { PACKAGE_PATHS, securityEventBusArn } from '../../src/plan';
import { formatProblem, validateManifestFile } from '../../src/cfct-manifest';
import { cfctSchemaCheck } from '../support/cfct';
import { fixtureConfig, configWith } from '../support/config';
import { CFCT_MANIFEST_CHECK, judgeTest } from '../support/external-judges';

type Template = { Description?: string; Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
type Manifest = { resources: { name: string; deploy_method?: string; deployment_targets: { accounts?: string[]; organizational_units?: string[] }; regions?: string[] }[] };
const template = (files: ReadonlyMap<string, string>, path: string): Template => JSON.parse(files.get(path) as string) as Template;
const manifest = (files: ReadonlyMap<string, string>): Manifest => parse(files.get('manifest.yaml') as string) as Manifest;
const ofType = (t: Template, type: string) => Object.values(t.Resources).filter((r) => r.Type === type);

const fastAndCis = configWith((c) => {
  c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid', accountNames: { '333333333333': 'Workloads Prod' } };
  c.cisMonitoring = 'all';
});

describe('generatePackage with fastAlerts and cisMonitoring', () => {
  const off = generatePackage(fixtureConfig());
  const on = generatePackage(fastAndCis);

  const written = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-fast-'));
    for (const [path, text] of on) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return join(dir, 'manifest.yaml');
  };

  test("passes the project's own check of CfCT's manifest schema, rules and referenced files", () => {
    const file = written();
    expect(validateManifestFile(file, on.get('manifest.yaml')!).map((p) => formatProblem(file, p))).toEqual([]);
  });

  judgeTest(CFCT_MANIFEST_CHECK)("passes CfCT's manifest schema, build-stage rules and referenced-file checks", () => {
    const result = cfctSchemaCheck(written());
    expect(result.output).toContain('OK');
    expect(result.status).toBe(0);
  });

  test('adds nothing while both are off (the fixture config)', () => {
    expect(off.has(PACKAGE_PATHS.securityEventBusTemplate)).toBe(false);
    expect(off.get(PACKAGE_PATHS.rootChecksTemplate)).not.toContain('AWS::Events::Rule');
    expect(off.has('templates/root-event-forwarder.json')).toBe(false);
    expect(ofType(template(off, PACKAGE_PATHS.alarmTemplate), 'AWS::Logs::MetricFilter')).toHaveLength(1);
    // The security topic lets the tamper bus's rules publish (tamper alerts, on by default), not a fast-alert bus's.
    expect(off.get(PACKAGE_PATHS.securityTopicTemplate)).toContain(':rule/root-guard-tamper/*');
    expect(off.get(PACKAGE_PATHS.securityTopicTemplate)).not.toContain(':rule/root-guard-root-activity/*');
    expect(off.get(PACKAGE_PATHS.executionRoleTemplate)).not.toContain('ManageForwardingRule');
  });

  test('orders the stack sets topic, alarm, bus, member stack set: CfCT deploys them one at a time in this order', () => {
    const names = manifest(on).resources.map((r) => r.name);
    expect(names.slice(0, 8)).toEqual(['root-guard-security-topic', 'root-guard-tamper-receiver', 'root-guard-root-activity-alarm', 'root-guard-tamper-alerts', 'root-guard-sentinel-reader', 'root-guard-sentinel', 'root-guard-root-event-bus', 'root-guard-root-checks']);
  });

  test('ships ONE member-account stack set (CfCT issues #174, #177): the root-check OUs plus the management account, in every fast-alert Region', () => {
    const resources = manifest(on).resources;
    const bus = resources.find((r) => r.name === 'root-guard-root-event-bus');
    expect(bus).toMatchObject({ deployment_targets: { accounts: ['222222222222'] }, regions: ['us-east-1'] });
    const memberSets = resources.filter((r) => r.deployment_targets.organizational_units && (r as { deploy_method?: string }).deploy_method === 'stack_set');
    expect(memberSets.map((r) => r.name)).toEqual(['root-guard-root-checks']);
    expect(memberSets[0].deployment_targets).toEqual({ accounts: ['111111111111'], organizational_units: ['Root'] });
    expect(memberSets[0].regions).toEqual(['us-east-1', 'eu-west-1']);
  });

  test('deploys the Config rules only in the home region (and not in the management account unless asked), the forwarder in every fast-alert Region', () => {
    const t = JSON.parse(on.get(PACKAGE_PATHS.rootChecksTemplate) as string) as Template & { Conditions: Record<string, unknown>; Resources: Record<string, { Type: string; Condition?: string }> };
    const byType = (type: string) => Object.values(t.Resources).filter((r) => r.Type === type);
    for (const rule of byType('AWS::Config::ConfigRule')) expect(rule.Condition).toBe('DeployRootChecks');
    expect(t.Conditions.DeployRootChecks).toEqual({ 'Fn::And': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }, { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '111111111111'] }] }] });
    // us-east-1 (the home region) is a fast-alert Region here: the forwarder goes everywhere the stack set goes.
    for (const r of [...byType('AWS::Events::Rule'), ...byType('AWS::IAM::Role')]) expect(r.Condition).toBeUndefined();
    const withManagement = generatePackage(configWith((c) => { c.fastAlerts = fastAndCis.fastAlerts; c.rootChecks.includeManagementAccount = true; }));
    const t2 = JSON.parse(withManagement.get(PACKAGE_PATHS.rootChecksTemplate) as string) as { Conditions: Record<string, unknown> };
    expect(t2.Conditions.DeployRootChecks).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] });
  });

  test('leaves the forwarder out of the home region when fast alerts do not list it', () => {
    const files = generatePackage(configWith((c) => { c.homeRegion = 'eu-west-1'; c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' }; }));
    const t = JSON.parse(files.get(PACKAGE_PATHS.rootChecksTemplate) as string) as { Conditions: Record<string, unknown>; Resources: Record<string, { Type: string; Condition?: string }> };
    expect(t.Conditions.DeployForwarder).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }] });
    const forwarder = Object.values(t.Resources).filter((r) => r.Type === 'AWS::Events::Rule' || r.Type === 'AWS::IAM::Role');
    expect(forwarder.map((r) => r.Condition)).toEqual(['DeployForwarder', 'DeployForwarder']);
    // The management account's home-region stack would be empty: an unconditional placeholder keeps it valid.
    expect(Object.values(t.Resources).filter((r) => r.Condition === undefined).map((r) => r.Type)).toEqual(['AWS::CloudFormation::WaitConditionHandle']);
    expect(manifest(files).resources.find((r) => r.name === 'root-guard-root-checks')?.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('forwards to the bus the package creates', () => {
    const [rule] = ofType(template(on, PACKAGE_PATHS.rootChecksTemplate), 'AWS::Events::Rule');
    expect((rule.Properties.Targets as { Arn: string }[])[0].Arn).toBe('arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity');
    expect(securityEventBusArn(fastAndCis)).toBe('arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity');
  });

  test('lets the bus rules publish to the created topic, and CfCT deploy the forwarder in the management account', () => {
    expect(on.get(PACKAGE_PATHS.securityTopicTemplate)).toContain('AllowSecurityEventBusRulesToPublish');
    const role = on.get(PACKAGE_PATHS.executionRoleTemplate) as string;
    expect(role).toContain('ManageForwardingRule');
    expect(role).toContain(':events:eu-west-1:');
    expect(role).toContain('ManageCfctStackInstancesInForwarderRegions');
  });

  test('protects the fast-alert stack instances with the baseline SCP', () => {
    const policy = [...on].find(([path]) => path.startsWith('policies/'))?.[1] as string;
    expect(policy).toContain('StackSet-CustomControlTower-root-guard-root-event-bus');
    expect(policy).toContain('StackSet-CustomControlTower-root-guard-root-checks');
    expect(policy).not.toContain('StackSet-CustomControlTower-root-guard-root-event-forwarder');
  });

  test('protects the forwarding rule and the forwarder roles with the baseline SCP, and only when fast alerts are on', () => {
    const policy = JSON.parse([...on].find(([path]) => path.startsWith('policies/'))?.[1] as string) as { Statement: { Sid: string; Resource: string }[] };
    const resources = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s.Resource]));
    expect(resources.ProtectBaseline).toContain('arn:aws:events:*:*:rule/root-guard-root-activity-forwarder');
    expect(resources.ProtectForwarderRole).toBe('arn:aws:iam::*:role/root-guard-root-event-forwarder-*');
    const rule = ofType(template(on, PACKAGE_PATHS.rootChecksTemplate), 'AWS::Events::Rule')[0];
    expect(rule.Properties.Name).toBe('root-guard-root-activity-forwarder');
    // The role the SCP pattern must match: `<prefix>-<region>`, default path `/`.
    const [role] = ofType(template(on, PACKAGE_PATHS.rootChecksTemplate), 'AWS::IAM::Role');
    expect(role.Properties.RoleName).toEqual({ 'Fn::Join': ['', ['root-guard-root-event-forwarder-', { Ref: 'AWS::Region' }]] });
    expect(role.Properties.Path).toBeUndefined();
    const offPolicy = [...off].find(([path]) => path.startsWith('policies/'))?.[1] as string;
    expect(offPolicy).not.toContain('ProtectForwarder');
    expect(offPolicy).not.toContain('root-activity-forwarder');
    // Without fast alerts, the SCP's EventBridge protection is the tamper bus's alone.
    expect(offPolicy).toContain('event-bus/root-guard-tamper');
  });

  test('deploys exactly the filters root-guard backtest evaluates, root filter first, within the 100-per-log-group quota', () => {
    const filters = ofType(template(on, PACKAGE_PATHS.alarmTemplate), 'AWS::Logs::MetricFilter').map((f) => [f.Properties.FilterName, f.Properties.FilterPattern]);
    const listed = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard', cisMonitoring: 'all' });
    expect(filters).toEqual(listed.map((f) => [f.filterName, f.pattern]));
    expect(listed[0].id).toBe('root-activity');
    expect(listed).toHaveLength(16);
    expect(listed.length).toBeLessThanOrEqual(METRIC_FILTERS_PER_LOG_GROUP);
    expect(ofType(template(on, PACKAGE_PATHS.alarmTemplate), 'AWS::CloudWatch::Alarm')).toHaveLength(15);
    expect(template(on, PACKAGE_PATHS.alarmTemplate).Description).toContain('CIS AWS Foundations 4.1, 4.2');
  });
});

describe('generatePackage with fast alerts to an existing topic', () => {
  const files = generatePackage(configWith((c) => {
    c.securityTopic = { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' };
    c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' };
    c.cisMonitoring = ['4.13'];
  }));

  test("puts the bus in the topic's account and sends alerts to that topic", () => {
    const bus = manifest(files).resources.find((r) => r.name === 'root-guard-root-event-bus');
    expect(bus?.deployment_targets.accounts).toEqual(['333333333333']);
    const rules = ofType(template(files, PACKAGE_PATHS.securityEventBusTemplate), 'AWS::Events::Rule');
    expect(rules.map((r) => (r.Properties.Targets as { Arn: string }[])[0].Arn)).toEqual(Array(rules.length).fill('arn:aws:sns:us-east-1:333333333333:security-alerts'));
  });

  test('deploys only the selected CIS control: route tables as two filters on one alarm', () => {
    const alarm = template(files, PACKAGE_PATHS.alarmTemplate);
    expect(ofType(alarm, 'AWS::Logs::MetricFilter')).toHaveLength(3);
    expect(ofType(alarm, 'AWS::CloudWatch::Alarm')).toHaveLength(2);
  });
});
