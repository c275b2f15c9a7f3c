import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFilters, runBacktestCommand } from '../../src/cli/backtest';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../src/detection/root-activity-pattern';
import { cloudTrailRecord, rootLogin, tempDir, writeFile, writeRecordsFile } from '../backtest/fixtures';
import { runCli } from '../support/cli';
import { validJsonOutput } from '../support/json-schema';
import { parseConfig } from '../../src/config/load';
import { organizationTrailLogGroupName } from '../../src/plan/organization-trail';
import { plannedTamperAlerts } from '../../src/plan/tamper-alerts';
import { FIXTURE_CONFIG, FIXTURE_DIR } from '../support/config';

const REPO_CONFIG = FIXTURE_CONFIG;

describe('root-guard backtest', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const archive = join(dir, 'archive');
  writeRecordsFile(join(archive, '2024', '03', '01', 'a.json.gz'), [
    rootLogin('111111111111', '2024-03-01T10:00:00Z'),
    cloudTrailRecord(),
    cloudTrailRecord({ eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com' }),
  ]);

  it('prints how often a --pattern matched, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['backtest', '--pattern', '{ $.eventName = "ConsoleLogin" }', archive]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Read 3 events from 1 file/);
    expect(stdout).toContain('== pattern');
    expect(stdout).toContain('   matched  2 of 3 events, on 1 day, in 1 account');
    expect(stderr).toBe(''); // progress only on a terminal
  });

  it('prints one JSON object with events and matched for --json', async () => {
    const { code, stdout } = await runCli(['backtest', '--json', '--pattern', ROOT_ACTIVITY_FILTER_PATTERN, archive]);
    expect(code).toBe(0);
    const json = validJsonOutput('backtest', stdout).result;
    expect(json).toMatchObject({ events: 3, matched: 1, filesRead: 1, problems: [] });
    expect(json.filters[0].firstMatches[0].event.userIdentity.type).toBe('Root');
  });

  it('evaluates every filter the package deploys with --config, with the alarm settings from the config', async () => {
    const { code, stdout } = await runCli(['backtest', '--json', '--config', REPO_CONFIG, archive]);
    expect(code).toBe(0);
    const json = validJsonOutput('backtest', stdout).result;
    expect(json.filters.map((f: { id: string }) => f.id)).toContain('root-activity');
    const root = json.filters.find((f: { id: string }) => f.id === 'root-activity');
    expect(root).toMatchObject({ filterName: 'root-guard-root-activity', pattern: ROOT_ACTIVITY_FILTER_PATTERN, events: 3, matched: 1 });
    expect(root.alarm).toMatchObject({ periodSeconds: 300, evaluationPeriods: 1, threshold: 1, alarms: 1 });
  });

  it('evaluates the CIS filters too when the config turns cisMonitoring on, reporting per filter', async () => {
    const config = writeFile(join(dir, 'cis.config.yaml'), `${readFileSync(REPO_CONFIG, 'utf8')}\ncisMonitoring: all\n`);
    const { code, stdout } = await runCli(['backtest', '--json', '--config', config, archive]);
    expect(code).toBe(0);
    const json = validJsonOutput('backtest', stdout).result;
    expect(json.filters.length).toBeGreaterThan(10);
    expect(json).not.toHaveProperty('matched');
    for (const filter of json.filters) expect(filter).toMatchObject({ events: 3, matched: expect.any(Number) });
    const ids = json.filters.map((f: { id: string }) => f.id);
    expect(ids[0]).toBe('root-activity');
    expect(ids.some((id: string) => id.startsWith('cis-4.1-'))).toBe(true);
  });

  it('reports a file that is not CloudTrail with its name, reads the rest, and exits 1', async () => {
    const mixed = join(dir, 'mixed');
    writeRecordsFile(join(mixed, 'a.json.gz'), [rootLogin('222222222222', '2024-03-02T10:00:00Z')]);
    writeFile(join(mixed, 'b.json'), '{"not":"cloudtrail"}');
    const { code, stdout } = await runCli(['backtest', '--pattern', ROOT_ACTIVITY_FILTER_PATTERN, mixed]);
    expect(code).toBe(1);
    expect(stdout).toContain('   matched  1 of 1 event');
    expect(stdout).toContain(`  ${join(mixed, 'b.json')}: not CloudTrail: the first record has no eventName and eventSource`);
  });

  it('rejects a bad --pattern with a caret under the problem, printing no report', async () => {
    const { code, stdout, stderr } = await runCli(['backtest', '--pattern', '{ $.userIdentity.invokedBy EXISTS }', archive]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^--pattern: filter pattern, column 28: EXISTS is not supported by CloudWatch Logs/),
      '  { $.userIdentity.invokedBy EXISTS }',
      `  ${' '.repeat(27)}^`,
    ]);
  });

  it('rejects --pattern together with --config as a usage error (exit 2)', async () => {
    const { code, stderr } = await runCli(['backtest', '--pattern', '{ $.a = 1 }', '--config', REPO_CONFIG, archive]);
    expect(code).toBe(2);
    expect(stderr).toContain('give --pattern or --config, not both');
  });

  it('replays every filter the package deploys, the tamper filters too, each with its own alarm', async () => {
    const { code, stdout } = await runCli(['backtest', '--json', '--config', REPO_CONFIG, archive]);
    expect(code).toBe(0);
    const filters = validJsonOutput('backtest', stdout).result.filters as { id: string; filterName: string; alarm: { threshold: number; periodSeconds: number } }[];
    const tamper = filters.filter((f) => f.id.startsWith('tamper-'));
    const config = parseConfig(readFileSync(REPO_CONFIG, 'utf8'), REPO_CONFIG);
    expect(tamper).toHaveLength(plannedTamperAlerts(config, organizationTrailLogGroupName(config))!.filters.length);
    expect(tamper.map((f) => f.filterName)).toContain('root-guard-tamper-trail');
    for (const f of tamper) expect(f.alarm).toMatchObject({ threshold: 1, periodSeconds: 300 });
  });

  it('is a usage error (exit 2) when the paths hold no CloudTrail event: an empty directory is not "0 of 0 events"', async () => {
    const empty = join(dir, 'empty');
    writeFile(join(empty, 'README.txt'), 'not an archive');
    const result = await runCli(['backtest', '--pattern', ROOT_ACTIVITY_FILTER_PATTERN, empty]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`backtest: no CloudTrail file (.json, .jsonl, .ndjson, or gzipped) found in ${empty}`);
    const json = await runCli(['backtest', '--json', '--pattern', ROOT_ACTIVITY_FILTER_PATTERN, empty]);
    expect(validJsonOutput('backtest', json.stdout)).toMatchObject({ exitCode: 2, result: null, error: { kind: 'usage' } });
  });

  it('reports a config error with its position', async () => {
    const bad = writeFile(join(dir, 'bad.config.yaml'), 'homeRegion: us-east-1\nnamePrefix: 9bad\n');
    const { code, stderr } = await runCli(['backtest', '--config', bad, archive]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
  });

  it('is a usage error without a path or with a bad --examples', async () => {
    expect((await runCli(['backtest', '--pattern', '{ $.a = 1 }'])).code).toBe(2);
    expect((await runCli(['backtest', '--examples', 'many', '--pattern', '{ $.a = 1 }', archive])).code).toBe(2);
  });

  it('draws progress through the progress reporter and clears it before printing', async () => {
    const calls: string[] = [];
    let printed = '';
    const code = await runBacktestCommand([archive], { pattern: '{ $.eventName = "ConsoleLogin" }' }, {
      stdout: (text) => {
        calls.push('print');
        printed += text;
      },
      progress: { update: (done, _total, label) => calls.push(`update ${done} ${label}`), done: () => calls.push('done') },
    });
    expect(code).toBe(0);
    expect(calls[0]).toBe('update 1 file, 3 events');
    expect(calls.slice(-2)).toEqual(['done', 'print']);
    expect(printed).toContain('matched  2 of 3 events');
  });

  it('prints as many first matches as --examples asks', async () => {
    const { stdout } = await runCli(['backtest', '--examples', '0', '--pattern', '{ $.eventName = "ConsoleLogin" }', archive]);
    expect(stdout).not.toContain('First');
  });
});

describe('resolveFilters', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('defaults to root-guard.config.yaml in the current directory', () => {
    process.chdir(FIXTURE_DIR);
    const { filters, alarm } = resolveFilters({});
    expect(filters.map((f) => f.id)).toContain('root-activity');
    expect(filters.every((f) => f.label.startsWith('root-guard.config.yaml: metric filter '))).toBe(true);
    expect(alarm).toEqual({ periodSeconds: 300, evaluationPeriods: 1, threshold: 1 });
  });

  it('says what to pass when there is neither a pattern nor a config', () => {
    const { dir, cleanup } = tempDir();
    try {
      process.chdir(dir);
      expect(() => resolveFilters({})).toThrow(/no filter to evaluate \(pass --pattern .*, or --config FILE; root-guard.config.yaml is neither in the current directory nor above it\)/);
    } finally {
      process.chdir(cwd);
      cleanup();
    }
  });
});
