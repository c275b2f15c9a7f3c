import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { RootConfigRules, type RootConfigRulesProps } from '../constructs/root-config-rules';

/**
 * The per-account root checks; CfCT deploys it as one stack set to the accounts of
 * `rootChecks.organizationalUnits`, in the home region only (periodic rules on global IAM resources).
 */
export class RootChecksStack extends Stack {
  public readonly rootConfigRules: RootConfigRules;

  constructor(scope: Construct, id: string, props: RootConfigRulesProps & StackProps) {
    super(scope, id, props);
    this.rootConfigRules = new RootConfigRules(this, 'RootConfigRules', props);
  }
}
