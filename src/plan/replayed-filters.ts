import type { RootGuardConfig } from '../config/schema';
import { deployedMetricFilters } from '../detection/metric-filters';
import { plannedTamperAlerts } from './tamper-alerts';

/** An alarm on a filter's metric: Sum >= threshold over `evaluationPeriods` periods of `periodSeconds`. */
export interface AlarmSettings {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
}

/** One metric filter the package deploys, with the alarm on its metric, for `root-guard backtest --config`. */
export interface ReplayedFilter {
  readonly id: string;
  readonly filterName: string;
  readonly pattern: string;
  /** The alarm on the filter's metric. */
  readonly alarm: AlarmSettings;
}

/**
 * The tamper alarm's settings: >= 1 over one 5-minute period, as src/constructs/tamper-alerts.ts
 * deploys it (a test compares them with the synthesized template). With a threshold of 1 its
 * statistic (Maximum) breaches in the same periods as a count of matches would.
 */
export const TAMPER_ALARM: AlarmSettings = { periodSeconds: 300, evaluationPeriods: 1, threshold: 1 };

/**
 * Every metric filter the package deploys on the organization trail's log group, in template order:
 * the root-activity filter and the CIS filters (the config's `alarm:`), then the tamper filters
 * (`tamperAlerts`, on unless false), each with the tamper alarm. The tamper filters all publish to
 * one metric watched by one alarm; with its threshold of 1, the alarm fires in every period where
 * any of them matched, so per-filter estimates add up to at least the alarm's own count.
 */
export function replayedFilters(config: RootGuardConfig, logGroupName: string): ReplayedFilter[] {
  const metric = deployedMetricFilters({ namePrefix: config.namePrefix, cisMonitoring: config.cisMonitoring, logGroupName })
    .map((f) => ({ id: f.id, filterName: f.filterName, pattern: f.pattern, alarm: config.alarm }));
  const tamper = plannedTamperAlerts(config, logGroupName)?.filters
    .map((f) => ({ id: `tamper-${f.group.id}`, filterName: f.filterName, pattern: f.pattern, alarm: TAMPER_ALARM })) ?? [];
  return [...metric, ...tamper];
}
