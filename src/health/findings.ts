/** What a health rule found: one thing that would keep an alert from reaching the security team. */
export interface HealthFinding {
  /** The rule (`filter`, `alarm`, `alarm-muted` …): {@link HEALTH_CHECKS}. */
  readonly check: HealthCheckId;
  /** What it is about: a filter or alarm name, the trail, a topic ARN, or the API that could not be read. */
  readonly subject: string;
  /** `missing`: not there; `failing`: there but it would not alert; `unknown`: could not be read. */
  readonly status: 'missing' | 'failing' | 'unknown';
  /** What is wrong, and the fix. */
  readonly detail: string;
}

/** Every rule of the shared set, with what it proves when it finds nothing. */
export const HEALTH_CHECKS = {
  read: 'every read the verification needs succeeded (a role deleted or denied is a finding, never a pass)',
  filter: 'every root-guard metric filter exists on the trail\'s log group with the committed pattern and metric',
  alarm: 'every root-guard alarm exists with the committed metric, statistic, threshold, comparison, period, actions, and actions enabled',
  'alarm-muted': 'no SCHEDULED or ACTIVE alarm mute rule targets a root-guard alarm',
  canary: 'the canary alarm is not in ALARM: the canary call reached the log group, its filter, its metric',
  'trail-logging': 'the organization trail is logging',
  'trail-delivery': 'the trail\'s last CloudWatch Logs delivery is recent and reports no error',
  'topic-publish': 'the topic\'s policy still lets CloudWatch alarms (and EventBridge, where it publishes) publish',
  'topic-subscriptions': 'the topic has a confirmed subscription',
  'topic-key': 'the topic\'s key policy still lets the publishing services use the key (where the policy is readable)',
} as const;

/** A rule id. */
export type HealthCheckId = keyof typeof HEALTH_CHECKS;

/** `check subject status`: how the two implementations' findings are compared. */
export function findingKey(finding: { readonly check: string; readonly subject: string; readonly status: string }): string {
  return `${finding.check} ${finding.subject} ${finding.status}`;
}
