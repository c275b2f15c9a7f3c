import type { IPolicyValidationPluginBeta1 } from 'aws-cdk-lib/core';
import type { IConstruct } from 'constructs';

/**
 * The two validation plugins the judges test runs: cdk-nag's AWS Solutions pack and Control Tower's
 * Guard rules. They are loaded with `require` and typed here, narrowly, because the declaration files
 * of both packages import the root of aws-cdk-lib, whose index re-exports every service module:
 * importing either made `tsc` read 5,951 declaration files instead of 3,965 and take 12.0–13.0 s
 * instead of 9.2–9.8 s (docs/reference/toolchain.md#type-check-scope). The signatures below are the
 * packages' own (cdk-nag `NagPack(scope?, props?)`, `CfnGuardValidator(props?)`), cut to what we pass.
 */
interface JudgePlugins {
  readonly AwsSolutionsChecks: new (scope?: IConstruct) => IPolicyValidationPluginBeta1;
  readonly CfnGuardValidator: new (props?: { readonly controlTowerRulesEnabled?: boolean; readonly rules?: string[] }) => IPolicyValidationPluginBeta1;
}

export const { AwsSolutionsChecks } = require('cdk-nag') as Pick<JudgePlugins, 'AwsSolutionsChecks'>;
export const { CfnGuardValidator } = require('@cdklabs/cdk-validator-cfnguard') as Pick<JudgePlugins, 'CfnGuardValidator'>;
