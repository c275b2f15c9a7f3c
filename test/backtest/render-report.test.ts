import { join } from 'node:path';
import { renderJsonReport, renderTextReport } from '../../src/backtest/render-report';
import { runBacktest, type BacktestFilter, type BacktestResult } from '../../src/backtest/run-backtest';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../src/detection/root-activity-pattern';
import { cloudTrailRecord, rootLogin, tempDir, writeFile, writeRecordsFile } from './fixtures';

const ROOT: BacktestFilter = { id: 'root-activity', filterName: 'root-guard-root-activity', pattern: ROOT_ACTIVITY_FILTER_PATTERN, label: 'metric filter root-activity' };

describe('report rendering', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  let result: BacktestResult;

  beforeAll(async () => {
    writeRecordsFile(join(dir, 'a.json.gz'), [
      rootLogin('111111111111', '2024-03-01T10:00:00Z'),
      { ...rootLogin('222222222222', '2024-03-02T11:00:00Z'), errorMessage: 'Failed authentication' },
      cloudTrailRecord(),
    ]);
    writeFile(join(dir, 'b.json'), 'not json');
    result = await runBacktest({
      paths: [dir],
      filters: [ROOT, { id: 'bad', pattern: '{ $.a IS NOT NULL }', label: 'metric filter bad' }],
      examples: 1,
    });
  });

  it('prints totals, per-filter counts, the alarm estimate, groups, the first match and the problems', () => {
    const text = renderTextReport(result);
    expect(text).toMatch(/^Read 3 events from 2 files \(1 not read to the end: see below\) in \d+\.\d s/);
    expect(text).toContain('== root-activity (metric filter root-guard-root-activity)');
    expect(text).toContain('   matched  2 of 3 events, on 2 days, in 2 accounts');
    expect(text).toContain('   alarm    would have gone to ALARM 2 times (Sum >= 1 over 300 s, 1 evaluation period; 2 breaching periods)');
    expect(text).toMatch(/2024-03-01 +111111111111 +ConsoleLogin +1\n/);
    expect(text).toMatch(/2024-03-02 +222222222222 +ConsoleLogin +1\n/);
    expect(text).toContain('   First 1 of 2 matches:');
    expect(text).toContain('   1. 2024-03-01T10:00:00Z  ConsoleLogin (signin.amazonaws.com)  account 111111111111  us-east-1');
    expect(text).toContain('      identity    Root arn:aws:iam::111111111111:root');
    expect(text).toContain('      source IP   203.0.113.7');
    expect(text).toContain('      user agent  Mozilla/5.0 (example)');
    expect(text).toContain(`      from        ${join(dir, 'a.json.gz')}, record 1`);
    expect(text).toContain('      MFA         -\n');
    expect(text).toContain(`      ${JSON.stringify(rootLogin('111111111111', '2024-03-01T10:00:00Z'))}`);
    expect(text).toContain('== bad');
    expect(text).toContain('   NOT EVALUATED: the pattern is invalid');
    expect(text).toContain('Skipped input (1 problem; exit code 1):');
    expect(text).toContain(`  ${join(dir, 'b.json')}: not CloudTrail JSON at byte 0`);
  });

  it('shows MFA and whether the access key is long-term (AKIA) or temporary (ASIA)', () => {
    const example = (event: Record<string, unknown>) => renderTextReport({ ...result, filters: [{ id: 'x', pattern: 'p', matched: 1, groups: [], ungroupedMatches: 0, examples: [{ file: 's3://example-bucket/a.json.gz', record: 0, event }] }] });
    const keyed = example(cloudTrailRecord({ userIdentity: { type: 'IAMUser', accessKeyId: 'AKIAEXAMPLE', sessionContext: { attributes: { mfaAuthenticated: 'false' } } } }));
    expect(keyed).toContain('      MFA         no   access key  AKIAEXAMPLE (long-term key)');
    expect(keyed).toContain('      from        s3://example-bucket/a.json.gz\n');
    expect(example({ ...rootLogin('111111111111', '2024-03-01T10:00:00Z'), additionalEventData: { MFAUsed: 'Yes' } })).toContain('      MFA         yes\n');
  });

  it('limits the group rows and says where the rest are', () => {
    const text = renderTextReport(result, { maxGroupRows: 1 });
    expect(text).toContain('   … 1 more group (all of them are in --json)');
  });

  it('says so plainly when nothing matched', async () => {
    const none = await runBacktest({ paths: [join(dir, 'a.json.gz')], filters: [{ id: 'p', pattern: '{ $.eventName = "DeleteTrail" }', label: '--pattern' }] });
    const text = renderTextReport(none);
    expect(text).toContain('   matched  0 of 3 events\n');
    expect(text).toContain('would have gone to ALARM 0 times');
    expect(text).not.toContain('First');
  });

  it('prints JSON with events, matched per filter, groups, alarm, first matches and problems', () => {
    const json = renderJsonReport(result) as unknown as Record<string, unknown>;
    expect(json.events).toBe(3);
    expect(json).not.toHaveProperty('matched'); // two filters: matched is per filter
    const [root, bad] = json.filters as Record<string, unknown>[];
    expect(root).toMatchObject({ id: 'root-activity', filterName: 'root-guard-root-activity', events: 3, matched: 2, alarm: { alarms: 2 } });
    expect((root.firstMatches as unknown[]).length).toBe(1);
    expect(bad).toMatchObject({ id: 'bad', error: expect.stringContaining('IS NOT is not supported') });
    expect(bad).not.toHaveProperty('matched');
    expect(json.problems).toEqual([{ path: join(dir, 'b.json'), problem: expect.stringContaining('not CloudTrail JSON') }]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('puts matched at the top when there is one filter', async () => {
    const one = await runBacktest({ paths: [join(dir, 'a.json.gz')], filters: [ROOT] });
    expect(renderJsonReport(one)).toMatchObject({ events: 3, matched: 2 });
  });
});
