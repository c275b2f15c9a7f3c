import { type FindingStatus, notChecked, PREFLIGHT_API, type PreflightFinding, type Read } from '../finding';

/** What {@link checkSecurityTopic} needs. */
export interface SecurityTopicFacts {
  /** The topic the alarm notifies. */
  readonly topicArn: string;
  /** True when the package creates the topic (no `securityTopic.arn`). */
  readonly created: boolean;
  /** The stack set that creates it, and the account it goes to (named while it does not exist yet). */
  readonly topicStackSet: string;
  readonly securityAccountId?: string;
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /** sns:GetTopicAttributes, or `absent` when the topic does not exist. */
  readonly attributes: Read<Readonly<Record<string, string>> | 'absent'>;
}

/**
 * The topic the alarm notifies: exists (or will be created), readable, usable by CloudWatch,
 * subscribed. CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services);
 * a cross-account alarm needs a topic policy letting cloudwatch.amazonaws.com publish
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions.html).
 */
export function checkSecurityTopic(facts: SecurityTopicFacts): PreflightFinding[] {
  const { topicArn: arn, created, attributes: read, managementAccountId: mgmt } = facts;
  const target = `topic ${arn}`;
  const api = PREFLIGHT_API.getTopicAttributes;
  const finding = (status: FindingStatus, message: string): PreflightFinding => ({ check: 'security-topic', status, target, api, message });
  if (!read.ok) {
    if (read.failure.error.kind !== 'access-denied') return [notChecked('security-topic', read.failure, 'read the topic')];
    return [finding('warn', created
      ? `cannot read it from ${facts.callerAccount} (before the first deployment this is expected; afterwards the topic policy lets the management account read it)`
      : `cannot read it from ${facts.callerAccount}: check by hand that its policy lets cloudwatch.amazonaws.com publish from ${mgmt} (and let ${mgmt} call sns:GetTopicAttributes to make this check work)`)];
  }
  if (read.value === 'absent') {
    return [finding(created ? 'pass' : 'fail', created
      ? `not created yet: the stack set ${facts.topicStackSet} creates it in ${facts.securityAccountId}`
      : 'the topic does not exist (fix securityTopic.arn, or give accountId and emails to create one)')];
  }
  const attributes = read.value;
  const problems: PreflightFinding[] = [];
  const key = attributes.KmsMasterKeyId ?? '';
  if (/(^|:)alias\/aws\/sns$/.test(key)) {
    problems.push(finding('fail', 'it is encrypted with the AWS managed key alias/aws/sns, which CloudWatch alarms cannot use: notifications are dropped (use a customer managed key that lets cloudwatch.amazonaws.com call kms:Decrypt and kms:GenerateDataKey*)'));
  }
  const topicAccount = arn.split(':')[4];
  if (topicAccount !== mgmt && !policyLetsCloudWatchPublish(attributes.Policy)) {
    problems.push(finding('warn', `its policy has no statement letting cloudwatch.amazonaws.com call sns:Publish: alarms in ${mgmt} cannot notify it (add one with aws:SourceAccount ${mgmt})`));
  }
  if (attributes.SubscriptionsConfirmed === '0') {
    const pending = attributes.SubscriptionsPending && attributes.SubscriptionsPending !== '0' ? ` (${attributes.SubscriptionsPending} pending: confirm the email)` : '';
    problems.push(finding('warn', `it has no confirmed subscription${pending}: alerts reach nobody (CIS 4.3 needs a confirmed subscriber)`));
  }
  if (problems.length === 0) return [finding('pass', `reachable, ${attributes.SubscriptionsConfirmed ?? '?'} confirmed subscription(s)`)];
  return problems;
}

/** Whether a topic policy has an Allow of sns:Publish for CloudWatch (or for everyone). */
export function policyLetsCloudWatchPublish(policyText: string | undefined): boolean {
  if (!policyText) return false;
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(policyText) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  return statements.some((s) => {
    const st = (s ?? {}) as { Effect?: string; Principal?: unknown; Action?: unknown };
    if (st.Effect !== 'Allow') return false;
    const actions = list(st.Action).map(String);
    if (!actions.some((a) => a === '*' || a === 'sns:*' || a.toLowerCase() === 'sns:publish')) return false;
    const principal = st.Principal;
    if (principal === '*') return true;
    const p = (principal ?? {}) as { Service?: unknown; AWS?: unknown };
    return list(p.Service).map(String).includes('cloudwatch.amazonaws.com') || list(p.AWS).map(String).includes('*');
  });
}
