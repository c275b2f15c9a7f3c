import { App, BootstraplessSynthesizer } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import type { RootConfigRulesProps } from '../../src/constructs/root-config-rules';
import { resourceNames } from '../../src/plan/names';
import { RootChecksStack } from '../../src/stacks/root-checks-stack';

const props: RootConfigRulesProps = {
  ruleNames: resourceNames('root-guard').configRules,
  hardwareMfa: true,
  accessKeys: true,
  maximumExecutionFrequency: 'Twelve_Hours',
};

/** As the package synthesizes it: bootstrapless, no analytics or metadata, CDK's own validation off. */
function synthesize(configure?: (app: App) => void): Record<string, unknown> {
  const app = new App({ analyticsReporting: false, treeMetadata: false, builtinCloudFormationValidation: false });
  const stack = new RootChecksStack(app, 'RootChecks', { ...props, synthesizer: new BootstraplessSynthesizer(), description: 'root-guard: root checks' });
  configure?.(app);
  return app.synth().getStackArtifact(stack.artifactId).template as Record<string, unknown>;
}

describe('RootChecksStack', () => {
  test('synthesizes to the Config rules alone: no parameters, rules, conditions, outputs or assets for a stack set to trip on', () => {
    const template = synthesize();
    expect(Object.keys(template).sort()).toEqual(['Description', 'Resources']);
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types).toEqual(['AWS::Config::ConfigRule', 'AWS::Config::ConfigRule', 'AWS::Config::ConfigRule']);
  });

  test('passes its props through to the rules', () => {
    Template.fromJSON(synthesize()).hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'root-guard-root-hardware-mfa',
      MaximumExecutionFrequency: 'Twelve_Hours',
    });
  });

  test('gives the same bytes on every synthesis (CfCT skips a stack set only if its template is byte-identical)', () => {
    expect(JSON.stringify(synthesize())).toBe(JSON.stringify(synthesize()));
  });

});
