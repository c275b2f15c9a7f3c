import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors';
import { writeReport } from '../../src/report/write-report';
import { makeReportFixtures } from '../support/report-fixtures';

const fixtures = makeReportFixtures(20, 5);
let dir: string;
let audit: string;
let activity: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rg-write-report-'));
  audit = join(dir, 'audit.json');
  activity = join(dir, 'activity.json');
  writeFileSync(audit, JSON.stringify(fixtures.audit));
  writeFileSync(activity, JSON.stringify(fixtures.activity));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function problems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).problems;
  }
  throw new Error('no error');
}

describe('writeReport', () => {
  it('writes one self-contained page: no URL to load, data and both libraries inline', () => {
    const out = join(dir, 'report.html');
    const result = writeReport({ out, inputs: { audit, activity }, version: '9.9.9', now: new Date('2026-12-02T10:00:00Z') });
    const html = readFileSync(out, 'utf8');
    expect(result.bytes).toBe(Buffer.byteLength(html));
    expect(html).toContain('Written 2026-12-02T10:00:00.000Z by root-guard 9.9.9.');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain('gridjs');
    expect(html).toContain('uPlot');
    expect(readdirSync(dir).sort()).toEqual(['activity.json', 'audit.json', 'report.html']);
  });

  it('reports every bad input together and writes nothing', () => {
    writeFileSync(audit, '{"summary": ');
    const out = join(dir, 'report.html');
    expect(problems(() => writeReport({ out, inputs: { audit, activity: audit.replace('audit', 'nope') }, version: '0' }))).toEqual([
      `${audit}: the JSON ends early: the file is truncated (write it again with \`root-guard audit --json\`)`,
      `${join(dir, 'nope.json')}: no such file (check the path)`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('asks for at least one input', () => {
    expect(problems(() => writeReport({ out: join(dir, 'r.html'), inputs: {}, version: '0' }))[0]).toMatch(/^report: no input given/);
  });

  it('never overwrites a file it did not write, nor one of its inputs', () => {
    const notes = join(dir, 'notes.html');
    writeFileSync(notes, '<p>my notes</p>');
    expect(problems(() => writeReport({ out: notes, inputs: { audit }, version: '0' }))[0]).toMatch(/notes\.html: exists and is not a report root-guard wrote: it is left as it is \(choose another --out, or pass --force to replace it\)$/);
    expect(readFileSync(notes, 'utf8')).toBe('<p>my notes</p>');
    expect(problems(() => writeReport({ out: audit, inputs: { audit }, version: '0', force: true }))[0]).toMatch(/audit\.json: is also an input/);
    writeReport({ out: notes, inputs: { audit }, version: '0', force: true });
    expect(readFileSync(notes, 'utf8')).toContain('root-guard report');
  });

  it('replaces a report it wrote before', () => {
    const out = join(dir, 'report.html');
    writeReport({ out, inputs: { audit }, version: '1', now: new Date('2026-12-01T00:00:00Z') });
    writeReport({ out, inputs: { audit }, version: '2', now: new Date('2026-12-02T00:00:00Z') });
    expect(readFileSync(out, 'utf8')).toContain('by root-guard 2.');
  });
});
