import type { ExpectedAlarm, ExpectedDetection } from '../expected';
import type { HealthFinding } from '../findings';
import type { ObservedAlarm, ObservedDetection } from '../observed';

/** What differs between a deployed alarm and the package's, one phrase each (empty: identical). */
function alarmDifferences(e: ExpectedAlarm, o: ObservedAlarm): string[] {
  const diff: string[] = [];
  const field = (name: string, seen: unknown, want: unknown) => { if (seen !== want) diff.push(`${name} ${String(seen)} (package: ${String(want)})`); };
  if (o.Namespace !== e.namespace || o.MetricName !== e.metricName) diff.push(`metric ${o.Namespace}/${o.MetricName} (package: ${e.namespace}/${e.metricName})`);
  field('statistic', o.Statistic, e.statistic);
  field('threshold', o.Threshold, e.threshold);
  field('comparison', o.ComparisonOperator, e.comparisonOperator);
  field('period', o.Period, e.period);
  field('evaluation periods', o.EvaluationPeriods, e.evaluationPeriods);
  field('missing data', o.TreatMissingData, e.treatMissingData);
  const lost = e.actions.filter((a) => !(o.AlarmActions ?? []).includes(a));
  if (lost.length > 0) diff.push(`actions lack ${lost.join(', ')}`);
  if (o.ActionsEnabled !== true) diff.push('actions disabled');
  return diff;
}

/**
 * `alarm`: every root-guard alarm exists with the committed metric, statistic, threshold, comparison,
 * period, evaluation periods and missing-data treatment, notifies the security topic, and has its
 * actions enabled. `canary`: the canary's alarm is not in ALARM (the canary stopped arriving).
 */
export function alarmFindings(expected: ExpectedDetection, observed: ObservedDetection): HealthFinding[] {
  if (!observed.alarms.ok) return [];
  const deployed = observed.alarms.value;
  return expected.alarms.flatMap((e): HealthFinding[] => {
    const o = deployed.find((a) => a.AlarmName === e.alarmName);
    if (!o) return [{ check: 'alarm', subject: e.alarmName, status: 'missing', detail: `no alarm ${e.alarmName} (deleted, or the package is not deployed: redeploy it)` }];
    const findings: HealthFinding[] = [];
    const diff = alarmDifferences(e, o);
    if (diff.length > 0) findings.push({ check: 'alarm', subject: e.alarmName, status: 'failing', detail: `${diff.join('; ')} (redeploy the package; aws cloudwatch enable-alarm-actions for disabled actions)` });
    if (e.canary && o.StateValue === 'ALARM') {
      findings.push({ check: 'canary', subject: e.alarmName, status: 'failing', detail: 'the canary stopped arriving: the trail, its delivery to the log group, the canary filter or its metric is broken (docs/tamper-alerts.md, The sentinel)' });
    }
    return findings;
  });
}

/** {@link alarmFindings} in JSONata. */
export const ALARM_FINDINGS_JSONATA = `(
  $observed.alarms.ok = true ? [$expected.alarms.(
    $e := $;
    $o := $observed.alarms.value[AlarmName = $e.alarmName][0];
    $field := function($name, $seen, $want) { $seen = $want ? () : $name & ' ' & $string($seen) & ' (package: ' & $string($want) & ')' };
    $lost := $e.actions[$not($ in $o.AlarmActions)];
    $diff := [
      ($o.Namespace = $e.namespace and $o.MetricName = $e.metricName) ? () : 'metric ' & $string($o.Namespace) & '/' & $string($o.MetricName) & ' (package: ' & $e.namespace & '/' & $e.metricName & ')',
      $field('statistic', $o.Statistic, $e.statistic),
      $field('threshold', $o.Threshold, $e.threshold),
      $field('comparison', $o.ComparisonOperator, $e.comparisonOperator),
      $field('period', $o.Period, $e.period),
      $field('evaluation periods', $o.EvaluationPeriods, $e.evaluationPeriods),
      $field('missing data', $o.TreatMissingData, $e.treatMissingData),
      $count($lost) > 0 ? 'actions lack ' & $join($lost, ', ') : (),
      $o.ActionsEnabled = true ? () : 'actions disabled'
    ];
    $not($exists($o))
      ? [{'check': 'alarm', 'subject': $e.alarmName, 'status': 'missing', 'detail': 'no alarm ' & $e.alarmName & ' (deleted, or the package is not deployed: redeploy it)'}]
      : [
          $count($diff) > 0 ? {'check': 'alarm', 'subject': $e.alarmName, 'status': 'failing', 'detail': $join($diff, '; ') & ' (redeploy the package; aws cloudwatch enable-alarm-actions for disabled actions)'} : (),
          ($e.canary = true and $o.StateValue = 'ALARM') ? {'check': 'canary', 'subject': $e.alarmName, 'status': 'failing', 'detail': 'the canary stopped arriving: the trail, its delivery to the log group, the canary filter or its metric is broken (docs/tamper-alerts.md, The sentinel)'} : ()
        ]
  )] : []
)`;
