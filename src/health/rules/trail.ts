import type { ExpectedDetection } from '../expected';
import type { HealthFinding } from '../findings';
import { timeMillis, type ObservedDetection } from '../observed';

/**
 * `trail-logging` and `trail-delivery`: the organization trail is logging, its last delivery to
 * CloudWatch Logs (GetTrailStatus `LatestCloudWatchLogsDeliveryTime`) is at most
 * `deliveryMaxAgeMinutes` old, and `LatestCloudWatchLogsDeliveryError` is empty
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html, read
 * 2026-12-08). A trail whose delivery role was detached keeps logging to S3 and reports the error
 * here; nothing reaches the filters, and no call that caused it reaches them either.
 */
export function trailFindings(expected: ExpectedDetection, observed: ObservedDetection): HealthFinding[] {
  if (!observed.trail.ok) return [];
  const status = observed.trail.value;
  const subject = expected.trailName;
  const findings: HealthFinding[] = [];
  if (status.IsLogging !== true) findings.push({ check: 'trail-logging', subject, status: 'failing', detail: 'the trail is not logging: no event reaches any filter (aws cloudtrail start-logging; find who stopped it: eventName StopLogging)' });
  const error = status.LatestCloudWatchLogsDeliveryError;
  const delivered = timeMillis(status.LatestCloudWatchLogsDeliveryTime);
  const now = timeMillis(observed.now) ?? 0;
  if (error !== undefined && error !== '') {
    findings.push({ check: 'trail-delivery', subject, status: 'failing', detail: `CloudTrail reports a CloudWatch Logs delivery error: ${error} (check the CloudWatch Logs role of the trail and its policies)` });
  } else if (delivered === undefined || now - delivered > expected.deliveryMaxAgeMinutes * 60_000) {
    const age = delivered === undefined ? 'never' : `${Math.floor((now - delivered) / 60_000)} minutes ago`;
    findings.push({ check: 'trail-delivery', subject, status: 'failing', detail: `last delivery to CloudWatch Logs: ${age} (more than ${expected.deliveryMaxAgeMinutes} minutes): no recent event can reach the filters` });
  }
  return findings;
}

/** {@link trailFindings} in JSONata (times: ISO 8601 strings or epoch seconds/milliseconds). */
export const TRAIL_FINDINGS_JSONATA = `(
  $observed.trail.ok = true ? (
    $s := $observed.trail.value;
    $subject := $expected.trailName;
    $t := $s.LatestCloudWatchLogsDeliveryTime;
    $delivered := $type($t) = 'number' ? ($t < 100000000000 ? $t * 1000 : $t) : $toMillis($t);
    $now := $toMillis($observed.now);
    $error := $s.LatestCloudWatchLogsDeliveryError;
    [
      $s.IsLogging = true ? () : {'check': 'trail-logging', 'subject': $subject, 'status': 'failing', 'detail': 'the trail is not logging: no event reaches any filter (aws cloudtrail start-logging; find who stopped it: eventName StopLogging)'},
      ($exists($error) and $error != '')
        ? {'check': 'trail-delivery', 'subject': $subject, 'status': 'failing', 'detail': 'CloudTrail reports a CloudWatch Logs delivery error: ' & $error & ' (check the CloudWatch Logs role of the trail and its policies)'}
        : ($exists($delivered) and $now - $delivered <= $expected.deliveryMaxAgeMinutes * 60000)
          ? ()
          : {'check': 'trail-delivery', 'subject': $subject, 'status': 'failing', 'detail': 'last delivery to CloudWatch Logs: ' & ($exists($delivered) ? $string($floor(($now - $delivered) / 60000)) & ' minutes ago' : 'never') & ' (more than ' & $string($expected.deliveryMaxAgeMinutes) & ' minutes): no recent event can reach the filters'}
    ]
  ) : []
)`;
