import { Template } from 'aws-cdk-lib/assertions';
import { securityEventBusUnit } from '../../../src/package/units/security-event-bus';
import { createPlan } from '../../../src/plan';
import { committedConfig, configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('securityEventBusUnit', () => {
  test('puts the bus in the security account, home region, when fast alerts are on', () => {
    const unit = securityEventBusUnit(createPlan(configWith((c) => { c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' }; })));
    expect(unit?.resources).toEqual([expect.objectContaining({ name: 'root-guard-root-event-bus', accounts: ['222222222222'], regions: ['us-east-1'] })]);
    Template.fromStack(createStack(unit?.template)).hasResourceProperties('AWS::Events::EventBus', { Name: 'root-guard-root-activity' });
  });

  test('is left out without fast alerts', () => {
    expect(securityEventBusUnit(createPlan(committedConfig()))).toBeUndefined();
  });
});
