import { Template } from 'aws-cdk-lib/assertions';
import { securityEventBusUnit } from '../../../src/package/units/security-event-bus';
import { createPlan } from '../../../src/plan';
import { fixtureConfig, configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('securityEventBusUnit', () => {
  test('puts the bus in the security account, home region, when fast alerts are on', () => {
    const unit = securityEventBusUnit(createPlan(configWith((c) => { c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' }; })));
    expect(unit?.resources).toEqual([expect.objectContaining({ name: 'root-guard-root-event-bus', accounts: ['222222222222'], regions: ['us-east-1'] })]);
    Template.fromStack(createStack(unit?.template)).hasResourceProperties('AWS::Events::EventBus', { Name: 'root-guard-root-activity' });
  });

  test("admits exactly the forwarder roles the SCP baseline protects (one pattern, with the hyphen)", () => {
    const plan = createPlan(configWith((c) => { c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' }; }));
    const unit = securityEventBusUnit(plan);
    const policies = Template.fromStack(createStack(unit?.template)).findResources('AWS::Events::EventBusPolicy');
    const statement = (Object.values(policies)[0] as { Properties: { Statement: { Condition: { ArnLike: { 'aws:PrincipalArn': unknown } } } } }).Properties.Statement;
    const busPattern = JSON.stringify(statement.Condition.ArnLike['aws:PrincipalArn']);
    const scpRoleStatement = plan.scp.policies.flatMap((p) => p.document.Statement).find((s) => s.Sid === 'ProtectForwarderRole');
    const scpPattern = ([] as string[]).concat(scpRoleStatement?.Resource ?? [])[0];
    // The bus pattern is an Fn::Join on the partition; the SCP's is a plain string for partition "aws".
    expect(scpPattern).toBe('arn:aws:iam::*:role/root-guard-root-event-forwarder-*');
    expect(busPattern).toContain(':iam::*:role/root-guard-root-event-forwarder-*"');
    expect(busPattern.replace(/.*:iam::/, 'arn:aws:iam::').replace(/"\]\]\}$/, '')).toBe(scpPattern);
  });

  test('is left out without fast alerts', () => {
    expect(securityEventBusUnit(createPlan(fixtureConfig()))).toBeUndefined();
  });
});
