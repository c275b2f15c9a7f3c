import { type ConfigServiceClient, GetAggregateDiscoveredResourceCountsCommand } from '@aws-sdk/client-config-service';
import { paced, type Pacer } from '../aws/api-pacer';
import { eachPage } from '../aws/each-page';

/**
 * Which accounts AWS Config records in, seen from an aggregator (Control Tower's is in the Audit
 * account). From landing zone 4.0 the AWS Config integration is optional, so the accounts the root
 * checks target may have no configuration recorder: their Config rules then evaluate nothing, and
 * CloudFormation cannot even create them (PutConfigRule fails with
 * NoAvailableConfigurationRecorderException: "There are no customer managed configuration recorders
 * available to record your resources": PutConfigRule's errors in the API model, as the SDK's
 * PutConfigRuleCommand lists them; https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigRule.html).
 *
 * GetAggregateDiscoveredResourceCounts grouped by ACCOUNT_ID and filtered to one Region "returns
 * resource counts for all source accounts that are present in your aggregator"
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_GetAggregateDiscoveredResourceCounts.html,
 * read 2026-12-05): an account with nothing recorded in that Region is absent or counts 0. One page
 * holds up to 1,000 accounts, so 5,000 accounts take 5 calls. Not chosen:
 * DescribeConfigurationAggregatorSourcesStatus, whose status is "the last time AWS Config verified
 * authorization between the source account and an aggregator account" (API reference), not whether
 * the source records; the AWSControlTowerBP-BASELINE-CONFIG stack set, which landing zones from 4.0
 * on with the integration off do not use.
 */

/** The API, as IAM and messages name it. */
export const RESOURCE_COUNTS_API = 'config:GetAggregateDiscoveredResourceCounts';

/** Largest page the API allows ("You cannot specify a number greater than 1000"). */
const PAGE_LIMIT = 1000;

/**
 * Resources recorded per account in `region`, as the aggregator sees them (accounts with none are
 * absent). Paced; AWS errors are thrown as they are (the caller reports them).
 */
export async function readRecordedResourceCounts(client: ConfigServiceClient, aggregatorName: string, region: string, pacer: Pacer): Promise<ReadonlyMap<string, number>> {
  const counts = new Map<string, number>();
  await eachPage(async (token) => {
    const page = await paced(pacer, RESOURCE_COUNTS_API, () => client.send(new GetAggregateDiscoveredResourceCountsCommand({
      ConfigurationAggregatorName: aggregatorName,
      Filters: { Region: region },
      GroupByKey: 'ACCOUNT_ID',
      Limit: PAGE_LIMIT,
      NextToken: token,
    })));
    for (const group of page.GroupedResourceCounts ?? []) {
      if (group.GroupName && (group.ResourceCount ?? 0) > 0) counts.set(group.GroupName, group.ResourceCount ?? 0);
    }
    return page.NextToken;
  });
  return counts;
}
