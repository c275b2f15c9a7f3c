import type { ExpectedDetection } from '../expected';
import type { HealthFinding } from '../findings';
import type { ObservedDetection, Reading } from '../observed';

/**
 * `read`: every read the verification needs must succeed. A read that failed is a finding of its own
 * (status `unknown`), and the rules that need it say nothing: a deleted or denied role, or a throttled
 * call, is never mistaken for healthy detection, nor reported as a dozen missing filters.
 */
export function readFindings(_expected: ExpectedDetection, observed: ObservedDetection): HealthFinding[] {
  const findings: HealthFinding[] = [];
  const add = (reading: Reading<unknown> | undefined, api: string) => {
    if (reading && !reading.ok) findings.push({ check: 'read', subject: api, status: 'unknown', detail: `${api} failed: ${reading.error.code}: ${reading.error.message}` });
  };
  add(observed.metricFilters, 'logs:DescribeMetricFilters');
  add(observed.alarms, 'cloudwatch:DescribeAlarms');
  add(observed.muteRules, 'cloudwatch:ListAlarmMuteRules');
  add(observed.trail, 'cloudtrail:GetTrailStatus');
  for (const topic of observed.topics) {
    add(topic.attributes, `sns:GetTopicAttributes ${topic.arn}`);
    add(topic.subscriptions, `sns:ListSubscriptionsByTopic ${topic.arn}`);
    add(topic.keyPolicy, `kms:GetKeyPolicy ${topic.arn}`);
  }
  return findings;
}

/** {@link readFindings} in JSONata (Step Functions' dialect: single-quoted strings). */
export const READ_FINDINGS_JSONATA = `(
  $read := function($reading, $api) { $exists($reading) and $reading.ok = false
    ? [{'check': 'read', 'subject': $api, 'status': 'unknown', 'detail': $api & ' failed: ' & $reading.error.code & ': ' & $reading.error.message}]
    : [] };
  [
    $read($observed.metricFilters, 'logs:DescribeMetricFilters'),
    $read($observed.alarms, 'cloudwatch:DescribeAlarms'),
    $read($observed.muteRules, 'cloudwatch:ListAlarmMuteRules'),
    $read($observed.trail, 'cloudtrail:GetTrailStatus'),
    $observed.topics.(
      $t := $;
      [
        $read($t.attributes, 'sns:GetTopicAttributes ' & $t.arn),
        $read($t.subscriptions, 'sns:ListSubscriptionsByTopic ' & $t.arn),
        $read($t.keyPolicy, 'kms:GetKeyPolicy ' & $t.arn)
      ]
    )
  ]
)`;
