import { App, BootstraplessSynthesizer } from 'aws-cdk-lib';
import { resourceNames } from '../../src/plan/names';
import { RootEventForwarderStack } from '../../src/stacks/root-event-forwarder-stack';

const names = resourceNames('root-guard');

/** As the package synthesizes it: bootstrapless, no analytics or metadata, CDK's own validation off. */
function synthesize(): Record<string, unknown> {
  const app = new App({ analyticsReporting: false, treeMetadata: false, builtinCloudFormationValidation: false });
  const stack = new RootEventForwarderStack(app, 'RootEventForwarder', {
    synthesizer: new BootstraplessSynthesizer(),
    description: 'root-guard: root event forwarder',
    ruleName: names.forwarderRule,
    roleNamePrefix: names.forwarderRolePrefix,
    targetEventBusArn: 'arn:aws:events:us-east-1:222222222222:event-bus/root-guard-root-activity',
  });
  return app.synth().getStackArtifact(stack.artifactId).template as Record<string, unknown>;
}

/** cdk-nag and Control Tower's Guard rules run over this stack in test/package/judges.test.ts (fast-alerts config). */
describe('RootEventForwarderStack', () => {
  test('synthesizes to one rule and its role: no parameters, so one template serves every account and Region', () => {
    const template = synthesize();
    expect(Object.keys(template).sort()).toEqual(['Description', 'Resources']);
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type).sort();
    expect(types).toEqual(['AWS::Events::Rule', 'AWS::IAM::Role']);
  });
});
