import { DescribeAggregateComplianceByConfigRulesCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import { eachPage } from '../aws/each-page';

/** `COMPLIANT`, `NON_COMPLIANT`, `NOT_APPLICABLE` or `INSUFFICIENT_DATA`, per account. */
export type RuleCompliance = ReadonlyMap<string, string>;

/** One rule's compliance per account in one region, or why it could not be read. */
export type RuleComplianceRead =
  | { readonly kind: 'found'; readonly ruleName: string; readonly byAccount: RuleCompliance }
  | { readonly kind: 'unread'; readonly ruleName: string; readonly reason: string };

/**
 * Reads one Config rule's compliance in every account from an aggregator, filtered to the rule and
 * the region it runs in (root checks run in the home region only, docs/reference/detection.md#config-rules): a few pages
 * for the whole organization instead of one call per account. Never throws.
 */
export async function readRuleCompliance(
  client: ConfigServiceClient,
  aggregatorName: string,
  ruleName: string,
  region: string,
  pacer: Pacer,
): Promise<RuleComplianceRead> {
  const byAccount = new Map<string, string>();
  try {
    await eachPage(async (token) => {
      const page = await paced(pacer, 'config:DescribeAggregateComplianceByConfigRules', () =>
        client.send(new DescribeAggregateComplianceByConfigRulesCommand({
          ConfigurationAggregatorName: aggregatorName,
          Filters: { ConfigRuleName: ruleName, AwsRegion: region },
          NextToken: token,
        })));
      for (const item of page.AggregateComplianceByConfigRules ?? []) {
        if (item.ConfigRuleName !== ruleName || !item.AccountId) continue;
        if (item.AwsRegion && item.AwsRegion !== region) continue;
        byAccount.set(item.AccountId, item.Compliance?.ComplianceType ?? 'INSUFFICIENT_DATA');
      }
      return page.NextToken;
    });
  } catch (err) {
    const info = describeAwsError(err);
    const reason = info.code === 'NoSuchConfigurationAggregatorException'
      ? `no aggregator named ${aggregatorName} for these credentials (Control Tower's is in the Audit account: pass --aggregator-profile with a profile for it)`
      : unreadReason(info);
    return { kind: 'unread', ruleName, reason: `config:DescribeAggregateComplianceByConfigRules on ${aggregatorName}: ${reason}` };
  }
  return { kind: 'found', ruleName, byAccount };
}

export { CONTROL_TOWER_AGGREGATOR } from '../defaults';
