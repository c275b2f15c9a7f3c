import { App, Stack } from 'aws-cdk-lib';
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
