import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { synthesizeTemplates } from '../../../src/package/synthesize';
import { managementExecutionRoleUnit } from '../../../src/package/units/management-execution-role';
import { createPlan, executionRoleStatements } from '../../../src/plan';
import { fixtureConfig, configWith, FIXTURE_DIR } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('managementExecutionRoleUnit', () => {
  test('is a prerequisite outside templates/ and outside the manifest', () => {
    const unit = managementExecutionRoleUnit(createPlan(fixtureConfig()));
    expect(unit.resources).toEqual([]);
    expect(unit.template?.file).toBe('prerequisites/management-account-execution-role.json');
    Template.fromStack(createStack(unit.template)).hasResourceProperties('AWS::IAM::Role', { RoleName: 'AWSControlTowerExecution' });
  });
});

describe('managementExecutionRoleUnit: tamper alerts', () => {
  const statements = (config: ReturnType<typeof fixtureConfig>) => {
    const policy = Object.values(Template.fromStack(createStack(managementExecutionRoleUnit(createPlan(config)).template)).findResources('AWS::IAM::Policy'))[0] as any;
    return policy.Properties.PolicyDocument.Statement as { Sid: string; Action: string | string[]; Resource: unknown }[];
  };

  test('lets CfCT deploy the tamper topic, its key and its rules, by name', () => {
    const bySid = new Map(statements(fixtureConfig()).map((s) => [s.Sid, s]));
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
  const sidsOf = (config: ReturnType<typeof fixtureConfig>) => {
    const policies = Template.fromStack(createStack(managementExecutionRoleUnit(createPlan(config)).template)).findResources('AWS::IAM::Policy');
    return Object.values(policies).flatMap((p: any) => (p.Properties.PolicyDocument.Statement as { Sid: string }[]).map((s) => s.Sid));
  };
  const fast = (regions: string[]) => (c: ReturnType<typeof fixtureConfig>) => { c.fastAlerts = { regions, organizationId: 'o-exampleorgid' }; };

  test.each([
    ['the fixture config (tamper alerts on)', configWith(() => undefined)],
    ['tamper alerts off', configWith((c) => { c.tamperAlerts = false; })],
    ['root checks in the management account', configWith((c) => { c.rootChecks.includeManagementAccount = true; })],
    ['fast alerts in the home region only', configWith(fast(['us-east-1']))],
    ['fast alerts in two Regions, everything on', configWith((c) => { fast(['us-east-1', 'eu-west-1'])(c); c.rootChecks.includeManagementAccount = true; })],
  ])('has exactly the Sids executionRoleStatements lists for %s, in order', (_name, config) => {
    expect(sidsOf(config)).toEqual(executionRoleStatements(config).map((s) => s.sid));
  });

  test('the fixture prerequisite (the role of the fake management account, test/support/fake-control-tower.ts) is what the fixture config generates', () => {
    const template = managementExecutionRoleUnit(createPlan(fixtureConfig())).template!;
    const generated = synthesizeTemplates([template]).get(template.file);
    expect(readFileSync(join(FIXTURE_DIR, 'management-account-execution-role.json'), 'utf8')).toBe(generated);
  });
});
