import { App, BootstraplessSynthesizer } from 'aws-cdk-lib/core';
import { resourceNames } from '../../src/plan/names';
import { SecurityEventBusStack } from '../../src/stacks/security-event-bus-stack';

const names = resourceNames('root-guard');

/** As the package synthesizes it: bootstrapless, no analytics or metadata, CDK's own validation off. */
function synthesize(): Record<string, unknown> {
  const app = new App({ analyticsReporting: false, treeMetadata: false, builtinCloudFormationValidation: false });
  const stack = new SecurityEventBusStack(app, 'SecurityEventBus', {
    synthesizer: new BootstraplessSynthesizer(),
    description: 'root-guard: security event bus',
    eventBusName: names.eventBus,
    organizationId: 'o-exampleorgid',
    forwarderRoleNamePattern: names.forwarderRoleNamePattern,
    ruleNamePrefix: names.formattingRulePrefix,
    testRuleName: names.alertTestRule,
    topicArn: 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity',
    accountNames: { '111111111111': 'management account' },
  });
  return app.synth().getStackArtifact(stack.artifactId).template as Record<string, unknown>;
}

/** cdk-nag and Control Tower's Guard rules run over this stack in test/package/judges.test.ts (fast-alerts config). */
describe('SecurityEventBusStack', () => {
  test('synthesizes to the bus, its policy, the formatting rules and the test rule, with the bus ARN as output and nothing else', () => {
    const template = synthesize();
    expect(Object.keys(template).sort()).toEqual(['Description', 'Outputs', 'Resources']);
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type).sort();
    expect(types).toEqual(['AWS::Events::EventBus', 'AWS::Events::EventBusPolicy', ...Array(5).fill('AWS::Events::Rule')]);
  });

  test('gives the same bytes on every synthesis', () => {
    expect(JSON.stringify(synthesize())).toBe(JSON.stringify(synthesize()));
  });
});
