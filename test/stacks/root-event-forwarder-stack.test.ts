import { App, BootstraplessSynthesizer, Validations } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fastAlertNames } from '../../src/fast-alert-names';
import { RootEventForwarderStack } from '../../src/stacks/root-event-forwarder-stack';

const names = fastAlertNames('root-guard');

/** As the package synthesizes it: bootstrapless, no analytics or metadata, CDK's own validation off. */
function synthesize(configure?: (app: App) => void): Record<string, unknown> {
  const app = new App({ analyticsReporting: false, treeMetadata: false, builtinCloudFormationValidation: false });
  const stack = new RootEventForwarderStack(app, 'RootEventForwarder', {
    synthesizer: new BootstraplessSynthesizer(),
    description: 'root-guard: root event forwarder',
    ruleName: names.forwarderRule,
    roleNamePrefix: names.forwarderRolePrefix,
    targetEventBusArn: 'arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity',
  });
  configure?.(app);
  return app.synth().getStackArtifact(stack.artifactId).template as Record<string, unknown>;
}

describe('RootEventForwarderStack', () => {
  test('synthesizes to one rule and its role: no parameters, so one template serves every account and Region', () => {
    const template = synthesize();
    expect(Object.keys(template).sort()).toEqual(['Description', 'Resources']);
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type).sort();
    expect(types).toEqual(['AWS::Events::Rule', 'AWS::IAM::Role']);
  });

  test("passes cdk-nag (AWS Solutions) and Control Tower's proactive Guard rules", () => {
    expect(() => synthesize((app) => Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator({ controlTowerRulesEnabled: true })))).not.toThrow();
  });
});
