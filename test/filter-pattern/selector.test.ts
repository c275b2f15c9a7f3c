import { FilterPatternError } from '../../src/filter-pattern/errors';
import { MISSING, parseSelector, resolveAll, resolveSelector, WILDCARD } from '../../src/filter-pattern/selector';

describe('parseSelector', () => {
  it('splits properties and indexes', () => {
    expect(parseSelector('$.a', '$.a', 0)).toEqual(['a']);
    expect(parseSelector('$.users[0].id', '$.users[0].id', 0)).toEqual(['users', 0, 'id']);
    expect(parseSelector('$.c[0][12]', '$.c[0][12]', 0)).toEqual(['c', 0, 12]);
    expect(parseSelector('$.x-y.z_1', '$.x-y.z_1', 0)).toEqual(['x-y', 'z_1']);
  });

  it('reads wildcards and bracketed names (the forms on the AWS page)', () => {
    expect(parseSelector('$.arrayKey[*]', '$.arrayKey[*]', 0)).toEqual(['arrayKey', WILDCARD]);
    expect(parseSelector('$.*', '$.*', 0)).toEqual([WILDCARD]);
    expect(parseSelector('$.a.*.b', '$.a.*.b', 0)).toEqual(['a', WILDCARD, 'b']);
    expect(parseSelector("$.['cluster.name']", "$.['cluster.name']", 0)).toEqual(['cluster.name']);
    expect(parseSelector("$.a['b c'][0]", "$.a['b c'][0]", 0)).toEqual(['a', 'b c', 0]);
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

describe('resolveAll', () => {
  const event = { list: [{ id: 1 }, { id: 2 }, { other: 3 }], obj: { x: 'a', y: null }, s: 'text' };

  it('expands array elements and object fields, leaving out what is missing', () => {
    expect(resolveAll(event, ['list', WILDCARD, 'id'])).toEqual([1, 2]);
    expect(resolveAll(event, ['obj', WILDCARD])).toEqual(['a', null]);
    expect(resolveAll(event, [WILDCARD])).toHaveLength(3);
    expect(resolveAll(event, ['s', WILDCARD])).toEqual([]);
    expect(resolveAll(event, ['nothing', WILDCARD])).toEqual([]);
    expect(resolveAll(event, ['s'])).toEqual(['text']);
    expect(resolveAll(event, ['nothing'])).toEqual([]);
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
