import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { ManagementExecutionRole, type ManagementExecutionRoleProps } from '../constructs/management-execution-role';

/**
 * The management-account prerequisite: deployed once by hand (README, "The management account"),
 * outside CfCT, so it lives in prerequisites/ and never in templates/.
 */
export class ManagementExecutionRoleStack extends Stack {
  constructor(scope: Construct, id: string, props: ManagementExecutionRoleProps & StackProps) {
    super(scope, id, props);
    new ManagementExecutionRole(this, 'ExecutionRole', props);
  }
}
