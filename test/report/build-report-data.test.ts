import { buildReportData } from '../../src/report/build-report-data';
import { parseReportInput } from '../../src/report/read-report-input';
import { envelope, makeReportFixtures } from '../support/report-fixtures';

const fixtures = makeReportFixtures(40, 11);
const produced = { at: '2026-12-02T10:00:00.000Z', version: '0.1.0' };

describe('buildReportData', () => {
  const data = buildReportData([
    parseReportInput('audit.json', fixtures.audit, 'audit'),
    parseReportInput('creds.json', fixtures.credentials, 'root-credentials'),
    parseReportInput('activity.json', fixtures.activity, 'activity'),
  ], produced);

  it('counts each OU\'s accounts by result, adding up to the audit\'s summary', () => {
    const ous = data.audit!.ous;
    expect(ous.reduce((s, o) => s + o.accounts, 0)).toBe(fixtures.audit.summary.accounts);
    expect(ous.reduce((s, o) => s + o.counts.uncovered, 0)).toBe(fixtures.audit.summary.uncovered);
    const security = fixtures.audit.accounts.filter((a) => a.ouPath === 'Security');
    expect(ous.find((o) => o.ou === 'Security')!.accounts).toBe(security.length);
  });

  it('shows the worst status of each group of checks, and lists the findings', () => {
    const uncovered = fixtures.audit.accounts.find((a) => a.result === 'uncovered')!;
    const row = data.audit!.accounts.find((r) => r[0] === uncovered.id)!;
    expect(row.slice(3, 7)).toEqual(['uncovered', 'missing', 'ok', 'n/a']);
    expect(row[7]).toBe('Stack set rg-root-checks: missing: no stack instance (re-run the CfCT pipeline)');
  });

  it('shows an account whose root rules are NOT_APPLICABLE (root credentials deleted) as ok with the reason, never missing or unknown (issue 24 §4)', () => {
    const covered = fixtures.audit.accounts.find((a) => a.result === 'covered')!;
    const gone = { ...covered, items: covered.items.map((i) => (i.id.startsWith('config:') ? { ...i, status: 'ok' as const, detail: 'NOT_APPLICABLE (no root credentials: centralized root access)' } : i)) };
    const audit = { ...fixtures.audit, accounts: fixtures.audit.accounts.map((a) => (a.id === covered.id ? gone : a)) };
    const row = buildReportData([parseReportInput('audit.json', audit, 'audit')], produced).audit!.accounts.find((r) => r[0] === covered.id)!;
    expect(row[3]).toBe('covered');
    expect(row[6]).toBe('ok (NOT_APPLICABLE: no root credentials)');
    expect(row[7]).toBe('');
  });

  it('turns each account\'s credentials into counts, with "unknown" and ? (never 0) where it could not be read', () => {
    const unreadable = fixtures.credentials.accounts.find((a) => a.error)!;
    const row = data.credentials!.accounts.find((r) => r[0] === unreadable.accountId)!;
    expect(row.slice(3)).toEqual(['unknown', '?', '?', '?', '?', 'sts:AssumeRoot: AccessDenied: centralized root access is not enabled']);
  });

  it('keeps the groups and the first matches, read the way the backtest reads them', () => {
    const filter = data.activity!.filters[0];
    expect(filter.groups.reduce((s, g) => s + g[3], 0)).toBe((fixtures.activity as { matched: number }).matched);
    expect(filter.firstMatches[0]).toMatchObject({ day: filter.firstMatches[0].time.slice(0, 10), identity: expect.stringMatching(/^Root arn:aws:iam::\d{12}:root$/) });
  });

  it('says "unknown" for where an input came from when it has no meta', () => {
    const { meta: _meta, ...audit } = fixtures.audit;
    const old = buildReportData([parseReportInput('old.json', audit, 'audit')], produced);
    const unknown = Object.fromEntries(['command', 'arguments', 'generatedAt', 'version', 'commit', 'configFile', 'configSha256', 'organizationId', 'managementAccountId', 'callerAccount', 'callerArn', 'exitCode'].map((k) => [k, 'unknown']));
    expect(old.sources).toEqual([{ kind: 'audit', file: 'old.json', ...unknown }]);
  });

  it('reads an envelope: its provenance, "not read" where the run did not learn a fact, the file\'s name without its directory', () => {
    const env = envelope(fixtures.audit, 1) as { meta: Record<string, unknown> };
    delete env.meta.caller;
    const data = buildReportData([parseReportInput('/home/jane/audits/audit.json', env, 'audit')], produced);
    expect(data.sources[0]).toMatchObject({
      file: 'audit.json', command: 'audit', exitCode: '1', organizationId: 'o-exampleorgid', managementAccountId: '111111111111',
      callerAccount: 'not read', callerArn: 'not read', commit: '0123456789abcdef0123456789abcdef01234567',
    });
    const full = buildReportData([parseReportInput('/home/jane/audits/audit.json', env, 'audit')], produced, { fullPaths: true });
    expect(full.sources[0].file).toBe('/home/jane/audits/audit.json');
    // Paths among the arguments too; a pattern, an ARN or a Region are left as they are.
    env.meta.arguments = ['--config', '/home/jane/repo/root-guard.config.yaml', '--pattern', '{ $.a = "x/y" }', '../archive/2026', '--topic-arn', 'arn:aws:sns:us-east-1:222222222222:t/x'];
    const named = buildReportData([parseReportInput('audit.json', env, 'audit')], produced);
    expect(named.sources[0].arguments).toBe('--config root-guard.config.yaml --pattern { $.a = "x/y" } 2026 --topic-arn arn:aws:sns:us-east-1:222222222222:t/x');
  });

  it('shows an unread kind as unknown and the kinds read as counted, from unreadParts', () => {
    const account = { ...fixtures.credentials.accounts[1], mfaDevices: [], unreadParts: [{ api: 'iam:ListMFADevices', reason: 'AccessDenied' }], error: { api: 'iam:ListMFADevices', reason: 'AccessDenied' } };
    const report = { ...fixtures.credentials, accounts: [account] };
    const data = buildReportData([parseReportInput('creds.json', report, 'root-credentials')], produced);
    const row = data.credentials!.accounts[0];
    expect(row[7]).toBe('?'); // MFA devices: not read
    expect(row[4]).toBe((account.accessKeys ?? []).filter((k) => k.status === 'Active').length); // keys: read
  });
});

