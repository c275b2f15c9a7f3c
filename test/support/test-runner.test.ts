import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface RunOptions {
  readonly tsc: string[];
  readonly jest: string[];
  readonly summaryFile?: string;
  readonly interactive: boolean;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}
const { runTests } = require('../../scripts/test') as { runTests(options: RunOptions): Promise<number> };

/** A stand-in for tsc or jest: a Node.js one-liner. */
const fake = (source: string) => [process.execPath, '-e', source];

/** `npm test`'s runner (scripts/test.js) with stand-ins for tsc and jest. */
async function run(tsc: string, jest: string, summary = '') {
  const summaryFile = join(mkdtempSync(join(tmpdir(), 'root-guard-runner-')), 'summary');
  writeFileSync(summaryFile, summary);
  let out = '';
  let err = '';
  const code = await runTests({
    tsc: fake(tsc),
    jest: fake(jest.replace('SUMMARY', JSON.stringify(summaryFile))),
    summaryFile,
    interactive: false,
    out: (text) => { out += text; },
    err: (text) => { err += text; },
  });
  return { code, out, err, summary: readFileSync(summaryFile, 'utf8') };
}

const TYPE_ERROR = "console.log(\"src/a.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.\"); process.exit(2)";
const JEST_PASSES = "require('node:fs').writeFileSync(SUMMARY, '5 passed, 0 failed\\n')";

describe('npm test: the type check alongside jest (scripts/test.js)', () => {
  test('both pass: exit 0, the summary untouched, one line saying the type check passed', async () => {
    const result = await run('', JEST_PASSES);
    expect(result.code).toBe(0);
    expect(result.summary).toBe('5 passed, 0 failed\n');
    expect(result.err).toMatch(/^Type check \(tsc --noEmit\): passed in \d+\.\d s, alongside jest\.\n$/);
  });

  test('a type error fails the run after jest passed: tsc\'s errors printed, its exit code, one more failure in the summary', async () => {
    const result = await run(TYPE_ERROR, JEST_PASSES);
    expect(result.code).toBe(2);
    expect(result.out).toContain("src/a.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(result.err).toContain('Type check (tsc --noEmit): FAILED (exit 2)');
    expect(result.summary).toBe('5 passed, 1 failed\n');
  });

  test('a failing jest run gives jest\'s exit code, whatever the type check says', async () => {
    const result = await run(TYPE_ERROR, "require('node:fs').writeFileSync(SUMMARY, '4 passed, 1 failed, 2 skipped\\n'); process.exit(1)");
    expect(result.code).toBe(1);
    expect(result.summary).toBe('4 passed, 2 failed, 2 skipped\n');
  });

  test('jest that wrote no summary (it crashed) leaves the file empty for .ci/run to report', async () => {
    const result = await run(TYPE_ERROR, 'process.exit(1)');
    expect(result.code).toBe(1);
    expect(result.summary).toBe('');
  });
});
