import { FilterPatternError } from '../../src/filter-pattern/errors';
import { tokenize } from '../../src/filter-pattern/lexer';

const kinds = (pattern: string) => tokenize(pattern).map((t) => `${t.kind}:${t.value}`);

function reasonOf(pattern: string): [number, string] {
  try {
    tokenize(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) return [error.position, error.reason];
    throw error;
  }
  throw new Error(`expected ${pattern} to be rejected`);
}

describe('tokenize', () => {
  it('splits a pattern written without spaces', () => {
    expect(kinds('{$.a="Root"&&$.b!=x||($.c>=1)}')).toEqual([
      'lbrace:{', 'selector:$.a', 'op:=', 'string:Root', 'and:&&', 'selector:$.b', 'op:!=', 'word:x', 'or:||',
      'lparen:(', 'selector:$.c', 'op:>=', 'word:1', 'rparen:)', 'rbrace:}', 'eof:',
    ]);
  });

  it('records where every token starts and ends', () => {
    const [, selector] = tokenize('{ $.ab = 1 }');
    expect(selector).toMatchObject({ start: 2, end: 6, text: '$.ab' });
  });

  it('decodes JSON escapes in quoted strings and keeps the raw text', () => {
    const token = tokenize('{ $.a = "x \\"y\\" \\\\ \\u0041\\n" }')[3];
    expect(token.kind).toBe('string');
    expect(token.value).toBe('x "y" \\ A\n');
    expect(token.text).toBe('"x \\"y\\" \\\\ \\u0041\\n"');
  });

  it('reads %regex% with its text between the percent signs', () => {
    expect(tokenize('{ $.a = %^ab*c$% }')[3]).toMatchObject({ kind: 'regex', value: '^ab*c$' });
  });

  it('reads unquoted values with dots, colons, dashes, signs and wildcards as one word', () => {
    expect(tokenize('{ $.a = delivery.logs.amazonaws.com }')[3].value).toBe('delivery.logs.amazonaws.com');
    expect(tokenize('{ $.a = *Unauthorized:Op-x_y* }')[3].value).toBe('*Unauthorized:Op-x_y*');
    expect(tokenize('{ $.a > +1e-3 }')[3].value).toBe('+1e-3');
  });

  it.each([
    ['{ $.a == 1 }', 6, '"==" is not an operator'],
    ['{ $.a & $.b }', 6, 'write && for AND'],
    ['{ $.a | $.b }', 6, 'write || for OR'],
    ['{ !($.a = 1) }', 2, 'negation is not supported'],
    ["{ $.a = 'x' }", 8, 'use double quotes'],
    ['{ $.a = "x }', 8, 'no closing double quote'],
    ['{ $.a = "x\\q" }', 10, 'is not an escape'],
    ['{ $.a = "\\u00G1" }', 9, 'four hex digits'],
    ['{ $.a = %abc }', 8, 'no closing %'],
    ['{ $.a = %% }', 8, 'empty regular expression'],
    ['{ $.a = a/b }', 9, 'cannot appear in an unquoted value'],
    ['{ $.a = x"y" }', 9, 'cannot appear in an unquoted value'],
    ['{ $.a = @x }', 8, 'must be in double quotes'],
    ['{ $.a = é }', 8, 'must be in double quotes'],
    ['{ $.a/b = 1 }', 5, 'cannot appear in a selector'],
  ])('rejects %j at column %i', (pattern, position, fragment) => {
    const [at, reason] = reasonOf(pattern);
    expect(reason).toContain(fragment);
    expect(at).toBe(position);
  });
});
