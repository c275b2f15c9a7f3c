import { CONTROL_TOWER_LOG_GROUP, resourceNames } from '../naming';
import { ROOT_ACTIVITY_FILTER_PATTERN } from './root-activity-pattern';

/** A metric filter the package deploys on the Control Tower log group. */
export interface DeployedMetricFilter {
  /** Stable id (used in CLI output and JSON). */
  readonly id: string;
  /** Filter name in CloudWatch Logs. */
  readonly filterName: string;
  /** The filter pattern, verbatim. */
  readonly pattern: string;
  readonly logGroupName: string;
  readonly metricNamespace: string;
  readonly metricName: string;
}

/** Options that decide which filters are deployed. */
export interface MetricFilterOptions {
  readonly namePrefix: string;
}

/**
 * Every metric filter the package deploys, in template order. The alarm stack and
 * `root-guard backtest --config` both read this list, so what is tested is what is deployed.
 */
export function deployedMetricFilters(options: MetricFilterOptions): DeployedMetricFilter[] {
  const names = resourceNames(options.namePrefix);
  return [
    {
      id: 'root-activity',
      filterName: names.metricFilter,
      pattern: ROOT_ACTIVITY_FILTER_PATTERN,
      logGroupName: CONTROL_TOWER_LOG_GROUP,
      metricNamespace: names.metricNamespace,
      metricName: names.metricName,
    },
  ];
}
