import { App, BootstraplessSynthesizer, Validations } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fastAlertNames } from '../../src/fast-alert-names';
import { SecurityEventBusStack } from '../../src/stacks/security-event-bus-stack';

const names = fastAlertNames('root-guard');
// cdk-nag's AwsSolutions-EVB1 reads CfnEventBusPolicy#principal, which aws-cdk-lib reports as deprecated on
// every run; the template does not use it (it uses Statement).
process.env.JSII_DEPRECATED = 'quiet';

/** As the package synthesizes it: bootstrapless, no analytics or metadata, CDK's own validation off. */
function synthesize(configure?: (app: App) => void): Record<string, unknown> {
  const app = new App({ analyticsReporting: false, treeMetadata: false, builtinCloudFormationValidation: false });
  const stack = new SecurityEventBusStack(app, 'SecurityEventBus', {
    synthesizer: new BootstraplessSynthesizer(),
    description: 'root-guard: security event bus',
    eventBusName: names.eventBus,
    organizationId: 'o-exampleorgid',
    forwarderRoleNamePrefix: names.forwarderRolePrefix,
    ruleNamePrefix: names.formattingRulePrefix,
    topicArn: 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity',
    accountNames: { '111111111111': 'management account' },
  });
  configure?.(app);
  return app.synth().getStackArtifact(stack.artifactId).template as Record<string, unknown>;
}

describe('SecurityEventBusStack', () => {
  test('synthesizes to the bus, its policy and the formatting rules, with the bus ARN as output and nothing else', () => {
    const template = synthesize();
    expect(Object.keys(template).sort()).toEqual(['Description', 'Outputs', 'Resources']);
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type).sort();
    expect(types).toEqual(['AWS::Events::EventBus', 'AWS::Events::EventBusPolicy', ...Array(4).fill('AWS::Events::Rule')]);
  });

  test('gives the same bytes on every synthesis', () => {
    expect(JSON.stringify(synthesize())).toBe(JSON.stringify(synthesize()));
  });

  test("passes cdk-nag (AWS Solutions) and Control Tower's proactive Guard rules", () => {
    expect(() => synthesize((app) => Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator({ controlTowerRulesEnabled: true })))).not.toThrow();
  });
});
