import type { AwsErrorInfo } from '../describe-aws-error';
import { ENABLE_COMMANDS } from './feature-check';

/**
 * Why a removal (or the session for it) was denied, for a run that already is the management account
 * or IAM's delegated administrator: "grant the caller read access" is no help there. The likely
 * causes, most likely first, and how to tell them apart from the error itself. AWS's access-denied
 * messages name the kind of policy that denied the call: "… with an explicit deny in a service
 * control policy", "… because no session policy allows the … action"; the session policy of an
 * AssumeRoot session is its task policy (docs/reference/detection.md#access-denied-messages).
 */

/** Which cause the message points at, when it names one. */
export type DenialCause = 'scp' | 'task-policy' | 'feature-off' | 'unknown';

/** The cause an access-denied message names. */
export function denialCause(message: string): DenialCause {
  if (/service control polic/i.test(message)) return 'scp';
  if (/session polic/i.test(message)) return 'task-policy';
  if (/RootCredentialsManagement|root credentials management|centralized root|not enabled/i.test(message)) return 'feature-off';
  return 'unknown';
}

const CAUSES: Readonly<Record<Exclude<DenialCause, 'unknown'>, string>> = {
  scp: 'an SCP on the account or one of its OUs denies root actions without exempting AssumeRoot sessions (add "Null": {"aws:AssumedRoot": "true"} to that Deny; Control Tower\'s AWS-GR_RESTRICT_ROOT_USER needs ExemptAssumeRoot; the message says "explicit deny in a service control policy")',
  'task-policy': 'the session\'s task policy IAMDeleteRootUserCredentials does not allow this call (the message says "no session policy allows"; check the call and identifier in the plan)',
  'feature-off': `centralized root access was switched off after the plan (check with aws iam list-organizations-features; turn it on again with ${ENABLE_COMMANDS[1]} && ${ENABLE_COMMANDS[2]})`,
};

function explain(info: AwsErrorInfo, prefix: string): string {
  const cause = denialCause(info.message);
  const order: Exclude<DenialCause, 'unknown'>[] = cause === 'unknown' ? ['scp', 'task-policy', 'feature-off'] : [cause];
  const named = cause === 'unknown' ? 'likely causes, most likely first' : 'the message names the cause';
  return `${prefix} (${info.code}: ${info.message}); ${named}: ${order.map((c, i) => `${order.length > 1 ? `${i + 1}) ` : ''}${CAUSES[c]}`).join('; ')}`;
}

/** The reason journalled and printed for a denied IAM removal call. */
export function removalDeniedReason(api: string, info: AwsErrorInfo): string {
  return explain(info, `access denied to ${api} in the root session`);
}

/** The reason for a denied `sts:AssumeRoot` when opening the removal session. */
export function sessionDeniedReason(info: AwsErrorInfo): string {
  return explain(info, 'the root session was refused');
}
