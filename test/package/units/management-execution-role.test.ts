import { Template } from 'aws-cdk-lib/assertions';
import { managementExecutionRoleUnit } from '../../../src/package/units/management-execution-role';
import { createPlan } from '../../../src/plan';
import { committedConfig, configWith } from '../../support/config';
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