describe('local paths (issue 28 §6)', () => {
  const produced = { at: '2026-12-02T10:00:00.000Z', version: '0.1.0' };
  test('CloudTrail files are shown from AWSLogs/ on, other files by name; --full-paths keeps them', () => {
    const activity = JSON.parse(JSON.stringify(makeReportFixtures(10, 3).activity)) as { problems: { path: string; problem: string }[]; filters: { firstMatches: { file: string }[] }[] };
    activity.filters[0].firstMatches[0].file = `/home/jane/archive/${activity.filters[0].firstMatches[0].file}`;
    activity.problems = [{ path: '/home/jane/archive/notes/broken.json', problem: 'not CloudTrail' }];
    const input = parseReportInput('/home/jane/out/activity.json', activity, 'activity');
    const data = buildReportData([input], produced);
    expect(data.activity!.filters[0].firstMatches[0].from).toMatch(/^AWSLogs\/o-exampleorgid\/\d{12}\/CloudTrail\//);
    expect(data.activity!.problems).toEqual([{ path: 'broken.json', problem: 'not CloudTrail' }]);
    expect(JSON.stringify(data)).not.toContain('/home/jane');
    const full = buildReportData([input], produced, { fullPaths: true });
    expect(full.activity!.problems[0].path).toBe('/home/jane/archive/notes/broken.json');
  });
});
