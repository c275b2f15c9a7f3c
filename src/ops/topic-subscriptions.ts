import { ListSubscriptionsByTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { paced, type Pacer } from './api-pacer';
import { describeAwsError, unreadReason } from './describe-aws-error';
import { eachPage } from './each-page';

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
        subscriptions.push({
          protocol: s.Protocol ?? '?',
          endpoint: s.Endpoint ?? '?',
          confirmed: typeof s.SubscriptionArn === 'string' && s.SubscriptionArn.startsWith('arn:'),
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
