import type { ApiRate } from '../api-pacer';

/**
 * AWS facts the root-credentials command rests on, in one place.
 *
 * - `sts:AssumeRoot` (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html, checked
 *   2026-12): callable only with credentials of the Organizations management account or of IAM's
 *   delegated administrator, never with root credentials; `TargetPrincipal` is the member account id;
 *   `TaskPolicyArn` one of the AWS managed `root-task/` policies; `DurationSeconds` at most 900; the
 *   global STS endpoint is not supported: only a Regional one.
 * - The task policies (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-iam-awsmanpol.html,
 *   anchors `security-iam-awsmanpol-IAMAuditRootUserCredentials` …): the session can do only what its
 *   task policy allows, and SCPs still apply to it.
 */

/** The managed policies that scope an AssumeRoot session (`arn:<partition>:iam::aws:policy/root-task/<name>`). */
export const TASK_POLICY = {
  /** Read the member root user's password status, access keys (+ last used), MFA devices and signing certificates. */
  audit: 'IAMAuditRootUserCredentials',
  /** Delete the root user's password, access keys and signing certificates, and deactivate its MFA devices. */
  delete: 'IAMDeleteRootUserCredentials',
} as const;

/** The ARN of a task policy in a partition. */
export function taskPolicyArn(name: string, partition: string): string {
  return `arn:${partition}:iam::aws:policy/root-task/${name}`;
}

/** Longest AssumeRoot session, in seconds (API_AssumeRoot.html: "up to ... 900 seconds"). */
export const MAX_ROOT_SESSION_SECONDS = 900;

/** The features `iam:ListOrganizationsFeatures` reports (API_ListOrganizationsFeatures.html). */
export const ROOT_ACCESS_FEATURES = ['RootCredentialsManagement', 'RootSessions'] as const;

const STS_QUOTA = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (IAM and AWS STS quotas, 2026): 600 requests per second per account per Region for the STS calls made with credentials; AssumeRoot is such a call but is not named in the page\'s list; no burst published: 10 assumed, 17 ms of the quota, so that timer jitter does not cost calls (docs/reference/detection.md#sts-request-rate)';
const ASSUMED_IAM = 'not published by AWS for these IAM calls (checked 2026-12); assumed 10/s, burst 10, per member account';

/**
 * Rates of the calls this command makes, in api-pacer's shape (merged with API_RATES by the CLI).
 *
 * Every AssumeRoot comes from the caller's account and Region, so one bucket paces all of them, at
 * the STS request quota AWS publishes (docs/reference/detection.md#sts-request-rate): 600/s, so
 * 5,000 sessions need 8.3 s, less than listing the organization's accounts first (Organizations'
 * published rates: about 30 s for 5,000 accounts). The IAM calls inside a session are made in the
 * member account (IAM throttles per account), so each account has its own buckets, and the 4 +
 * one-per-key calls of one account never empty a burst of 10: they are counted, not paced; the SDK's
 * retries cover the rest.
 */
export const ROOT_CREDENTIALS_RATES: Readonly<Record<string, ApiRate>> = {
  'sts:AssumeRoot': { rate: 600, burst: 10, source: STS_QUOTA },
};

/** The per-member-account IAM rate the benchmark imposes on each account (assumed; see ASSUMED_IAM). */
export const MEMBER_IAM_RATE: ApiRate = { rate: 10, burst: 10, source: ASSUMED_IAM };

/**
 * What an AssumeRoot session with this task policy was for, when root-guard opens such sessions:
 * a responder reading `investigate` (or a fast alert) can then tell this command's expected root
 * activity from anything else. Undefined for other task policies.
 */
export function describeTaskPolicy(taskPolicyArn: string | undefined): string | undefined {
  const name = taskPolicyArn?.replace(/^.*:policy\/root-task\//, '');
  if (name === TASK_POLICY.audit) return 'a root-credentials read, expected while `root-guard root-credentials` runs (its --json lists each account\'s sessionAccessKeyId)';
  if (name === TASK_POLICY.delete) return 'a root-credentials removal, expected from `root-guard root-credentials --apply` (its journal lists each step\'s sessionAccessKeyId)';
  return undefined;
}
