import { Template } from 'aws-cdk-lib/assertions';
import { managementExecutionRoleUnit } from '../../../src/package/units/management-execution-role';
import { createPlan } from '../../../src/plan';
import { committedConfig } from '../../support/config';
import { createStack } from '../../support/unit-stack';

describe('managementExecutionRoleUnit', () => {
  test('is a prerequisite outside templates/ and outside the manifest', () => {
    const unit = managementExecutionRoleUnit(createPlan(committedConfig()));
    expect(unit.resources).toEqual([]);
    expect(unit.template?.file).toBe('prerequisites/management-account-execution-role.json');
    Template.fromStack(createStack(unit.template)).hasResourceProperties('AWS::IAM::Role', { RoleName: 'AWSControlTowerExecution' });
  });
});
