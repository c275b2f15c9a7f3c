import { Template } from 'aws-cdk-lib/assertions';
import { rootEventForwarderUnit } from '../../../src/package/units/root-event-forwarder';
import { createPlan } from '../../../src/plan';
import { committedConfig, configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('rootEventForwarderUnit', () => {
  test('forwards from the management account and the root-check OUs, in every fast-alert Region, to the bus', () => {
    const unit = rootEventForwarderUnit(createPlan(configWith((c) => { c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' }; })));
    expect(unit?.resources).toEqual([expect.objectContaining({ name: 'root-guard-root-event-forwarder', accounts: ['111111111111'], organizationalUnits: ['Root'], regions: ['us-east-1', 'eu-west-1'] })]);
    const rule = Template.fromStack(createStack(unit?.template)).findResources('AWS::Events::Rule');
    expect(JSON.stringify(rule)).toContain('arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity');
  });

  test('is left out without fast alerts', () => {
    expect(rootEventForwarderUnit(createPlan(committedConfig()))).toBeUndefined();
  });
});
