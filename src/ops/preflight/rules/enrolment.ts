import type { AccountSummary } from '../../organization';
import { compareText, listSome } from '../../text';
import { notChecked, PREFLIGHT_API, type PreflightFinding, type Read, type ReadFailure } from '../finding';
import { BASELINE_CONFIG_STACK_SET } from './baseline-stack-set';

/** The accounts enrolled in Control Tower: the instances of the baseline CONFIG stack set. */
export type EnrolledAccounts =
  | { readonly kind: 'not-in-management' }
  /** The stack set was not found or the stack sets could not be listed (home-region, baseline-stack-set say why). */
  | { readonly kind: 'not-read' }
  | { readonly kind: 'unread'; readonly failure: ReadFailure }
  | { readonly kind: 'read'; readonly accounts: ReadonlySet<string> };

/** The accounts the root checks' stack set targets, as read. */
export type TargetedAccounts =
  /** rootChecks on Root: every account of the organization (organizations:ListAccounts). */
  | { readonly kind: 'root'; readonly accounts: Read<readonly AccountSummary[]> }
  /** rootChecks on OUs (expanded when includeNestedOUs): the accounts directly in each (ListAccountsForParent). */
  | { readonly kind: 'ous'; readonly units: readonly { readonly path: string; readonly accounts: Read<readonly AccountSummary[]> }[] };

/** What {@link checkEnrolment} needs. */
export interface EnrolmentFacts {
  readonly managementAccountId: string;
  readonly callerAccount: string;
  readonly enrolled: EnrolledAccounts;
  /** Undefined when the OU tree could not be read (ou-path reports it). */
  readonly targeted?: TargetedAccounts;
}

/**
 * CfCT deploys an OU target to every ACTIVE account directly in the OU, enrolled or not (its
 * instance then fails, CfCT issue #129), and Root to enrolled accounts only; suspended or closed
 * accounts in a target OU have broken CfCT runs (#86, #192). Issues:
 * https://github.com/aws-solutions/aws-control-tower-customizations/issues
 */
export function checkEnrolment(facts: EnrolmentFacts): PreflightFinding[] {
  const mgmt = facts.managementAccountId;
  const mgmtTarget = `account ${mgmt}`;
  const api = PREFLIGHT_API.listStackInstances;
  const { enrolled, targeted } = facts;
  if (enrolled.kind === 'not-in-management') {
    return [{ check: 'enrolment', status: 'warn', target: mgmtTarget, api, message: `not checked: needs the management account's credentials (running in ${facts.callerAccount})` }];
  }
  if (enrolled.kind !== 'read') {
    const notRead: PreflightFinding = { check: 'enrolment', status: 'warn', target: mgmtTarget, api, message: `not checked: the accounts enrolled in Control Tower could not be read (see ${BASELINE_CONFIG_STACK_SET} above)` };
    return enrolled.kind === 'unread' ? [notChecked('enrolment', enrolled.failure, 'list its stack instances'), notRead] : [notRead];
  }
  if (!targeted) return [];
  const findings: PreflightFinding[] = [];
  const add = (status: PreflightFinding['status'], target: string, at: string, message: string) => findings.push({ check: 'enrolment', status, target, api: at, message });
  if (targeted.kind === 'root') {
    if (!targeted.accounts.ok) return [notChecked('enrolment', targeted.accounts.failure, 'list the accounts')];
    const members = targeted.accounts.value.filter((a) => a.id !== mgmt && a.state === 'ACTIVE');
    const outside = members.filter((a) => !enrolled.accounts.has(a.id)).map((a) => `${a.id} (${a.name})`).sort(compareText);
    add(outside.length ? 'warn' : 'pass', 'rootChecks.organizationalUnits [Root]', PREFLIGHT_API.listAccounts, outside.length
      ? `Root covers enrolled accounts only: ${outside.length} active account(s) are not enrolled and get no root checks: ${listSome(outside, 10)} (enroll them in Control Tower)`
      : `Root: all ${members.length} active member accounts are enrolled and get the root checks`);
    return findings;
  }
  for (const unit of targeted.units) {
    if (!unit.accounts.ok) {
      findings.push(notChecked('enrolment', unit.accounts.failure, 'list its accounts'));
      continue;
    }
    const accounts = unit.accounts.value;
    const active = accounts.filter((a) => a.state === 'ACTIVE');
    const outside = active.filter((a) => !enrolled.accounts.has(a.id));
    for (const a of outside) {
      add('fail', `account ${a.id} in OU ${unit.path}`, api, `${a.id} (${a.name}) is in OU ${unit.path} but not enrolled in Control Tower: CfCT still deploys the root checks to it and the stack instance fails (#129) (enroll the account, or move it out of the OU; enrolled = has an ${BASELINE_CONFIG_STACK_SET} stack instance)`);
    }
    for (const a of accounts.filter((x) => x.state !== 'ACTIVE')) {
      add('warn', `account ${a.id} in OU ${unit.path}`, PREFLIGHT_API.listAccountsForParent, `${a.id} (${a.name}) is ${a.state}: CfCT skips it, and suspended or closed accounts have broken CfCT runs (#86, #192) (move it out of the OU)`);
    }
    if (accounts.length === 0) {
      add('warn', `OU ${unit.path}`, PREFLIGHT_API.listAccountsForParent, `no accounts directly in ${unit.path}: the stack set gets no instances there`);
    } else if (outside.length === 0) {
      add('pass', `OU ${unit.path}`, PREFLIGHT_API.listAccountsForParent, `${active.length} active account(s), all enrolled in Control Tower`);
    }
  }
  return findings;
}
