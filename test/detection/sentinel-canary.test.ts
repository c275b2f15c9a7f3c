import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFilterPattern } from '../../src/filter-pattern';
import { createPlan } from '../../src/plan/create-plan';
import { labelledCloudTrailSamples } from '../support/cloudtrail-samples';
import { configWith, REPO_ROOT } from '../support/config';

/** The canary's record, as the organization trail records the verifier's GetTrailStatus (fixture's _source says where the shape is from). */
const CANARY = Object.fromEntries(Object.entries(JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'cloudtrail', 'sentinel-canary.json'), 'utf8')) as Record<string, unknown>).filter(([k]) => !k.startsWith('_')));
/** The same call denied (a deny added to the role, or an SCP-like boundary): CloudTrail adds the error code. */
const DENIED = { ...CANARY, errorCode: 'AccessDenied', errorMessage: 'User: arn:aws:sts::111111111111:assumed-role/root-guard-sentinel-reader/sentinel-session is not authorized to perform: cloudtrail:GetTrailStatus' };

const plan = createPlan(configWith((c) => { c.cisMonitoring = 'all'; }));
const canary = compileFilterPattern(plan.sentinel!.canary.pattern);

describe('the sentinel canary filter', () => {
  test('counts the verifier\'s GetTrailStatus by the read-only role, denied or not', () => {
    expect(canary.matches(CANARY)).toBe(true);
    expect(canary.matches(DENIED)).toBe(true);
  });

  test('counts nothing else: no labelled sample, and not the same call by another role or another call by the role', () => {
    for (const { record, note } of labelledCloudTrailSamples()) expect([note, canary.matches(record)]).toEqual([note, false]);
    const otherRole = JSON.parse(JSON.stringify(CANARY).replaceAll('root-guard-sentinel-reader', 'Admin')) as object;
    expect(canary.matches(otherRole)).toBe(false);
    expect(canary.matches({ ...CANARY, eventName: 'DescribeTrails' })).toBe(false);
  });

  test('is counted by no other root-guard filter: root, every CIS filter but 4.1 on a denial, every tamper filter', () => {
    const others = [...plan.metricFilters.map((f) => ({ name: f.filterName, pattern: f.pattern })), ...plan.tamperAlerts!.filters.map((f) => ({ name: f.filterName, pattern: f.pattern }))];
    expect(others.length).toBeGreaterThan(20);
    for (const f of others) expect([f.name, compileFilterPattern(f.pattern).matches(CANARY)]).toEqual([f.name, false]);
    // CIS 4.1 (unauthorized API calls) is Security Hub's string byte for byte: a denied canary is an unauthorized call and counts there.
    const deniedBy = others.filter((f) => compileFilterPattern(f.pattern).matches(DENIED)).map((f) => f.name);
    expect(deniedBy).toEqual(['root-guard-cis-4.1-unauthorized-api-calls']);
  });
});
