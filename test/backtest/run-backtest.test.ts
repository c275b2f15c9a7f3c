import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hasSkipped, runBacktest, type BacktestFilter } from '../../src/backtest/run-backtest';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../src/detection/root-activity-pattern';
import { UserError } from '../../src/errors';
import { cloudTrailRecord, rootLogin, tempDir, writeFile, writeJsonLines, writeRecordsFile } from './fixtures';

const ROOT: BacktestFilter = { id: 'root-activity', filterName: 'root-guard-root-activity', pattern: ROOT_ACTIVITY_FILTER_PATTERN, label: 'metric filter root-activity' };
const LOGINS: BacktestFilter = { id: 'console-logins', pattern: '{ $.eventName = "ConsoleLogin" }', label: 'metric filter console-logins' };

describe('runBacktest', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const archive = join(dir, 'AWSLogs');
  writeRecordsFile(join(archive, '111111111111', '2024', '03', '01', 'a.json.gz'), [
    rootLogin('111111111111', '2024-03-01T10:00:00Z'),
    cloudTrailRecord(),
    cloudTrailRecord({ eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com' }),
  ]);
  writeRecordsFile(join(archive, '222222222222', '2024', '03', '02', 'b.json.gz'), [
    rootLogin('222222222222', '2024-03-02T11:00:00Z'),
    { ...rootLogin('222222222222', '2024-03-02T11:01:00Z'), userIdentity: { type: 'Root', invokedBy: 'signin.amazonaws.com' } },
  ]);

  it('runs every record through every filter and counts events and matches per filter', async () => {
    const result = await runBacktest({ paths: [archive], filters: [ROOT, LOGINS] });
    expect(result.events).toBe(5);
    expect(result.filesRead).toBe(2);
    expect(result.filters.map((f) => [f.id, f.matched])).toEqual([['root-activity', 2], ['console-logins', 4]]);
    expect(result.filters[0].groups).toEqual([
      { day: '2024-03-01', account: '111111111111', eventName: 'ConsoleLogin', count: 1 },
      { day: '2024-03-02', account: '222222222222', eventName: 'ConsoleLogin', count: 1 },
    ]);
    expect(hasSkipped(result)).toBe(false);
  });

  it('keeps the first matches with file and record position', async () => {
    const result = await runBacktest({ paths: [archive], filters: [ROOT], examples: 1 });
    expect(result.filters[0].examples).toHaveLength(1);
    expect(result.filters[0].examples![0]).toMatchObject({ file: join(archive, '111111111111', '2024', '03', '01', 'a.json.gz'), record: 1 });
  });

  it('replays the given alarm over the matches', async () => {
    const result = await runBacktest({ paths: [archive], filters: [LOGINS], alarm: { periodSeconds: 86400, evaluationPeriods: 1, threshold: 2 } });
    expect(result.filters[0].alarm).toMatchObject({ periodSeconds: 86400, threshold: 2, breachingPeriods: 2, alarms: 1 });
  });

  it('reports bad files with their names and keeps going over the others', async () => {
    const bad = join(dir, 'bad');
    const whole = gzipSync(JSON.stringify({ Records: Array.from({ length: 3000 }, (_, i) => cloudTrailRecord({ eventID: `${i}-${'x'.repeat(i % 101)}` })) }));
    writeFile(join(bad, '1-truncated.json.gz'), whole.subarray(0, whole.length - 500));
    writeFile(join(bad, '2-config.json'), '{"homeRegion":"us-east-1"}');
    writeJsonLines(join(bad, '3-good.jsonl'), [rootLogin('333333333333', '2024-03-03T00:00:00Z')]);
    const result = await runBacktest({ paths: [bad, join(dir, 'missing')], filters: [ROOT] });
    expect(result.problems.map((p) => [p.path.slice(dir.length + 1), p.problem.split(';')[0]])).toEqual([
      ['bad/1-truncated.json.gz', 'truncated gzip (unexpected end of file)'],
      ['bad/2-config.json', 'not CloudTrail: the first record has no eventName and eventSource'],
      ['missing', 'no such file or directory'],
    ]);
    expect(result.files).toBe(3);
    expect(result.filesRead).toBe(1);
    expect(result.filters[0].matched).toBe(1);
    expect(result.events).toBeGreaterThan(1);
    expect(hasSkipped(result)).toBe(true);
  });

  it('reports a filter with a bad pattern, evaluates the others, and counts it as skipped', async () => {
    const broken: BacktestFilter = { id: 'broken', pattern: '{ $.a EXISTS }', label: 'root-guard.config.yaml: metric filter broken' };
    const result = await runBacktest({ paths: [archive], filters: [broken, ROOT] });
    expect(result.filters[0].error).toEqual([
      'root-guard.config.yaml: metric filter broken: filter pattern, column 7: EXISTS is not supported by CloudWatch Logs ("IS NOT and EXISTS currently aren\'t supported"): write $.a = "*" to require a value, as aws-cdk-lib\'s FilterPattern.exists() does',
      '  { $.a EXISTS }',
      '        ^',
    ]);
    expect(result.filters[1].matched).toBe(2);
    expect(hasSkipped(result)).toBe(true);
  });

  it('throws a UserError naming the pattern when no filter compiles', async () => {
    await expect(runBacktest({ paths: [archive], filters: [{ id: 'p', pattern: 'ERROR', label: '--pattern' }] })).rejects.toThrow(UserError);
    await expect(runBacktest({ paths: [archive], filters: [{ id: 'p', pattern: 'ERROR', label: '--pattern' }] })).rejects.toThrow(/^--pattern: filter pattern, column 1: only JSON filter patterns/);
  });

  it('reports progress while reading', async () => {
    const seen: number[] = [];
    await runBacktest({ paths: [archive], filters: [ROOT], onProgress: (p) => seen.push(p.events) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBe(5);
  });

  it('counts ignored paths', async () => {
    writeFile(join(dir, 'with-notes', 'notes.txt'), 'x');
    writeRecordsFile(join(dir, 'with-notes', 'a.json.gz'), [cloudTrailRecord()]);
    const result = await runBacktest({ paths: [join(dir, 'with-notes')], filters: [ROOT] });
    expect(result.ignoredPaths).toBe(1);
    expect(hasSkipped(result)).toBe(false);
  });
});
