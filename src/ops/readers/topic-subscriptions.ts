import { GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import { eachPage } from '../aws/each-page';

/** One subscription of the alert topic. */
export interface TopicSubscription {
  readonly protocol: string;
  /** Email address, URL, ARN … */
  readonly endpoint: string;
  /**
   * A confirmed subscription has an ARN; `PendingConfirmation` does not count for CIS 4.3
   * (docs/reference/detection.md#cis-43) and receives nothing.
   */
  readonly confirmed: boolean;
  /** The subscription's ARN, for a confirmed subscription only (a pending one has none). */
  readonly subscriptionArn?: string;
}

/** The topic's subscriptions, or why they could not be listed. */
export type TopicSubscriptions =
  | { readonly kind: 'found'; readonly topicArn: string; readonly subscriptions: readonly TopicSubscription[] }
  | { readonly kind: 'absent'; readonly topicArn: string }
  | { readonly kind: 'unread'; readonly topicArn: string; readonly reason: string };

/**
 * Lists the topic's subscriptions, every page. The topic usually lives in the security account:
 * the management account reads it through the topic policy's `sns:ListSubscriptionsByTopic`
 * grant (which Security Hub CloudWatch.1 also needs), so access denied here is reported, not fatal.
 */
export async function readTopicSubscriptions(client: SNSClient, topicArn: string, pacer: Pacer): Promise<TopicSubscriptions> {
  const subscriptions: TopicSubscription[] = [];
  try {
    await eachPage(async (token) => {
      const page = await paced(pacer, 'sns:ListSubscriptionsByTopic', () =>
        client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: token })));
      for (const s of page.Subscriptions ?? []) {
        const confirmed = typeof s.SubscriptionArn === 'string' && s.SubscriptionArn.startsWith('arn:');
        subscriptions.push({
          protocol: s.Protocol ?? '?',
          endpoint: s.Endpoint ?? '?',
          confirmed,
          ...(confirmed ? { subscriptionArn: s.SubscriptionArn } : {}),
        });
      }
      return page.NextToken;
    });
  } catch (err) {
    const info = describeAwsError(err);
    if (info.code === 'NotFound' || info.code === 'NotFoundException') return { kind: 'absent', topicArn };
    return { kind: 'unread', topicArn, reason: unreadReason(info) };
  }
  return { kind: 'found', topicArn, subscriptions };
}

/**
 * Protocols whose messages put an unsubscribe link in a person's mailbox: every email notification
 * ends with one, and email-json carries `UnsubscribeURL`
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html).
 */
export const LINK_UNSUBSCRIBE_PROTOCOLS: readonly string[] = ['email', 'email-json'];

/** Whether one confirmed email subscription was confirmed with authentication, or why it could not be read. */
export type ConfirmationAuthentication =
  | { readonly kind: 'authenticated' | 'unauthenticated'; readonly endpoint: string; readonly subscriptionArn: string }
  | { readonly kind: 'unread'; readonly endpoint: string; readonly subscriptionArn: string; readonly reason: string };

/**
 * Reads `ConfirmationWasAuthenticated` (GetSubscriptionAttributes,
 * https://docs.aws.amazon.com/sns/latest/api/API_GetSubscriptionAttributes.html) of every confirmed
 * email / email-json subscription. A subscription confirmed by clicking the link in the confirmation
 * email is not authenticated, and anyone holding the unsubscribe link of any message (a forwarded
 * alert, a mail scanner following links) can remove it; one confirmed with ConfirmSubscription and
 * `AuthenticateOnUnsubscribe=true` can only be removed by the topic owner or the subscription owner
 * with an AWS signature (https://docs.aws.amazon.com/sns/latest/api/API_ConfirmSubscription.html).
 *
 * `sns:GetSubscriptionAttributes` is not among the actions a topic policy can grant
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html),
 * so only credentials of the topic's own account can read it: from the management account each
 * subscription comes back `unread`. After the first access denial the others are not tried (the
 * same denial applies to all of them).
 */
export async function readConfirmationAuthentication(client: SNSClient, subscriptions: readonly TopicSubscription[], pacer: Pacer): Promise<ConfirmationAuthentication[]> {
  const results: ConfirmationAuthentication[] = [];
  let denied: string | undefined;
  for (const s of subscriptions) {
    if (!s.confirmed || !s.subscriptionArn || !LINK_UNSUBSCRIBE_PROTOCOLS.includes(s.protocol)) continue;
    const base = { endpoint: s.endpoint, subscriptionArn: s.subscriptionArn };
    if (denied) {
      results.push({ ...base, kind: 'unread', reason: denied });
      continue;
    }
    try {
      const page = await paced(pacer, 'sns:GetSubscriptionAttributes', () =>
        client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.subscriptionArn })));
      const value = page.Attributes?.ConfirmationWasAuthenticated;
      results.push(value === 'true' ? { ...base, kind: 'authenticated' }
        : value === 'false' ? { ...base, kind: 'unauthenticated' }
          : { ...base, kind: 'unread', reason: 'SNS returned no ConfirmationWasAuthenticated attribute' });
    } catch (err) {
      const info = describeAwsError(err);
      const reason = info.kind === 'access-denied'
        ? `access denied (${info.code}): a topic policy cannot grant sns:GetSubscriptionAttributes to another account; read it with credentials of the topic's account (audit --topic-profile)`
        : unreadReason(info);
      if (info.kind === 'access-denied') denied = reason;
      results.push({ ...base, kind: 'unread', reason });
    }
  }
  return results;
}
