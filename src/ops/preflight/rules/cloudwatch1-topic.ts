import { type TopicVisibility, TOPIC_VISIBILITY_API, topicVisibilityFix } from '../../topic-visibility';
import { type ManagementRead, needsManagement, NOT_IN_MANAGEMENT, type PreflightFinding } from '../finding';

/** What {@link checkCloudWatch1Topic} needs. */
export interface CloudWatch1TopicFacts {
  readonly topicArn: string;
  /** True when the package creates the topic (no `securityTopic.arn`). */
  readonly created: boolean;
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /** sns:ListSubscriptionsByTopic with the management account's credentials. */
  readonly visibility: ManagementRead<TopicVisibility>;
}

/**
 * Security Hub CloudWatch.1 passes only where the alarm's account may call
 * sns:ListSubscriptionsByTopic on the topic the alarm notifies; otherwise its finding is WARNING
 * (docs/reference/detection.md#security-hub-cloudwatch1). Fails, naming the control, when the
 * management account is denied; a topic the package has not created yet passes (its policy grants it).
 */
export function checkCloudWatch1Topic(facts: CloudWatch1TopicFacts): PreflightFinding[] {
  const { visibility: read, topicArn } = facts;
  const target = `topic ${topicArn}`;
  const check = 'cloudwatch1-topic' as const;
  if (read === NOT_IN_MANAGEMENT) return [needsManagement(check, target, TOPIC_VISIBILITY_API, facts.callerAccount)];
  if (!read.ok) return [{ check, status: 'warn', target, api: TOPIC_VISIBILITY_API, message: `not checked: ${read.failure.reason}` }];
  const v = read.value;
  const finding = (status: PreflightFinding['status'], message: string): PreflightFinding[] => [{ check, status, target, api: TOPIC_VISIBILITY_API, message }];
  switch (v.kind) {
    case 'visible':
      return finding('pass', `the management account can list its subscriptions, as Security Hub CloudWatch.1 needs to report PASSED`);
    case 'absent':
      return facts.created
        ? finding('pass', 'not created yet: the package\'s topic policy lets the management account list its subscriptions (Security Hub CloudWatch.1)')
        : finding('fail', 'the topic does not exist (fix securityTopic.arn)');
    case 'denied':
      return finding('fail', `Security Hub CloudWatch.1 will report WARNING, not PASSED: the management account ${facts.managementAccountId} may not call sns:ListSubscriptionsByTopic on it (${v.code}); ${topicVisibilityFix(topicArn, facts.managementAccountId, facts.created)}`);
    default:
      return finding('warn', `not checked: ${v.reason}`);
  }
}
