import { GetAggregateComplianceDetailsByConfigRuleCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { paced, type Pacer } from './api-pacer';
import type { RuleComplianceRead } from './config-compliance';

/** What {@link resolveNotApplicable} needs besides the client and pacer. */
export interface NotApplicableQuery {
  readonly aggregatorName: string;
  readonly region: string;
  /**
   * Accounts the rule is deployed to (a root-checks stack instance): only these can hold a
   * NOT_APPLICABLE evaluation, and asking for each costs one call per rule.
   */
  readonly deployedAccounts: ReadonlySet<string>;
}

/**
 * The aggregator's per-rule summary never says NOT_APPLICABLE: "For the Compliance data type, AWS
 * Config supports only COMPLIANT, NON_COMPLIANT, and INSUFFICIENT_DATA values"
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_Compliance.html, read 2026-12-08). An
 * account whose root credentials were deleted (`root-credentials --delete`) has only NOT_APPLICABLE
 * evaluations of the root rules (docs/reference/detection.md#config-rules), so the summary shows it as
 * INSUFFICIENT_DATA or leaves it out, and the audit would call a finished job "unknown".
 *
 * For each deployed account the summary says nothing definite about, this asks for the account's
 * evaluation results of type NOT_APPLICABLE (GetAggregateComplianceDetailsByConfigRule, whose
 * EvaluationResult does carry NOT_APPLICABLE) and records `NOT_APPLICABLE` when there is one. A
 * call that fails leaves the account as it was (unknown), so nothing is counted covered on a guess.
 * Never throws.
 */
export async function resolveNotApplicable(client: ConfigServiceClient, read: RuleComplianceRead, query: NotApplicableQuery, pacer: Pacer): Promise<RuleComplianceRead> {
  if (read.kind !== 'found') return read;
  const undecided = [...query.deployedAccounts].filter((id) => {
    const value = read.byAccount.get(id);
    return value === undefined || value === 'INSUFFICIENT_DATA';
  });
  if (undecided.length === 0) return read;
  const byAccount = new Map(read.byAccount);
  await Promise.all(undecided.map(async (accountId) => {
    try {
      const page = await paced(pacer, 'config:GetAggregateComplianceDetailsByConfigRule', () =>
        client.send(new GetAggregateComplianceDetailsByConfigRuleCommand({
          ConfigurationAggregatorName: query.aggregatorName,
          ConfigRuleName: read.ruleName,
          AccountId: accountId,
          AwsRegion: query.region,
          ComplianceType: 'NOT_APPLICABLE',
          Limit: 1,
        })));
      const results = page.AggregateEvaluationResults ?? [];
      if (results.some((r) => r.ComplianceType === 'NOT_APPLICABLE')) byAccount.set(accountId, 'NOT_APPLICABLE');
    } catch {
      // Left undecided: the account stays unknown, with the summary's reason.
    }
  }));
  return { kind: 'found', ruleName: read.ruleName, byAccount };
}
