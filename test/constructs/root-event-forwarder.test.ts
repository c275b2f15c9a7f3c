import { App, Stack } from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RootEventForwarder } from '../../src/constructs/root-event-forwarder';
import { ROOT_ACTIVITY_EVENT_PATTERN } from '../../src/detection/root-event-pattern';

const BUS = 'arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity';

function synth(): Template {
  const stack = new Stack(new App(), 'Test');
  new RootEventForwarder(stack, 'Forwarder', { ruleName: 'root-guard-root-activity-forwarder', roleNamePrefix: 'root-guard-root-event-forwarder', targetEventBusArn: BUS });
  return Template.fromStack(stack);
}

describe('RootEventForwarder', () => {
  test('matches root activity on the default bus, including read-only management events, and forwards it to the security bus with a role', () => {
    const template = synth();
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'root-guard-root-activity-forwarder',
      EventPattern: ROOT_ACTIVITY_EVENT_PATTERN,
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      Targets: [{ Id: 'SecurityEventBus', Arn: BUS, RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Role'), 'Arn'] } }],
    });
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0];
    expect(rule.Properties.EventBusName).toBeUndefined(); // the default bus, where CloudTrail events arrive
  });

  test('names the role per Region (IAM is global, the stack set deploys one stack per Region)', () => {
    synth().hasResourceProperties('AWS::IAM::Role', {
      RoleName: { 'Fn::Join': ['', ['root-guard-root-event-forwarder-', { Ref: 'AWS::Region' }]] },
    });
  });

  test('lets only this rule of this account assume the role (confused-deputy protection)', () => {
    synth().hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnEquals: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':rule/root-guard-root-activity-forwarder']] } },
          },
        }],
      },
    });
  });

  test('lets the role put events on the security bus and nothing else', () => {
    const roles = Object.values(synth().findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(1);
    expect(roles[0].Properties.Policies).toEqual([{
      PolicyName: 'PutEventsOnTheSecurityBus',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS }] },
    }]);
    expect(roles[0].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('carries the management account\'s boundary there only (a condition on the account; the same template serves every account)', () => {
    const stack = new Stack(new App(), 'Test');
    new RootEventForwarder(stack, 'Forwarder', {
      ruleName: 'root-guard-root-activity-forwarder', roleNamePrefix: 'root-guard-root-event-forwarder', targetEventBusArn: BUS,
      boundaryInAccount: { accountId: '111111111111', policyName: 'root-guard-root-event-forwarder-boundary' },
    });
    const template = Template.fromStack(stack);
    const conditions = template.toJSON().Conditions as Record<string, unknown>;
    const [conditionId] = Object.keys(conditions);
    expect(conditions[conditionId]).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '111111111111'] });
    template.hasResourceProperties('AWS::IAM::Role', {
      PermissionsBoundary: {
        'Fn::If': [conditionId, { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/root-guard-root-event-forwarder-boundary']] }, { Ref: 'AWS::NoValue' }],
      },
    });
  });

  test('has no boundary without boundaryInAccount', () => {
    expect(Object.values(synth().findResources('AWS::IAM::Role'))[0].Properties.PermissionsBoundary).toBeUndefined();
  });
});
