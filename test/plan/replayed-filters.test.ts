import { generatePackage } from '../../src/package/generate';
import { organizationTrailLogGroupName } from '../../src/plan/organization-trail';
import { replayedFilters, TAMPER_ALARM } from '../../src/plan/replayed-filters';
import { plannedTamperAlerts } from '../../src/plan/tamper-alerts';
import { configWith } from '../support/config';

/* Issue 28 §5: `backtest --config` replays what the package deploys: every metric filter, with its alarm. */
describe('replayedFilters', () => {
  const config = configWith((c) => { (c as { cisMonitoring?: unknown }).cisMonitoring = 'all'; });
  const files = generatePackage(config);
  const deployed = [...files].filter(([path]) => path.startsWith('templates/')).flatMap(([, text]) => Object.values(JSON.parse(text).Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>));

  test('is every metric filter in the templates, by name and pattern, but the sentinel\'s canary, and nothing else', () => {
    // The canary's alarm fires when its filter stops matching (docs/tamper-alerts.md, "The sentinel"):
    // a replay of matches says nothing about it, and docs/backtest.md says it is left out.
    const inTemplates = deployed.filter((r) => r.Type === 'AWS::Logs::MetricFilter' && r.Properties.FilterName !== 'root-guard-sentinel-canary')
      .map((r) => [r.Properties.FilterName, r.Properties.FilterPattern]);
    expect(deployed.some((r) => r.Type === 'AWS::Logs::MetricFilter' && r.Properties.FilterName === 'root-guard-sentinel-canary')).toBe(true);
    const replayed = replayedFilters(config, organizationTrailLogGroupName(config)).map((f) => [f.filterName, f.pattern]);
    expect(replayed.sort()).toEqual(inTemplates.sort());
    const tamper = plannedTamperAlerts(config, organizationTrailLogGroupName(config))!.filters.length;
    expect(tamper).toBeGreaterThan(10);
    expect(replayed.filter(([name]) => String(name).startsWith('root-guard-tamper-'))).toHaveLength(tamper);
  });

  test('gives the tamper filters the tamper alarm as deployed', () => {
    const alarm = deployed.find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.AlarmName === 'root-guard-tamper')!.Properties;
    expect({ periodSeconds: alarm.Period, evaluationPeriods: alarm.EvaluationPeriods, threshold: alarm.Threshold }).toEqual(TAMPER_ALARM);
  });

  test('leaves the tamper filters out when tamperAlerts is false', () => {
    const off = configWith((c) => { (c as { tamperAlerts: boolean }).tamperAlerts = false; });
    expect(replayedFilters(off, organizationTrailLogGroupName(off)).some((f) => f.id.startsWith('tamper-'))).toBe(false);
  });
});
