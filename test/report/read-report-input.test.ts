import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors';
import { readReportInput, type ReportInputKind } from '../../src/report/read-report-input';
import { envelope, makeReportFixtures } from '../support/report-fixtures';

const fixtures = makeReportFixtures(12, 3);
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'rg-report-input-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The one-line message a bad input gets (and that it is a UserError, not a stack trace). */
function problemOf(path: string, kind: ReportInputKind): string {
  try {
    readReportInput(path, kind);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).problems).toHaveLength(1);
    return (err as UserError).problems[0];
  }
  throw new Error(`${path} was accepted as ${kind}`);
}

describe('readReportInput', () => {
  it('accepts each command\'s JSON with its meta', () => {
    const audit = readReportInput(file('audit.json', JSON.stringify(fixtures.audit, null, 2)), 'audit');
    expect(audit.kind).toBe('audit');
    expect(audit.meta?.command).toBe('audit');
    expect(readReportInput(file('creds.json', JSON.stringify(fixtures.credentials)), 'root-credentials').kind).toBe('root-credentials');
    expect(readReportInput(file('activity.json', JSON.stringify(fixtures.activity)), 'activity').kind).toBe('activity');
  });

  it('accepts an older file without meta, keeping every key as read', () => {
    const { meta: _meta, ...audit } = fixtures.audit;
    const input = readReportInput(file('old-audit.json', JSON.stringify(audit)), 'audit');
    expect(input.meta).toBeUndefined();
    expect(input.kind === 'audit' && input.data.apiCalls).toEqual({ 'organizations:ListAccounts': 1 });
  });

  it('tells a truncated file from one that is not JSON', () => {
    const text = JSON.stringify(fixtures.audit, null, 2);
    expect(problemOf(file('cut.json', text.slice(0, 500)), 'audit')).toMatch(/cut\.json: the JSON ends early: the file is truncated \(write it again with `root-guard audit --json`\)$/);
    expect(problemOf(file('bad.json', '{\n  "summary": oops\n}'), 'audit')).toMatch(/bad\.json:2:14: not valid JSON \(.*\); expected the output of `root-guard audit --json`$/);
    expect(problemOf(file('empty.json', ''), 'audit')).toMatch(/empty\.json: the file is empty/);
    expect(problemOf(join(dir, 'absent.json'), 'audit')).toMatch(/absent\.json: no such file \(check the path\)$/);
  });

  it('tells an input of the wrong kind apart, naming the option it belongs to', () => {
    const activity = file('backtest.json', JSON.stringify(fixtures.activity));
    expect(problemOf(activity, 'audit')).toMatch(/backtest\.json: this is the output of `root-guard backtest --json \(or hunt --json\)`, not of `root-guard audit --json` \(pass it as --activity instead of --audit\)$/);
    const { meta: _meta, ...creds } = fixtures.credentials;
    expect(problemOf(file('creds-no-meta.json', JSON.stringify(creds)), 'audit')).toMatch(/pass it as --root-credentials instead of --audit/);
    expect(problemOf(file('array.json', '[1, 2]'), 'activity')).toMatch(/array\.json: not a activity report: expected a JSON object/);
  });

  it('reads an envelope; says which command another envelope came from and what the option takes; refuses a run that stopped', () => {
    const audit = readReportInput(file('audit-envelope.json', JSON.stringify(envelope(fixtures.audit, 1))), 'audit');
    expect(audit).toMatchObject({ kind: 'audit', exitCode: 1, meta: { command: 'audit', organization: { id: 'o-exampleorgid' } } });
    const investigate = { meta: { tool: 'root-guard', version: '0.1.0', command: 'investigate', generatedAt: '2026-12-01T09:30:00.000Z' }, result: { events: [] }, exitCode: 0, error: null };
    expect(problemOf(file('investigate.json', JSON.stringify(investigate)), 'activity'))
      .toMatch(/investigate\.json: this is the output of `root-guard investigate --json`, which the report does not read: --activity takes the output of `root-guard backtest --json \(or hunt --json\)`$/);
    const stopped = { meta: { tool: 'root-guard', version: '0.1.0', command: 'audit', generatedAt: '2026-12-01T09:30:00.000Z' }, result: null, exitCode: 1, error: { kind: 'user', message: 'audit: wrong account', lines: ['audit: wrong account'] } };
    expect(problemOf(file('stopped.json', JSON.stringify(stopped)), 'audit')).toMatch(/stopped\.json: the `root-guard audit` run it holds stopped before its result \(exit 1: audit: wrong account\); fix that and run it again$/);
  });

  it('names the key that is missing or wrong', () => {
    const audit = structuredClone(fixtures.audit) as unknown as { accounts: { result: string }[] };
    audit.accounts[2].result = 'fine';
    expect(problemOf(file('edited.json', JSON.stringify(audit)), 'audit')).toMatch(/edited\.json: accounts\[2\]\.result: .*produce it again\)$/);
    const creds = structuredClone(fixtures.credentials) as unknown as { summary: Record<string, unknown> };
    delete creds.summary.withMfa;
    expect(problemOf(file('creds-edited.json', JSON.stringify(creds)), 'root-credentials')).toMatch(/creds-edited\.json: summary\.withMfa: /);
  });
});
