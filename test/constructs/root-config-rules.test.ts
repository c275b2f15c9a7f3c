import { App, Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { type ExecutionFrequency, RootConfigRules, type RootConfigRulesProps } from '../../src/constructs/root-config-rules';
import { resourceNames } from '../../src/plan/names';

const ruleNames = resourceNames('root-guard').configRules;

function synth(props: Partial<RootConfigRulesProps> = {}): Template {
  const stack = new Stack(new App(), 'Test');
  new RootConfigRules(stack, 'RootConfigRules', { ruleNames, ...props });
  return Template.fromStack(stack);
}

const rule = (identifier: string) => ({ Source: { Owner: 'AWS', SourceIdentifier: identifier } });

describe('RootConfigRules', () => {
  test('always checks root MFA with the AWS managed rule ROOT_ACCOUNT_MFA_ENABLED, named from the prefix', () => {
    const template = synth({ hardwareMfa: false, accessKeys: false });
    template.resourceCountIs('AWS::Config::ConfigRule', 1);
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'root-guard-root-mfa',
      Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' },
      MaximumExecutionFrequency: 'TwentyFour_Hours',
    });
  });

  test('adds ROOT_ACCOUNT_HARDWARE_MFA_ENABLED only when hardwareMfa is on', () => {
    synth({ hardwareMfa: true }).hasResourceProperties('AWS::Config::ConfigRule', { ConfigRuleName: 'root-guard-root-hardware-mfa', ...rule('ROOT_ACCOUNT_HARDWARE_MFA_ENABLED') });
    expect(Object.keys(synth({ hardwareMfa: false }).findResources('AWS::Config::ConfigRule', { Properties: rule('ROOT_ACCOUNT_HARDWARE_MFA_ENABLED') }))).toHaveLength(0);
  });

  test('adds IAM_ROOT_ACCESS_KEY_CHECK by default and leaves it out when accessKeys is off', () => {
    synth().hasResourceProperties('AWS::Config::ConfigRule', { ConfigRuleName: 'root-guard-root-access-key', ...rule('IAM_ROOT_ACCESS_KEY_CHECK') });
    expect(Object.keys(synth({ accessKeys: false }).findResources('AWS::Config::ConfigRule', { Properties: rule('IAM_ROOT_ACCESS_KEY_CHECK') }))).toHaveLength(0);
  });

  test('leaves hardware MFA off by default (two rules)', () => {
    synth().resourceCountIs('AWS::Config::ConfigRule', 2);
  });

  test.each(['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'] as ExecutionFrequency[])(
    'evaluates every rule with MaximumExecutionFrequency %s when configured so',
    (frequency) => {
      const rules = synth({ hardwareMfa: true, accessKeys: true, maximumExecutionFrequency: frequency }).findResources('AWS::Config::ConfigRule');
      expect(Object.values(rules).map((r) => r.Properties.MaximumExecutionFrequency)).toEqual([frequency, frequency, frequency]);
    },
  );

  test('adds periodic rules only: no scope, no input parameters, a description for each', () => {
    const rules = synth({ hardwareMfa: true }).findResources('AWS::Config::ConfigRule');
    for (const r of Object.values(rules)) {
      expect(r.Properties).not.toHaveProperty('Scope');
      expect(r.Properties).not.toHaveProperty('InputParameters');
      expect(r.Properties.Description).toMatch(/^root-guard: .*Security Hub IAM\.\d/);
    }
  });

  test('keeps construct ids stable, so CloudFormation updates the rules in place', () => {
    const ids = Object.keys(synth({ hardwareMfa: true }).findResources('AWS::Config::ConfigRule'));
    expect(ids).toEqual([
      expect.stringMatching(/^RootConfigRulesRootMfa[0-9A-F]{8}$/),
      expect.stringMatching(/^RootConfigRulesRootHardwareMfa[0-9A-F]{8}$/),
      expect.stringMatching(/^RootConfigRulesRootAccessKey[0-9A-F]{8}$/),
    ]);
  });

  test('rejects an execution frequency AWS Config does not know', () => {
    expect(() => synth({ maximumExecutionFrequency: 'Daily' as ExecutionFrequency })).toThrow(/maximumExecutionFrequency "Daily" is not one of One_Hour, Three_Hours/);
  });

  test('rejects a rule name longer than 128 characters', () => {
    expect(() => synth({ ruleNames: { ...ruleNames, rootMfa: 'x'.repeat(129) } })).toThrow(/must be 1-128 characters/);
  });

  test('rejects two rules with the same name', () => {
    expect(() => synth({ ruleNames: { ...ruleNames, rootAccessKey: ruleNames.rootMfa } })).toThrow(/"root-guard-root-mfa" is used twice/);
  });

  test('creates nothing but Config rules (no Lambda, role or custom resource)', () => {
    const template = synth({ hardwareMfa: true }).toJSON();
    expect(Object.values(template.Resources as Record<string, { Type: string }>).every((r) => r.Type === 'AWS::Config::ConfigRule')).toBe(true);
  });
});
