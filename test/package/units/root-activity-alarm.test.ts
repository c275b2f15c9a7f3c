import { Template } from 'aws-cdk-lib/assertions';
import { rootActivityAlarmUnit } from '../../../src/package/units/root-activity-alarm';
import { createPlan } from '../../../src/plan';
import { fixtureConfig, configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('rootActivityAlarmUnit', () => {
  test('targets the management account in the home region, with the root alarm only by default', () => {
    const unit = rootActivityAlarmUnit(createPlan(fixtureConfig()));
    expect(unit.resources).toEqual([expect.objectContaining({ name: 'root-guard-root-activity-alarm', resourceFile: 'templates/root-activity-alarm.json', accounts: ['111111111111'], regions: ['us-east-1'] })]);
    const stack = createStack(unit.template);
    expect(stack.templateOptions.description).toBe('root-guard: root-activity metric filter and alarm on aws-controltower/CloudTrailLogs (management account). Generated from root-guard.config.yaml; do not edit.');
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });

  test('adds the CIS alarms to the same stack and says so in the description', () => {
    const unit = rootActivityAlarmUnit(createPlan(configWith((c) => { c.cisMonitoring = ['4.1', '4.4']; })));
    const stack = createStack(unit.template);
    expect(stack.templateOptions.description).toContain('root-activity metric filter and alarm, and CIS AWS Foundations 4.1, 4.4 monitoring filters and alarms, on aws-controltower/CloudTrailLogs');
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 3);
  });
});
