import type { ExpectedDetection } from '../expected';
import type { HealthFinding } from '../findings';
import type { ObservedDetection } from '../observed';

/**
 * `filter`: every root-guard metric filter (root, CIS, tamper, canary) exists on the trail's log group
 * with the committed pattern, publishing the committed metric. A filter that exists with another
 * pattern still "exists" for anyone who only lists filters, and no longer matches what it must.
 */
export function filterFindings(expected: ExpectedDetection, observed: ObservedDetection): HealthFinding[] {
  if (!observed.metricFilters.ok) return [];
  const deployed = observed.metricFilters.value;
  return expected.filters.flatMap((e): HealthFinding[] => {
    const base = { check: 'filter', subject: e.filterName } as const;
    const found = deployed.find((f) => f.filterName === e.filterName);
    if (!found) return [{ ...base, status: 'missing', detail: `no metric filter ${e.filterName} on ${expected.logGroupName} (deleted, or the package is not deployed: redeploy it)` }];
    if (found.filterPattern !== e.pattern) return [{ ...base, status: 'failing', detail: `pattern changed to ${JSON.stringify(found.filterPattern ?? '')}: it no longer matches what the package commits (redeploy the package)` }];
    const metric = found.metricTransformations?.[0];
    if (metric?.metricName !== e.metricName || metric?.metricNamespace !== e.metricNamespace) {
      return [{ ...base, status: 'failing', detail: `publishes ${metric?.metricNamespace}/${metric?.metricName}, not ${e.metricNamespace}/${e.metricName}: its alarm never sees a match (redeploy the package)` }];
    }
    return [];
  });
}

/** {@link filterFindings} in JSONata. */
export const FILTER_FINDINGS_JSONATA = `(
  $observed.metricFilters.ok = true ? [$expected.filters.(
    $e := $;
    $f := $observed.metricFilters.value[FilterName = $e.filterName][0];
    $m := $f.MetricTransformations[0];
    $not($exists($f))
      ? {'check': 'filter', 'subject': $e.filterName, 'status': 'missing', 'detail': 'no metric filter ' & $e.filterName & ' on ' & $expected.logGroupName & ' (deleted, or the package is not deployed: redeploy it)'}
      : $not($f.FilterPattern = $e.pattern)
        ? {'check': 'filter', 'subject': $e.filterName, 'status': 'failing', 'detail': 'pattern changed to ' & $string($f.FilterPattern) & ': it no longer matches what the package commits (redeploy the package)'}
        : ($m.MetricName = $e.metricName and $m.MetricNamespace = $e.metricNamespace)
          ? ()
          : {'check': 'filter', 'subject': $e.filterName, 'status': 'failing', 'detail': 'publishes ' & $string($m.MetricNamespace) & '/' & $string($m.MetricName) & ', not ' & $e.metricNamespace & '/' & $e.metricName & ': its alarm never sees a match (redeploy the package)'}
  )] : []
)`;
