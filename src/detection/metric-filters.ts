import { resourceNames } from '../plan/names';
import { type CisMonitoringSelection, CIS_MONITORING_CONTROLS, cisMetricName, cisResourceName, selectCisControls } from './cis-filters';
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
  /** The CIS AWS Foundations control of an optional CIS filter (`4.1` …); absent for the root filter. */
  readonly cisId?: string;
}

/** Options that decide which filters are deployed. */
export interface MetricFilterOptions {
  readonly namePrefix: string;
  /**
   * The optional CIS 4.x monitoring filters (`cisMonitoring` in the config): `all` or a list of ids.
   * @default - none: only the root filter
   */
  readonly cisMonitoring?: CisMonitoringSelection;
  /** The organization trail's log group (the plan's `organizationTrail.logGroupName`). */
  readonly logGroupName: string;
}

/**
 * Every metric filter the package deploys, in template order. The alarm stack and
 * `root-guard backtest --config` both read this list, so what is tested is what is deployed.
 */
export function deployedMetricFilters(options: MetricFilterOptions): DeployedMetricFilter[] {
  const names = resourceNames(options.namePrefix);
  // The root filter stays first: callers that want only it take element 0.
  return [
    {
      id: 'root-activity',
      filterName: names.metricFilter,
      pattern: ROOT_ACTIVITY_FILTER_PATTERN,
      logGroupName: options.logGroupName,
      metricNamespace: names.metricNamespace,
      metricName: names.metricName,
    },
    // A control whose checkers disagree has two filters on one metric (src/detection/cis-filters.ts).
    ...selectCisControls(options.cisMonitoring).flatMap((control) => control.filters.map((variant) => ({
      id: `cis-${control.id}-${control.slug}${variant.nameSuffix}`,
      filterName: `${cisResourceName(options.namePrefix, control)}${variant.nameSuffix}`,
      pattern: variant.pattern,
      logGroupName: options.logGroupName,
      metricNamespace: names.metricNamespace,
      metricName: cisMetricName(options.namePrefix, control),
      cisId: control.id,
    }))),
  ];
}

/** CloudWatch Logs quota: "100 metric filters per log group" (not adjustable). */
export const METRIC_FILTERS_PER_LOG_GROUP = 100;

/** One CIS alarm: a metric, the filters that publish it, and the alarm's name. */
export interface CisAlarm {
  readonly cisId: string;
  readonly title: string;
  readonly securityHubControl?: string;
  readonly alarmName: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  /** One filter, or two when the checkers disagree (src/detection/cis-filters.ts). */
  readonly filters: readonly DeployedMetricFilter[];
}

/** The selected CIS filters grouped into one alarm per control, in CIS order. */
export function cisAlarms(options: MetricFilterOptions): CisAlarm[] {
  const filters = deployedMetricFilters(options).filter((f) => f.cisId !== undefined);
  return CIS_MONITORING_CONTROLS.flatMap((control) => {
    const own = filters.filter((f) => f.cisId === control.id);
    if (own.length === 0) return [];
    return [{
      cisId: control.id,
      title: control.title,
      ...(control.securityHubControl ? { securityHubControl: control.securityHubControl } : {}),
      alarmName: cisResourceName(options.namePrefix, control),
      metricNamespace: own[0].metricNamespace,
      metricName: own[0].metricName,
      filters: own,
    }];
  });
}
