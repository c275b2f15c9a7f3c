import { cisAlarms, deployedMetricFilters, METRIC_FILTERS_PER_LOG_GROUP } from '../../src/detection/metric-filters';
import { compileFilterPattern } from '../../src/filter-pattern';
import { generatePackage } from '../../src/package/generate';
import { PACKAGE_PATHS } from '../../src/plan';
import { labelledCloudTrailSamples } from '../support/cloudtrail-samples';
import { fixtureConfig } from '../support/config';

describe('the deployed root-activity filter', () => {
  const [root] = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard' });
  const samples = labelledCloudTrailSamples();

  test('is exactly the Security Hub CloudWatch.1 string', () => {
    expect(root.pattern).toBe('{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}');
  });

  test('is the pattern the alarm template deploys', () => {
    const template = JSON.parse(generatePackage(fixtureConfig()).get(PACKAGE_PATHS.alarmTemplate) as string) as {
      Resources: Record<string, { Type: string; Properties: { FilterPattern?: string } }>;
    };
    const filter = Object.values(template.Resources).find((r) => r.Type === 'AWS::Logs::MetricFilter');
    expect(filter?.Properties.FilterPattern).toBe(root.pattern);
  });

  test.each(samples.map((s) => [s.note, s] as const))('agrees with the label: %s', (_note, sample) => {
    expect(compileFilterPattern(root.pattern).matches(sample.record)).toBe(sample.expectRootAlarm);
  });

  test('the samples cover both outcomes', () => {
    expect(samples.filter((s) => s.expectRootAlarm).length).toBeGreaterThan(0);
    expect(samples.filter((s) => !s.expectRootAlarm).length).toBeGreaterThan(0);
  });
});

describe('deployedMetricFilters with the CIS monitoring set', () => {
  const all = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard', cisMonitoring: 'all' });

  test('keeps the root filter first and unchanged', () => {
    expect(all[0]).toEqual(deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard' })[0]);
  });

  test('adds 15 CIS filters (two for route tables) with unique ids and names: 16 of the 100 filters a log group allows', () => {
    expect(all).toHaveLength(16);
    expect(all.length).toBeLessThanOrEqual(METRIC_FILTERS_PER_LOG_GROUP);
    expect(new Set(all.map((f) => f.id)).size).toBe(16);
    expect(new Set(all.map((f) => f.filterName)).size).toBe(16);
    expect(all.every((f) => f.logGroupName === 'aws-controltower/CloudTrailLogs')).toBe(true);
  });

  test('selects only the listed controls, in CIS order', () => {
    const some = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'rg', cisMonitoring: ['4.13', '4.1'] });
    expect(some.map((f) => f.id)).toEqual(['root-activity', 'cis-4.1-unauthorized-api-calls', 'cis-4.13-route-table-changes', 'cis-4.13-route-table-changes-ec2']);
  });

  test('groups the filters into one alarm per control, each named from the prefix', () => {
    const alarms = cisAlarms({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard', cisMonitoring: 'all' });
    expect(alarms).toHaveLength(14);
    expect(alarms.find((a) => a.cisId === '4.13')?.filters).toHaveLength(2);
    expect(alarms.every((a) => a.alarmName.startsWith('root-guard-cis-'))).toBe(true);
    expect(cisAlarms({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard' })).toEqual([]);
  });
});
