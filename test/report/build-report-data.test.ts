import { buildReportData } from '../../src/report/build-report-data';
import { parseReportInput } from '../../src/report/read-report-input';
import { makeReportFixtures } from '../support/report-fixtures';

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
    expect(old.sources).toEqual([{ kind: 'audit', file: 'old.json', command: 'unknown', generatedAt: 'unknown', version: 'unknown', configFile: 'unknown', configSha256: 'unknown' }]);
  });
});
