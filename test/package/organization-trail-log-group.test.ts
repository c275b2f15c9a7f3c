import { generatePackage } from '../../src/package/generate';
import { PACKAGE_PATHS } from '../../src/plan';
import { configWith } from '../support/config';

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (files: ReadonlyMap<string, string>): Resource[] => [...files]
  .filter(([path]) => path.endsWith('.json') && !path.startsWith('policies/'))
  .flatMap(([, text]) => Object.values((JSON.parse(text) as { Resources: Record<string, Resource> }).Resources));

describe('the package on a landing zone 4.0 log group (organizationTrail.logGroupName)', () => {
  const SUFFIXED = 'aws-controltower/CloudTrailLogs-tfw-qeb';
  const files = generatePackage(configWith((c) => {
    c.organizationTrail = { logGroupName: SUFFIXED };
    c.cisMonitoring = 'all';
  }));

  test('puts every AWS::Logs::MetricFilter of every template on that group', () => {
    const filters = resources(files).filter((r) => r.Type === 'AWS::Logs::MetricFilter');
    // The root filter, the CIS filters and the tamper filters.
    expect(filters.length).toBeGreaterThan(20);
    expect(new Set(filters.map((f) => f.Properties.LogGroupName))).toEqual(new Set([SUFFIXED]));
  });

  test('grants the management execution role its metric-filter calls on that group only', () => {
    const text = files.get(PACKAGE_PATHS.executionRoleTemplate)!;
    expect(text).toContain(`log-group:${SUFFIXED}:*`);
    expect(text).not.toMatch(/log-group:aws-controltower\/CloudTrailLogs[:"]/);
  });

  test('names the group in the template descriptions and the CIS alarm descriptions', () => {
    const alarmTemplate = files.get(PACKAGE_PATHS.alarmTemplate)!;
    expect(alarmTemplate).toContain(`on ${SUFFIXED} (management account)`);
    expect(alarmTemplate).toContain(`organization-wide from ${SUFFIXED}.`);
    expect(alarmTemplate).not.toMatch(/aws-controltower\/CloudTrailLogs[^-]/);
  });
});
