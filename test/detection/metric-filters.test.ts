import { deployedMetricFilters } from '../../src/detection/metric-filters';
import { compileFilterPattern } from '../../src/filter-pattern';
import { generatePackage, PACKAGE_PATHS } from '../../src/package/generate';
import { labelledCloudTrailSamples } from '../support/cloudtrail-samples';
import { committedConfig } from '../support/config';

describe('the deployed root-activity filter', () => {
  const [root] = deployedMetricFilters({ namePrefix: 'root-guard' });
  const samples = labelledCloudTrailSamples();

  test('is exactly the Security Hub CloudWatch.1 string', () => {
    expect(root.pattern).toBe('{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}');
  });

  test('is the pattern the alarm template deploys', () => {
    const template = JSON.parse(generatePackage(committedConfig()).get(PACKAGE_PATHS.alarmTemplate) as string) as {
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
