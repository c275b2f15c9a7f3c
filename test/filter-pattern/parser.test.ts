import { FilterPatternError } from '../../src/filter-pattern/errors';
import { parseFilterPattern } from '../../src/filter-pattern/parser';

function errorOf(pattern: string): FilterPatternError {
  try {
    parseFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) return error;
    throw error;
  }
  throw new Error(`expected ${pattern} to be rejected`);
}

/** [pattern, 0-based position of the caret, a fragment of the reason]. */
const REJECTED: [string, number, string][] = [
  // unsupported by AWS
  ['{ $.userIdentity.invokedBy EXISTS }', 27, 'EXISTS is not supported by CloudWatch Logs'],
  ['{ $.a IS NOT NULL }', 6, 'IS NOT is not supported'],
  ['{ $.a IS NOT TRUE }', 6, 'IS NOT is not supported'],
  // not a JSON pattern
  ['', 0, 'the pattern is empty'],
  ['   ', 0, 'the pattern is empty'],
  ['ERROR', 0, 'only JSON filter patterns'],
  ['"Failed authentication"', 0, 'only JSON filter patterns'],
  ['  [ip, user, status_code = 4*]', 2, 'only JSON filter patterns'],
  ['%AUTHORIZED%', 0, 'only JSON filter patterns'],
  ['?ERROR ?WARN', 0, 'only JSON filter patterns'],
  // structure
  ['{}', 1, 'no condition between { and }'],
  ['{ $.a = 1', 9, 'not closed'],
  ['{ $.a = 1 } { $.b = 2 }', 12, 'unexpected text after the closing }'],
  ['{ $.a = 1 } extra', 12, 'unexpected text after the closing }'],
  ['{ ($.a = 1 }', 2, 'never closed'],
  ['{ $.a = 1) }', 9, 'has no matching "("'],
  ['{ () }', 3, 'empty parentheses'],
  ['{ $.a = 1 && }', 13, 'expected a condition'],
  ['{ && $.a = 1 }', 2, 'expected a condition starting with a selector'],
  ['{ $.a = 1 $.b = 2 }', 10, 'expected &&, || or }'],
  ['{ $.a = foo bar }', 12, 'quote values that contain spaces'],
  ['{ ($.a = 1 $.b = 2) }', 11, 'expected &&, || or )'],
  // conditions
  ['{ eventName = "x" }', 2, 'starting with a selector'],
  ['{ $.a }', 6, 'expected an operator'],
  ['{ $.a = }', 8, 'expected a value after ='],
  ['{ $.a = && $.b = 1 }', 8, 'expected a value after ='],
  ['{ $.a < "5" }', 8, '< compares numbers'],
  ['{ $.a >= abc }', 9, '>= compares numbers'],
  ['{ $.a > %5% }', 8, '> compares numbers'],
  ['{ $.a IS }', 9, 'expected TRUE, FALSE or NULL'],
  ['{ $.a IS MAYBE }', 9, 'expected TRUE, FALSE or NULL'],
  ['{ $.a NOT NULL }', 10, 'expected EXISTS after NOT'],
  ['{ NOT $.a = 1 }', 2, 'NOT is only supported as'],
  ['{ $.a = 1 AND $.b = 2 }', 10, 'expected &&, || or }'],
  ['{ AND }', 2, '"AND" is not an operator (write &&)'],
  // case-sensitive keywords
  ['{ $.a is null }', 6, 'keywords are upper case: write IS'],
  ['{ $.a IS null }', 9, 'keywords are upper case: write NULL'],
  ['{ $.a not exists }', 6, 'keywords are upper case: write NOT'],
  ['{ $.a NOT exists }', 10, 'keywords are upper case: write EXISTS'],
  ['{ $.a exists }', 6, 'keywords are upper case: write EXISTS'],
  // selectors
  ['{ $ = 1 }', 2, 'needs a property after "$"'],
  ['{ $. = 1 }', 3, 'expected a property name'],
  ['{ $.a..b = 1 }', 5, 'expected a property name'],
  ['{ $[0] = 1 }', 3, 'starts with "$."'],
  ['{ $.a[x] = 1 }', 5, 'non-negative whole number'],
  ['{ $.a[-1] = 1 }', 5, 'non-negative whole number'],
  ['{ $.a[] = 1 }', 5, 'non-negative whole number'],
  ['{ $.a[*].b[*] = 1 }', 11, 'at most 1 wildcard selector'],
  ['{ $.*.b.* = 1 }', 8, 'at most 1 wildcard selector'],
  ['{ $.a[*] = 1 || $.b[*] = 2 || $.* = 3 || $.c.* = 4 }', 41, 'at most 3 wildcard selectors'],
  ["{ $.['a.b = 1 }", 4, 'not closed'],
  ['{ $.["a.b"] = 1 }', 5, 'cannot appear in a selector'],
  ["{ $.a[x'] = 1 }", 7, 'cannot appear in a selector'],
  ['{ $a = 1 }', 3, 'starts with "$."'],
  [' { $.a = 1 }', 0, 'spaces outside the braces'],
  ['{ $.a = 1 } ', 11, 'spaces outside the braces'],
  ['\n{ $.a = 1 }', 0, 'spaces outside the braces'],
  // regex quota
  ['{ $.a = %a% || $.b = %b% || $.c = %c% }', 34, 'at most 2 regular expressions'],
];

describe('parseFilterPattern rejects malformed and unsupported patterns at the offending position', () => {
  it.each(REJECTED)('%j -> column %i', (pattern, position, fragment) => {
    const error = errorOf(pattern);
    expect(error.reason).toContain(fragment);
    expect(error.position).toBe(position);
  });
});

describe('parseFilterPattern', () => {
  it('gives && precedence over || and keeps parentheses', () => {
    expect(parseFilterPattern('{ $.a = 1 || $.b = 2 && $.c = 3 }')).toMatchObject({
      kind: 'or',
      operands: [{ kind: 'condition', selector: '$.a' }, { kind: 'and', operands: [{ selector: '$.b' }, { selector: '$.c' }] }],
    });
    expect(parseFilterPattern('{ ($.a = 1 || $.b = 2) && $.c = 3 }')).toMatchObject({
      kind: 'and',
      operands: [{ kind: 'or' }, { kind: 'condition', selector: '$.c' }],
    });
  });

  it('reads unquoted numbers as numbers and other unquoted words as strings', () => {
    const test = (pattern: string) => (parseFilterPattern(pattern) as { test: unknown }).test;
    expect(test('{ $.a = 10e3 }')).toEqual({ kind: 'equals', negated: false, value: { kind: 'number', number: 10000, text: '10e3' } });
    expect(test('{ $.a != "10" }')).toEqual({ kind: 'equals', negated: true, value: { kind: 'string', text: '10', quoted: true } });
    expect(test('{ $.a = 123.123.* }')).toEqual({ kind: 'equals', negated: false, value: { kind: 'string', text: '123.123.*', quoted: false } });
    expect(test('{ $.a <= -1.5 }')).toEqual({ kind: 'numeric', op: '<=', number: -1.5 });
  });

  it('accepts two regular expressions (the AWS quota)', () => {
    expect(() => parseFilterPattern('{ $.a = %a% || $.b != %b% }')).not.toThrow();
  });

  it('accepts the documented CIS patterns', () => {
    const patterns = [
      '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
      '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
      '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*") || ($.sourceIPAddress!=delivery.logs.amazonaws.com) || ($.eventName!=HeadBucket)}',
    ];
    for (const pattern of patterns) expect(() => parseFilterPattern(pattern)).not.toThrow();
  });
});
