import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';

/**
 * AWS Config `MaximumExecutionFrequency` values
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html).
 */
export type ExecutionFrequency = 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';

const FREQUENCIES: Readonly<Record<ExecutionFrequency, config.MaximumExecutionFrequency>> = {
  One_Hour: config.MaximumExecutionFrequency.ONE_HOUR,
  Three_Hours: config.MaximumExecutionFrequency.THREE_HOURS,
  Six_Hours: config.MaximumExecutionFrequency.SIX_HOURS,
  Twelve_Hours: config.MaximumExecutionFrequency.TWELVE_HOURS,
  TwentyFour_Hours: config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS,
};

/** Names of the Config rules (`resourceNames(prefix).configRules`). */
export interface RootConfigRuleNames {
  readonly rootMfa: string;
  readonly rootHardwareMfa: string;
  readonly rootAccessKey: string;
}

/** Properties of {@link RootConfigRules}. */
export interface RootConfigRulesProps {
  /** Config rule names; unique in the account and Region, 1-128 characters. */
  readonly ruleNames: RootConfigRuleNames;
  /**
   * Also add ROOT_ACCOUNT_HARDWARE_MFA_ENABLED (Security Hub IAM.6, CIS 1.6).
   * @default false - only ROOT_ACCOUNT_MFA_ENABLED checks MFA
   */
  readonly hardwareMfa?: boolean;
  /**
   * Also add IAM_ROOT_ACCESS_KEY_CHECK (Security Hub IAM.4, CIS 1.4).
   * @default true
   */
  readonly accessKeys?: boolean;
  /**
   * How often the periodic rules run.
   * @default 'TwentyFour_Hours' - AWS Config's own default for periodic rules
   */
  readonly maximumExecutionFrequency?: ExecutionFrequency;
}

/**
 * The per-account root checks: AWS Config managed rules on the account's root user.
 *
 * - ROOT_ACCOUNT_MFA_ENABLED, always (Security Hub IAM.9, CIS 1.5; Control Tower's strongly
 *   recommended detective control AWS-GR_ROOT_ACCOUNT_MFA_ENABLED uses the same rule):
 *   https://docs.aws.amazon.com/config/latest/developerguide/root-account-mfa-enabled.html
 * - ROOT_ACCOUNT_HARDWARE_MFA_ENABLED, optional:
 *   https://docs.aws.amazon.com/config/latest/developerguide/root-account-hardware-mfa-enabled.html
 * - IAM_ROOT_ACCESS_KEY_CHECK, optional:
 *   https://docs.aws.amazon.com/config/latest/developerguide/iam-root-access-key-check.html
 *
 * All three are periodic rules on a global IAM resource, so they belong in ONE Region per account
 * (the home region): "you should only deploy periodic rules that report compliance on a global IAM
 * resource type to one of the supported Regions" (the "Managed Rules and Global IAM Resource Types"
 * note on each of the three pages above). They need
 * the account's configuration recorder, which Control Tower's baseline provides in governed Regions.
 * With centralized root access and the root credentials deleted, the MFA rules report NOT_APPLICABLE.
 */
export class RootConfigRules extends Construct {
  /** The rules, in the order rootMfa, rootHardwareMfa, rootAccessKey (those enabled). */
  public readonly rules: readonly config.ManagedRule[];

  constructor(scope: Construct, id: string, props: RootConfigRulesProps) {
    super(scope, id);
    const hardwareMfa = props.hardwareMfa ?? false;
    const accessKeys = props.accessKeys ?? true;
    const frequency = props.maximumExecutionFrequency ?? 'TwentyFour_Hours';
    if (!(frequency in FREQUENCIES)) {
      throw new Error(`RootConfigRules: maximumExecutionFrequency "${frequency}" is not one of ${Object.keys(FREQUENCIES).join(', ')}`);
    }
    const wanted: { id: string; name: string; identifier: string; description: string }[] = [
      {
        id: 'RootMfa',
        name: props.ruleNames.rootMfa,
        identifier: config.ManagedRuleIdentifiers.ROOT_ACCOUNT_MFA_ENABLED,
        description: 'root-guard: the root user of this account has MFA enabled (Security Hub IAM.9, CIS 1.5).',
      },
    ];
    if (hardwareMfa) {
      wanted.push({
        id: 'RootHardwareMfa',
        name: props.ruleNames.rootHardwareMfa,
        identifier: config.ManagedRuleIdentifiers.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED,
        description: 'root-guard: the root user of this account uses a hardware MFA device, not a virtual one (Security Hub IAM.6, CIS 1.6).',
      });
    }
    if (accessKeys) {
      wanted.push({
        id: 'RootAccessKey',
        name: props.ruleNames.rootAccessKey,
        identifier: config.ManagedRuleIdentifiers.IAM_ROOT_ACCESS_KEY_CHECK,
        description: 'root-guard: the root user of this account has no access keys (Security Hub IAM.4, CIS 1.4).',
      });
    }
    validateNames(wanted.map((rule) => rule.name));

    this.rules = wanted.map((rule) => new config.ManagedRule(this, rule.id, {
      configRuleName: rule.name,
      identifier: rule.identifier,
      description: rule.description,
      maximumExecutionFrequency: FREQUENCIES[frequency],
    }));
  }
}

/** PutConfigRule: `ConfigRuleName` is 1-128 characters and must contain a non-space (API_ConfigRule.html). */
function validateNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name.length < 1 || name.length > 128 || !/\S/.test(name)) {
      throw new Error(`RootConfigRules: rule name "${name}" must be 1-128 characters with at least one non-space (AWS Config ConfigRuleName)`);
    }
    if (seen.has(name)) throw new Error(`RootConfigRules: rule name "${name}" is used twice (Config rule names are unique per account and Region)`);
    seen.add(name);
  }
}
