import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { makeReportFixtures } from '../support/report-fixtures';

const fixtures = makeReportFixtures(10, 2);
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'rg-cli-report-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('root-guard report', () => {
  it('writes the page from the JSON files given and says what it wrote', async () => {
    writeFileSync(join(dir, 'creds.json'), JSON.stringify(fixtures.credentials));
    const out = join(dir, 'report.html');
    const { code, stdout, stderr } = await runCli(['report', '--out', out, '--root-credentials', join(dir, 'creds.json')]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(new RegExp(`^Wrote ${out} \\(\\d+ KB: root credentials\\)\\.\\n$`));
    expect(readFileSync(out, 'utf8')).toContain('<meta name="generator" content="root-guard report">');
    // Which root-guard wrote the page: its version and, from a git checkout, its commit.
    expect(readFileSync(out, 'utf8')).toMatch(/by root-guard 0\.1\.0( \(commit [0-9a-f]{40}(-dirty)?\))?\./);
  });

  it('prints a one-line error, not a stack trace, for an input of the wrong kind', async () => {
    writeFileSync(join(dir, 'audit.json'), JSON.stringify(fixtures.audit));
    const { code, stderr } = await runCli(['report', '--out', join(dir, 'r.html'), '--activity', join(dir, 'audit.json')]);
    expect(code).toBe(1);
    expect(stderr).toBe(`${join(dir, 'audit.json')}: this is the output of \`root-guard audit --json\`, not of \`root-guard backtest --json (or hunt --json)\` (pass it as --audit instead of --activity)\n`);
  });

  it('is a usage error (exit 2) without any input, writing nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rg-report-none-')), 'r.html');
    const result = await runCli(['report', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: report: no input given .*\(see root-guard report --help\)\n$/);
    expect(() => readFileSync(out)).toThrow();
  });

  it('needs --out', async () => {
    const { code, stderr } = await runCli(['report', '--audit', 'a.json']);
    expect(code).toBe(2);
    expect(stderr).toContain("required option '-o, --out <file>' not specified");
  });
});
