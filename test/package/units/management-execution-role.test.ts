import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { managementExecutionRoleUnit } from '../../../src/package/units/management-execution-role';
import { createPlan, executionRoleStatements } from '../../../src/plan';
import { committedConfig, configWith, REPO_ROOT } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('managementExecutionRoleUnit', () => {
  test('is a prerequisite outside templates/ and outside the manifest', () => {
    const unit = managementExecutionRoleUnit(createPlan(committedConfig()));
    expect(unit.resources).toEqual([]);
    expect(unit.template?.file).toBe('prerequisites/management-account-execution-role.json');
    Template.fromStack(createStack(unit.template)).hasResourceProperties('AWS::IAM::Role', { RoleName: 'AWSControlTowerExecution' });
  });
});

describe('managementExecutionRoleUnit: tamper alerts', () => {
  const statements = (config: ReturnType<typeof committedConfig>) => {
    const policy = Object.values(Template.fromStack(createStack(managementExecutionRoleUnit(createPlan(config)).template)).findResources('AWS::IAM::Policy'))[0] as any;
    return policy.Properties.PolicyDocument.Statement as { Sid: string; Action: string | string[]; Resource: unknown }[];
  };

  test('lets CfCT deploy the tamper topic, its key and its rules, by name', () => {
    const bySid = new Map(statements(committedConfig()).map((s) => [s.Sid, s]));
    expect(bySid.get('ManageTamperTopic')?.Action).toContain('sns:CreateTopic');
    expect(JSON.stringify(bySid.get('ManageTamperTopic')?.Resource)).toContain(':root-guard-tamper-alerts');
    expect(bySid.get('CreateTamperTopicKey')).toMatchObject({ Action: 'kms:CreateKey', Resource: '*' });
    expect(JSON.stringify(bySid.get('ManageTamperTopicKey')?.Resource)).toContain('alias/root-guard-tamper-alerts-topic');
    expect(JSON.stringify(bySid.get('ManageTamperRules')?.Resource)).toContain(':rule/root-guard-tamper-*');
  });

  test('adds none of it with tamperAlerts: false', () => {
    const sids = statements(configWith((c) => { c.tamperAlerts = false; })).map((s) => s.Sid);
    expect(sids.filter((sid) => sid.includes('Tamper'))).toEqual([]);
  });
});

describe('managementExecutionRoleUnit: the statements preflight expects', () => {
  const sidsOf = (config: ReturnType<typeof committedConfig>) => {
    const policies = Template.fromStack(createStack(managementExecutionRoleUnit(createPlan(config)).template)).findResources('AWS::IAM::Policy');
    return Object.values(policies).flatMap((p: any) => (p.Properties.PolicyDocument.Statement as { Sid: string }[]).map((s) => s.Sid));
  };
  const fast = (regions: string[]) => (c: ReturnType<typeof committedConfig>) => { c.fastAlerts = { regions, organizationId: 'o-exampleorgid' }; };

  test.each([
    ['the committed config (tamper alerts on)', configWith(() => undefined)],
    ['tamper alerts off', configWith((c) => { c.tamperAlerts = false; })],
    ['root checks in the management account', configWith((c) => { c.rootChecks.includeManagementAccount = true; })],
    ['fast alerts in the home region only', configWith(fast(['us-east-1']))],
    ['fast alerts in two Regions, everything on', configWith((c) => { fast(['us-east-1', 'eu-west-1'])(c); c.rootChecks.includeManagementAccount = true; })],
  ])('has exactly the Sids executionRoleStatements lists for %s, in order', (_name, config) => {
    expect(sidsOf(config)).toEqual(executionRoleStatements(config).map((s) => s.sid));
  });

  test('the committed prerequisite carries the committed config\'s statements', () => {
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'prerequisites/management-account-execution-role.json'), 'utf8')) as { Resources: Record<string, any> };
    const sids = Object.values(committed.Resources).filter((r) => r.Type === 'AWS::IAM::Policy').flatMap((r) => r.Properties.PolicyDocument.Statement.map((s: { Sid: string }) => s.Sid));
    expect(sids).toEqual(executionRoleStatements(committedConfig()).map((s) => s.sid));
  });
});
