import { Template } from 'aws-cdk-lib/assertions';
import { rootChecksUnit } from '../../../src/package/units/root-checks';
import { createPlan } from '../../../src/plan';
import { configWith } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('rootChecksUnit', () => {
  test('deploys the Config rules to the root-check OUs, and to the management account when asked', () => {
    const unit = rootChecksUnit(createPlan(configWith((c) => { c.rootChecks.includeManagementAccount = true; c.rootChecks.hardwareMfa = true; })));
    expect(unit.resources).toEqual([expect.objectContaining({ name: 'root-guard-root-checks', accounts: ['111111111111'], organizationalUnits: ['Root'], regions: ['us-east-1'] })]);
    Template.fromStack(createStack(unit.template)).resourceCountIs('AWS::Config::ConfigRule', 3);
  });
});
