import { FilterPatternError } from '../../src/filter-pattern/errors';
import { MISSING, parseSelector, resolveSelector } from '../../src/filter-pattern/selector';

describe('parseSelector', () => {
  it('splits properties and indexes', () => {
    expect(parseSelector('$.a', '$.a', 0)).toEqual(['a']);
    expect(parseSelector('$.users[0].id', '$.users[0].id', 0)).toEqual(['users', 0, 'id']);
    expect(parseSelector('$.c[0][12]', '$.c[0][12]', 0)).toEqual(['c', 0, 12]);
    expect(parseSelector('$.x-y.z_1', '$.x-y.z_1', 0)).toEqual(['x-y', 'z_1']);
  });

  it('reports positions relative to the whole pattern', () => {
    const pattern = '{ $.a..b = 1 }';
    try {
      parseSelector(pattern, '$.a..b', 2);
      throw new Error('not rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(FilterPatternError);
      expect((error as FilterPatternError).position).toBe(5);
    }
  });
});

describe('resolveSelector', () => {
  const event = { a: { b: [10, { c: null }] }, s: 'text', f: false };

  it('returns the value at the path, including null and false', () => {
    expect(resolveSelector(event, ['a', 'b', 0])).toBe(10);
    expect(resolveSelector(event, ['a', 'b', 1, 'c'])).toBeNull();
    expect(resolveSelector(event, ['f'])).toBe(false);
  });

  it('returns MISSING for absent properties, indexes past the end and paths through non-objects', () => {
    expect(resolveSelector(event, ['x'])).toBe(MISSING);
    expect(resolveSelector(event, ['a', 'b', 2])).toBe(MISSING);
    expect(resolveSelector(event, ['s', 'length'])).toBe(MISSING);
    expect(resolveSelector(event, ['a', 0])).toBe(MISSING);
    expect(resolveSelector(event, ['a', 'b', 'length'])).toBe(MISSING);
    expect(resolveSelector(event, ['a', 'b', 1, 'c', 'd'])).toBe(MISSING);
  });
});
