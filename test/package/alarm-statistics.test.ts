import { POISONABLE_STATISTICS, logMetricAlarmStatistic } from '../../src/detection/alarm-statistic';
import { generatePackage } from '../../src/package/generate';
import { configWith } from '../support/config';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Template = { Resources: Record<string, Resource> };

/** Every alarm in every template of a package, with the template it is in. */
function alarmsOf(files: ReadonlyMap<string, string>): { file: string; props: Record<string, unknown> }[] {
  return [...files].filter(([path]) => path.endsWith('.json') && path.startsWith('templates/'))
    .flatMap(([file, text]) => Object.values((JSON.parse(text) as Template).Resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => ({ file, props: r.Properties })));
}

// Every option on: the root, CIS and tamper alarms all live on metrics root-guard's own filters publish.
const everything = configWith((c) => {
  c.cisMonitoring = 'all';
  c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' };
});

describe('alarms on root-guard metrics cannot be poisoned by PutMetricData', () => {
  for (const [label, config] of [
    ['every option on, threshold 1', everything],
    ['threshold 3', configWith((c) => { c.cisMonitoring = 'all'; c.alarm = { ...c.alarm, threshold: 3 }; })],
  ] as const) {
    test(`no alarm on a custom-namespace metric uses Sum, Average or Minimum (${label})`, () => {
      const alarms = alarmsOf(generatePackage(config));
      const onOwnMetrics = alarms.filter((a) => typeof a.props.Namespace === 'string' && !(a.props.Namespace as string).startsWith('AWS/'));
      expect(onOwnMetrics.length).toBeGreaterThanOrEqual(config.cisMonitoring === 'all' ? 16 : 2);
      for (const alarm of onOwnMetrics) {
        expect({ file: alarm.file, alarm: alarm.props.AlarmName, statistic: alarm.props.Statistic })
          .toEqual({ file: alarm.file, alarm: alarm.props.AlarmName, statistic: expect.not.stringMatching(new RegExp(`^(${POISONABLE_STATISTICS.join('|')})$`)) });
        expect(alarm.props.Statistic).toBeDefined();
      }
    });
  }

  test('one event per period is counted by Maximum; more than one by SampleCount', () => {
    expect(logMetricAlarmStatistic(1)).toBe('Maximum');
    expect(logMetricAlarmStatistic(3)).toBe('SampleCount');
  });
});
