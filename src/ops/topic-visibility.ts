import { ListSubscriptionsByTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { paced, type Pacer } from './api-pacer';
import { describeAwsError, unreadReason } from './describe-aws-error';
import type { OrgCheck } from './detection-checks';

/**
 * Whether the credentials at hand (the management account's) may list the alert topic's
 * subscriptions: `visible`, `absent` (no such topic), `denied` with the error code, or `unread`.
 */
export type TopicVisibility =
  | { readonly kind: 'visible' | 'absent' }
  | { readonly kind: 'denied'; readonly code: string }
  | { readonly kind: 'unread'; readonly reason: string };

/** The one call {@link readTopicVisibility} makes. */
export const TOPIC_VISIBILITY_API = 'sns:ListSubscriptionsByTopic';

/**
 * Security Hub CloudWatch.1 reports WARNING, not PASSED, when the account the alarm is in cannot
 * list the subscriptions of the topic the alarm notifies (docs/reference/detection.md#security-hub-cloudwatch1).
 * One ListSubscriptionsByTopic call (the first page is enough to know) with the management
 * account's credentials answers the question the control asks. Never throws.
 */
export async function readTopicVisibility(client: SNSClient, topicArn: string, pacer: Pacer): Promise<TopicVisibility> {
  try {
    await paced(pacer, TOPIC_VISIBILITY_API, () => client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn })));
    return { kind: 'visible' };
  } catch (err) {
    const info = describeAwsError(err);
    if (info.code === 'NotFound' || info.code === 'NotFoundException') return { kind: 'absent' };
    if (info.kind === 'access-denied') return { kind: 'denied', code: info.code };
    return { kind: 'unread', reason: unreadReason(info) };
  }
}

/**
 * The fix for a denial, in one sentence: the statement the generated topic carries
 * (`AllowTheManagementAccountToSeeSubscriptions`, src/constructs/security-topic.ts).
 */
export function topicVisibilityFix(topicArn: string, managementAccountId: string, created: boolean): string {
  return created
    ? `the package's topic policy grants it (statement AllowTheManagementAccountToSeeSubscriptions): someone removed it; redeploy the topic stack set (re-run the CfCT pipeline)`
    : `add to the policy of ${topicArn} a statement allowing principal arn:${topicArn.split(':')[1] ?? 'aws'}:iam::${managementAccountId}:root the actions sns:ListSubscriptionsByTopic and sns:GetTopicAttributes`;
}

/** The audit's org-level check of {@link readTopicVisibility}'s answer. */
export function cloudWatch1TopicCheck(visibility: TopicVisibility, topicArn: string, managementAccountId: string, created: boolean): OrgCheck {
  const base = { id: 'cloudwatch1-topic', label: 'Security Hub CloudWatch.1 can see the topic\'s subscriptions' };
  switch (visibility.kind) {
    case 'visible':
      return { ...base, status: 'ok', detail: `the management account may list the subscriptions of ${topicArn}` };
    case 'absent':
      return { ...base, status: 'missing', detail: `topic ${topicArn} does not exist` };
    case 'denied':
      return { ...base, status: 'failing', detail: `CloudWatch.1 reports WARNING, not PASSED: these credentials may not call sns:ListSubscriptionsByTopic on ${topicArn} (${visibility.code}); ${topicVisibilityFix(topicArn, managementAccountId, created)}` };
    default:
      return { ...base, status: 'unknown', api: TOPIC_VISIBILITY_API, detail: visibility.reason };
  }
}
