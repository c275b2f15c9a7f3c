import { App, Stack } from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ManagementExecutionRole } from '../../src/constructs/management-execution-role';

function synth(manageConfigRules: boolean): Template {
  const stack = new Stack(new App(), 'Test');
  new ManagementExecutionRole(stack, 'Role', {
    roleName: 'AWSControlTowerExecution',
    administrationRolePath: 'service-role/AWSControlTowerStackSetRole',
    homeRegion: 'us-east-1',
    alarmNamePrefix: 'root-guard',
    logGroupName: 'aws-controltower/CloudTrailLogs',
    manageConfigRules,
  });
  return Template.fromStack(stack);
}

describe('ManagementExecutionRole', () => {
  test("is named AWSControlTowerExecution and trusts only CfCT's stack-set administration role in the same account", () => {
    synth(false).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'AWSControlTowerExecution',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/service-role/AWSControlTowerStackSetRole']] } },
          },
        ],
      },
    });
  });

  test('grants the metric filter and alarm actions on the package resources only', () => {
    const template = synth(false);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'ManageMetricFilter', Action: Match.arrayWith(['logs:PutMetricFilter']) }),
          Match.objectLike({ Sid: 'ManageAlarms', Action: Match.arrayWith(['cloudwatch:PutMetricAlarm']) }),
        ]),
      },
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.some((s) => s.Action === '*' || (Array.isArray(s.Action) && s.Action.includes('*')))).toBe(false);
    expect(statements.map((s) => s.Sid)).not.toContain('ManageConfigRules');
  });

  test('adds Config rule permissions only when root checks cover the management account', () => {
    synth(true).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'ManageConfigRules' })]) },
    });
  });
});

describe('ManagementExecutionRole with eventForwarding (fast alerts)', () => {
  function synthForwarding(): Template {
    const stack = new Stack(new App(), 'Test');
    new ManagementExecutionRole(stack, 'Role', {
      roleName: 'AWSControlTowerExecution',
      administrationRolePath: 'service-role/AWSControlTowerStackSetRole',
      homeRegion: 'us-east-1',
      alarmNamePrefix: 'root-guard',
      logGroupName: 'aws-controltower/CloudTrailLogs',
      manageConfigRules: false,
      eventForwarding: {
        regions: ['us-east-1', 'eu-west-1'],
        ruleName: 'root-guard-root-activity-forwarder',
        roleNamePattern: 'root-guard-root-event-forwarder-*',
        eventBusArn: 'arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity',
        boundaryPolicyName: 'root-guard-root-event-forwarder-boundary',
      },
    });
    return Template.fromStack(stack);
  }
  const statements = (template: Template) => Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement) as { Sid: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[];
  const text = (value: unknown) => JSON.stringify(value);

  test('allows CfCT stack instances in the other forwarder Regions, and the forwarding rule in every one', () => {
    const all = statements(synthForwarding());
    const cfn = all.find((s) => s.Sid === 'ManageCfctStackInstancesInForwarderRegions');
    expect(text(cfn?.Resource)).toContain(':cloudformation:eu-west-1:');
    expect(text(cfn?.Resource)).not.toContain(':cloudformation:us-east-1:');
    const rule = all.find((s) => s.Sid === 'ManageForwardingRule');
    expect(text(rule?.Resource)).toContain(':events:us-east-1:');
    expect(text(rule?.Resource)).toContain(':events:eu-west-1:');
    expect(text(rule?.Resource)).toContain(':rule/root-guard-root-activity-forwarder');
  });

  test('allows managing and passing only the forwarder roles, and passing them only to EventBridge', () => {
    const all = statements(synthForwarding());
    const pass = all.find((s) => s.Sid === 'PassForwarderRolesToEventBridge');
    expect(pass?.Action).toBe('iam:PassRole');
    expect(pass?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'events.amazonaws.com' } });
    for (const sid of ['ManageForwarderRoles', 'PassForwarderRolesToEventBridge']) {
      expect(text(all.find((s) => s.Sid === sid)?.Resource)).toContain(':role/root-guard-root-event-forwarder-*');
    }
    expect(all.some((s) => s.Action === '*' || (Array.isArray(s.Action) && s.Action.some((a) => a.endsWith(':*'))))).toBe(false);
  });

  test('may create or rewrite a forwarder role only with the boundary, which allows nothing but PutEvents on the central bus', () => {
    const template = synthForwarding();
    const all = statements(template);
    const bounded = all.find((s) => s.Sid === 'CreateForwarderRolesOnlyWithTheBoundary');
    expect(bounded?.Action).toEqual(['iam:CreateRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy']);
    expect(bounded?.Condition).toEqual({ StringEquals: { 'iam:PermissionsBoundary': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/root-guard-root-event-forwarder-boundary']] } } });
    // No other statement grants these actions (an unconditioned grant would void the condition).
    const granted = (action: string) => all.filter((s) => ([] as string[]).concat(s.Action).includes(action)).map((s) => s.Sid);
    for (const action of ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy']) expect(granted(action)).toEqual(['CreateForwarderRolesOnlyWithTheBoundary']);
    // Nor any way to change, remove or escape the boundary, or to edit a managed policy.
    const actions = all.flatMap((s) => ([] as string[]).concat(s.Action));
    for (const action of ['iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:AttachRolePolicy', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'iam:CreatePolicy']) {
      expect(actions).not.toContain(action);
    }
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'root-guard-root-event-forwarder-boundary',
      PolicyDocument: { Statement: [{ Sid: 'PutEventsOnTheSecurityBusOnly', Effect: 'Allow', Action: 'events:PutEvents', Resource: 'arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity' }] },
    });
  });

  test('adds none of it when fast alerts are off', () => {
    expect(statements(synth(false)).map((s) => s.Sid)).not.toEqual(expect.arrayContaining(['ManageForwardingRule']));
  });
});
