import { type ManagementRead, NOT_IN_MANAGEMENT, PREFLIGHT_API, type PreflightFinding } from '../finding';
import { controlTowerStackSets } from './home-region';

/**
 * The stack set CfCT reads enrolment from (CfCT's `CONTROL_TOWER_BASELINE_CONFIG_STACKSET`,
 * https://github.com/aws-solutions/aws-control-tower-customizations).
 */
export const BASELINE_CONFIG_STACK_SET = 'AWSControlTowerBP-BASELINE-CONFIG';

/** What {@link checkBaselineStackSet} needs. */
export interface BaselineStackSetFacts {
  readonly region: string;
  readonly managementAccountId: string;
  /** Names of the ACTIVE stack sets in the management account in `region` (cloudformation:ListStackSets). */
  readonly stackSets: ManagementRead<readonly string[]>;
}

/**
 * The stack set whose instances are the enrolled accounts: the exact name, or else a
 * `StackSet-…-<uuid>` variant; undefined when there is neither.
 */
export function baselineConfigStackSet(names: readonly string[]): { readonly name: string; readonly exact: boolean } | undefined {
  if (names.includes(BASELINE_CONFIG_STACK_SET)) return { name: BASELINE_CONFIG_STACK_SET, exact: true };
  const variant = controlTowerStackSets(names).find((n) => n !== BASELINE_CONFIG_STACK_SET && n.replace(/^StackSet-/, '').startsWith(BASELINE_CONFIG_STACK_SET));
  return variant ? { name: variant, exact: false } : undefined;
}

/**
 * Enrolled = has an instance of the baseline CONFIG stack set: CfCT's own test. Checked only where
 * the home region holds Control Tower's stack sets (otherwise home-region already fails).
 *
 * UNVERIFIED: one report names it StackSet-AWSControlTowerBP-BASELINE-CONFIG-<uuid> on landing
 * zone 3.3, while CfCT v2.8.4 looks up the exact name (a fixed value in its template).
 */
export function checkBaselineStackSet(facts: BaselineStackSetFacts): PreflightFinding[] {
  const { stackSets, region } = facts;
  if (stackSets === NOT_IN_MANAGEMENT || !stackSets.ok || controlTowerStackSets(stackSets.value).length === 0) return [];
  const target = `account ${facts.managementAccountId} ${region}`;
  const api = PREFLIGHT_API.listStackSets;
  const found = baselineConfigStackSet(stackSets.value);
  if (found?.exact) {
    return [{ check: 'baseline-stack-set', status: 'pass', target, api, message: `${BASELINE_CONFIG_STACK_SET} exists: CfCT reads enrolled accounts from its instances` }];
  }
  if (found) {
    return [{ check: 'baseline-stack-set', status: 'warn', target, api, message: `found ${found.name} but not ${BASELINE_CONFIG_STACK_SET}, the exact name CfCT looks up: its stack-set stage may fail with StackSetNotFound (#106); check the first CfCT pipeline run's stack-set stage log` }];
  }
  return [{ check: 'baseline-stack-set', status: 'fail', target, api, message: `no ${BASELINE_CONFIG_STACK_SET} stack set in ${region}: CfCT's stack-set stage reads enrolment from it and fails without it (#106; is AWS Config enabled by the landing zone?)` }];
}
