import { CONTROL_TOWER_EXECUTION_ROLE } from '../../../plan';
import { PREFLIGHT_API, type PreflightFinding } from '../finding';
import type { EnrolledAccounts } from './enrolment';

/** What {@link checkExplicitAccountEnrolment} needs. */
export interface ExplicitAccountFacts {
  readonly managementAccountId: string;
  /** The account a stack set names explicitly: `securityTopic.accountId` when the package creates the topic. */
  readonly accountId?: string;
  readonly enrolled: EnrolledAccounts;
  /** Whether the OU tree was read (the enrolment of targets is checked only then, as before). */
  readonly treeRead: boolean;
}

/**
 * Accounts named explicitly in a stack set: CfCT drops any that is not enrolled, silently (CfCT
 * issue #101, https://github.com/aws-solutions/aws-control-tower-customizations/issues/101).
 */
export function checkExplicitAccountEnrolment(facts: ExplicitAccountFacts): PreflightFinding[] {
  const { accountId: account, enrolled } = facts;
  if (!account || enrolled.kind !== 'read' || !facts.treeRead) return [];
  const target = `account ${account}`;
  const api = PREFLIGHT_API.listStackInstances;
  if (account === facts.managementAccountId) {
    return [{ check: 'enrolment', status: 'pass', target, api, message: `securityTopic.accountId is the management account: CfCT adds it itself (it needs ${CONTROL_TOWER_EXECUTION_ROLE}, see execution-role)` }];
  }
  if (enrolled.accounts.has(account)) {
    return [{ check: 'enrolment', status: 'pass', target, api, message: 'securityTopic.accountId is enrolled: the topic stack set deploys there' }];
  }
  return [{ check: 'enrolment', status: 'fail', target, api, message: `securityTopic.accountId ${account} is not enrolled in Control Tower: CfCT silently drops it (#101), the topic is never created and the alarm notifies nothing (enroll the account, or use an enrolled one)` }];
}
