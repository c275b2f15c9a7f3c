import type { RuleComplianceRead } from '../../readers/config-compliance';
import type { ExpectedRule } from '../../../plan';
import type { CoverageItem, ItemStatus } from '../model';

/** What {@link configRuleItem} needs. */
export interface ConfigRuleFacts {
  readonly rule: ExpectedRule;
  readonly accountId: string;
  /** The aggregator's results for the rule (config:DescribeAggregateComplianceByConfigRules). */
  readonly read: RuleComplianceRead | undefined;
  /** Status of the account's root-checks item: a rule with no result is `missing` when the stack instance is. */
  readonly rootChecksStatus?: ItemStatus;
}

/**
 * The account's result for one root check. NOT_APPLICABLE is fine: with centralized root access
 * the account has no root credentials
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management).
 */
export function configRuleItem(facts: ConfigRuleFacts): CoverageItem {
  const { rule, read } = facts;
  const base = { id: `config:${rule.name}`, label: `Config rule ${rule.name}` };
  if (!read || read.kind === 'unread') return { ...base, status: 'unknown', detail: read?.reason ?? 'not read' };
  const value = read.byAccount.get(facts.accountId);
  switch (value) {
    case 'COMPLIANT':
      return { ...base, status: 'ok', detail: 'COMPLIANT' };
    case 'NOT_APPLICABLE':
      return { ...base, status: 'ok', detail: 'NOT_APPLICABLE (no root credentials: centralized root access)' };
    case 'NON_COMPLIANT':
      return { ...base, status: 'failing', detail: rule.failing };
    case undefined:
      return facts.rootChecksStatus === 'missing'
        ? { ...base, status: 'missing', detail: 'not deployed (no root-checks stack instance)' }
        : { ...base, status: 'unknown', detail: 'no result in the aggregator yet (periodic rules report within their frequency; or the account is not aggregated)' };
    default:
      return { ...base, status: 'unknown', detail: `${value} (not evaluated yet)` };
  }
}
