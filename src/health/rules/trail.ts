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
  const problem = trailDeliveryProblem(status, timeMillis(observed.now) ?? 0, expected.deliveryMaxAgeMinutes);
  if (problem) findings.push({ check: 'trail-delivery', subject, status: 'failing', detail: problem });
  return findings;
}

/** GetTrailStatus's delivery fields, as the SDK returns them (times as Date, ISO text or epoch). */
export interface TrailDeliveryStatus {
  readonly LatestCloudWatchLogsDeliveryTime?: Date | string | number;
  readonly LatestCloudWatchLogsDeliveryError?: string;
}

/**
 * What is wrong with the trail's delivery to CloudWatch Logs at `nowMillis`, or undefined: a delivery
 * error CloudTrail reports, or a last delivery older than `maxAgeMinutes` (or none). Shared by the
 * sentinel's rule above and `root-guard preflight` (src/ops/preflight/rules/trail-delivery.ts).
 */
export function trailDeliveryProblem(status: TrailDeliveryStatus, nowMillis: number, maxAgeMinutes: number): string | undefined {
  const error = status.LatestCloudWatchLogsDeliveryError;
  if (error !== undefined && error !== '') return `CloudTrail reports a CloudWatch Logs delivery error: ${error} (check the CloudWatch Logs role of the trail and its policies)`;
  const delivered = timeMillis(status.LatestCloudWatchLogsDeliveryTime);
  if (delivered !== undefined && nowMillis - delivered <= maxAgeMinutes * 60_000) return undefined;
  const age = delivered === undefined ? 'never' : `${Math.floor((nowMillis - delivered) / 60_000)} minutes ago`;
  return `last delivery to CloudWatch Logs: ${age} (more than ${maxAgeMinutes} minutes): no recent event can reach the filters`;
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
