import { capProblems, showValue, UserError } from '../src/errors';

describe('capProblems', () => {
  test('keeps up to 50 problems as they are', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `p${i}`);
    expect(capProblems(fifty)).toEqual(fifty);
  });

  test('prints the first 50, then how many more there are', () => {
    const lines = capProblems(Array.from({ length: 100_000 }, (_, i) => `p${i}`));
    expect(lines).toHaveLength(51);
    expect(lines[49]).toBe('p49');
    expect(lines[50]).toBe('... and 99,950 more problems (fix these and run again to see the rest)');
    expect(capProblems(['a', 'b', 'c'], 2)).toEqual(['a', 'b', '... and 1 more problem (fix these and run again to see the rest)']);
  });
});

describe('showValue', () => {
  test('quotes a short value whole', () => {
    expect(showValue('Workloads')).toBe('"Workloads"');
    expect(showValue(42)).toBe('"42"');
  });

  test('cuts a long value to 80 characters and gives its length', () => {
    expect(showValue('a'.repeat(10_000_000))).toBe(`"${'a'.repeat(80)}…" (10,000,000 characters)`);
  });
});

describe('UserError', () => {
  test('keeps one problem per line', () => {
    expect(new UserError(['a', 'b']).problems).toEqual(['a', 'b']);
    expect(new UserError('one').message).toBe('one');
  });
});
