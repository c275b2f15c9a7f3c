import { FilterPatternError } from '../../src/filter-pattern/errors';
import { compileRegex } from '../../src/filter-pattern/regex';

function rejection(source: string): [number, string] {
  const pattern = `{ $.a = %${source}% }`;
  try {
    compileRegex(pattern, source, 9);
  } catch (error) {
    if (error instanceof FilterPatternError) return [error.position - 9, error.reason];
    throw error;
  }
  throw new Error(`expected %${source}% to be rejected`);
}

describe('compileRegex', () => {
  it('accepts the documented operators and searches anywhere in the text', () => {
    expect(compileRegex('', 'AUTHORIZED', 0).test('[ERROR 401] UNAUTHORIZED REQUEST')).toBe(true);
    expect(compileRegex('', '^[hc]at', 0).test('hat trick')).toBe(true);
    expect(compileRegex('', '[hc]at$', 0).test('a hat')).toBe(true);
    expect(compileRegex('', 'colou?r', 0).test('color')).toBe(true);
    expect(compileRegex('', 'a{3,5}', 0).test('xaaay')).toBe(true);
    expect(compileRegex('', 'Error|Fail', 0).test('Fail')).toBe(true);
    expect(compileRegex('', '\\d{1,3}\\.\\d{1,3}', 0).test('192.0')).toBe(true);
    expect(compileRegex('', 'x:_#=@/;,-y', 0).test('x:_#=@/;,-y')).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(compileRegex('', 'error', 0).test('ERROR')).toBe(false);
  });

  it.each([
    ['a(b)', 1, 'do not support parentheses'],
    ['a b', 1, 'do not allow spaces'],
    ['something!', 9, '"!" is not allowed'],
    ['caf\u00e9', 3, 'multibyte'],
    ['a\\1', 1, 'is not supported here'],
    ['a\\p', 1, 'is not supported here'],
    ['a\\(', 2, 'even escaped'],
    ['abc\\', 3, 'lone backslash'],
    ['a{2,1}', 0, 'invalid regular expression'],
    ['[b-a]', 0, 'invalid regular expression'],
  ])('rejects %j at offset %i', (source, offset, fragment) => {
    const [at, reason] = rejection(source);
    expect(reason).toContain(fragment);
    expect(at).toBe(offset);
  });
});
