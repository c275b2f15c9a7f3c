import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './config';

const SlowFirstSequencer = require('./slow-first-sequencer') as { new (options: object): { sort(tests: FakeTest[]): FakeTest[] }; SLOW_SUITES: string[] };

interface FakeTest {
  readonly path: string;
  readonly context: { readonly config: { readonly cache: boolean }; readonly hasteFS: { getSize(path: string): number } };
  duration?: number;
}

/** Suites as jest hands them to the sequencer on a clean clone: no timings (cache off), only file sizes. */
function suites(sizes: Record<string, number>): FakeTest[] {
  const context = { config: { cache: false }, hasteFS: { getSize: (path: string) => sizes[path] ?? 0 } };
  return Object.keys(sizes).map((path) => ({ path, context }));
}

describe('the slow-first sequencer (clean clone: no jest timings yet)', () => {
  test('starts the listed slow suites first, in the listed order, and keeps jest\'s size order for the rest', () => {
    const [first, second] = SlowFirstSequencer.SLOW_SUITES;
    const tests = suites({
      '/repo/test/a-big.test.ts': 30_000,
      [`/repo/${second}`]: 5_000,
      '/repo/test/b-medium.test.ts': 10_000,
      [`/repo/${first}`]: 6_000,
    });
    const order = new SlowFirstSequencer({}).sort(tests).map((t) => t.path);
    expect(order).toEqual([`/repo/${first}`, `/repo/${second}`, '/repo/test/a-big.test.ts', '/repo/test/b-medium.test.ts']);
  });

  test('names suites that exist (a renamed suite would silently lose its place)', () => {
    for (const suite of SlowFirstSequencer.SLOW_SUITES) expect(existsSync(join(REPO_ROOT, suite))).toBe(true);
  });
});
