import { compileFilterPattern, compileWildcard } from '../../src/filter-pattern/compile';

/** The example event from the CloudWatch Logs "Filter pattern syntax" page, plus CloudTrail-like fields. */
const EVENT = {
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
  SomeObject: null,
  ThisFlag: true,
  OtherFlag: false,
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [{ id: 2, email: 'John.Doe@example.com' }, { id: 3, email: 'Jane.Doe@example.com' }],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
  latency: 500,
  ratio: 0.25,
  big: 1.5e21,
  recipientAccountId: '111111111111',
  errorCode: '400',
  padded: '0400',
  empty: '',
  star: 'Ev*ent',
  'with-dash_and_underscore': 'ok',
  'cluster.name': 'c',
  numbersAsText: 'abc',
};

/** [pattern, matches EVENT?] — one row per operator and corner case. */
const CASES: [string, boolean][] = [
  // = and != on strings, quoted or not; case-sensitive
  ['{ $.eventType = "UpdateTrail" }', true],
  ['{ $.eventType = UpdateTrail }', true],
  ['{$.eventType="UpdateTrail"}', true],
  ['{ $.eventType = "updatetrail" }', false],
  ['{ $.EventType = "*" }', false],
  ['{ $.eventType != "UpdateTrail" }', false],
  ['{ $.eventType != "DeleteTrail" }', true],
  ['{ $.empty = "" }', true],
  ['{ $.with-dash_and_underscore = ok }', true],
  // * wildcard at the start and/or end only (AWS: "Ev*ent will only match the actual string Ev*ent")
  ['{ $.sourceIPAddress != 123.123.* }', true],
  ['{ $.sourceIPAddress = 111.111.* }', true],
  ['{ $.eventType = "*Trail" }', true],
  ['{ $.eventType = "Update*" }', true],
  ['{ $.eventType = "*dateTr*" }', true],
  ['{ $.eventType = "Up*Trail" }', false],
  ['{ $.star = "Ev*ent" }', true],
  ['{ $.eventType = * }', true],
  ['{ $.empty = "*" }', true],
  ['{ $.latency = "*" }', true],
  ['{ $.ThisFlag = "*" }', true],
  // a comparison needs a value node: missing, null, objects and arrays never match = or != (CHOICE for missing/null)
  ['{ $.missing = "*" }', false],
  ['{ $.missing != "x" }', false],
  ['{ $.SomeObject = "*" }', false],
  ['{ $.SomeObject != "x" }', false],
  ['{ $.arrayKey = "value" }', false],
  ['{ $.arrayKey != "value" }', false],
  ['{ $.user != "x" }', false],
  ['{ $.user.id != 5 }', true],
  // array indexes, nested, out of range, on non-arrays
  ['{ $.arrayKey[0] = "value" }', true],
  ['{ $.arrayKey[1] = "another value" }', true],
  ['{ $.arrayKey[2] = "*" }', false],
  ['{ $.objectList[1].id = 2 }', true],
  ['{ $.objectList[1].name = a }', false],
  ['{ $.coordinates[1][2] = 6 }', true],
  ['{ $.eventType[0] = "*" }', false],
  ['{ $.user[0] = "*" }', false],
  // numbers: =, !=, <, <=, >, >= with signs, decimals and exponents
  ['{ $.latency = 500 }', true],
  ['{ $.latency = 500.0 }', true],
  ['{ $.latency = 5e2 }', true],
  ['{ $.latency != 500 }', false],
  ['{ $.latency != 501 }', true],
  ['{ $.latency < 501 }', true],
  ['{ $.latency < 500 }', false],
  ['{ $.latency <= 500 }', true],
  ['{ $.latency > 499.5 }', true],
  ['{ $.latency > 500 }', false],
  ['{ $.latency >= 500 }', true],
  ['{ $.latency > +100 }', true],
  ['{ $.latency > -1 }', true],
  ['{ $.ratio < 10e-1 }', true],
  ['{ $.ratio < 10e-3 }', false],
  ['{ $.big > 1e+21 }', true],
  ['{ $.big >= 1E21 }', true],
  // numbers written as strings (CloudTrail style) compare numerically with an unquoted number (CHOICE)
  ['{ $.recipientAccountId = 111111111111 }', true],
  ['{ $.errorCode = 400 }', true],
  ['{ $.errorCode >= 400 }', true],
  ['{ $.padded = 400 }', true],
  ['{ $.padded = "400" }', false],
  ['{ $.errorCode = "400" }', true],
  ['{ $.latency = "500" }', true],
  ['{ $.numbersAsText > 1 }', false],
  ['{ $.numbersAsText != 1 }', true],
  ['{ $.SomeObject < 1 }', false],
  ['{ $.missing > 1 }', false],
  ['{ $.ThisFlag > 0 }', false],
  // booleans and null
  ['{ $.ThisFlag IS TRUE }', true],
  ['{ $.ThisFlag IS FALSE }', false],
  ['{ $.OtherFlag IS FALSE }', true],
  ['{ $.missing IS FALSE }', false],
  ['{ $.errorCode IS TRUE }', false],
  ['{ $.ThisFlag = true }', true],
  ['{ $.OtherFlag != true }', true],
  ['{ $.SomeObject IS NULL }', true],
  ['{ $.missing IS NULL }', false],
  ['{ $.empty IS NULL }', false],
  // NOT EXISTS: absent property, index past the end, path through a non-object; null exists
  ['{ $.SomeOtherObject NOT EXISTS }', true],
  ['{ $.eventType NOT EXISTS }', false],
  ['{ $.SomeObject NOT EXISTS }', false],
  ['{ $.arrayKey[5] NOT EXISTS }', true],
  ['{ $.eventType.inner NOT EXISTS }', true],
  ['{ $.SomeObject.inner NOT EXISTS }', true],
  // regex: search anywhere, case-sensitive
  ['{ $.eventType = %Trail$% }', true],
  ['{ $.eventType = %^Trail% }', false],
  ['{ $.eventType = %[Uu]pdate% }', true],
  ['{ $.eventType = %update% }', false],
  ['{ $.sourceIPAddress = %\\d{3}\\.\\d{3}% }', true],
  ['{ $.eventType != %Delete|Create% }', true],
  ['{ $.missing != %x% }', false],
  ['{ $.latency = %^5% }', true],
  // && binds tighter than ||; parentheses (the AWS compound examples)
  ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
  ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
  ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', true],
  ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', false],
  ['{ ((($.latency = 500))) }', true],
  ['{ $.a = 1 || $.b = 2 || $.latency = 500 }', true],
  ['{ $.latency = 500 && $.ratio = 0.25 && $.actions[0] = GET }', true],
  // whitespace of any kind between tokens
  ['{\n  $.latency = 500\n\t&& $.actions[0] = GET\n}', true],
  // escapes in quoted strings
  ['{ $.user.email = "John.Stiles\\u0040example.com" }', true],
  // wildcard selectors and bracketed names: the page's own examples, then the CHOICES around them
  ['{ $.arrayKey[*] = %val.{2}% }', true],
  ['{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }', true],
  ["{ $.['cluster.name'] = \"c\" }", true],
  ["{ $.['cluster.name'] = \"d\" }", false],
  ['{ $.objectList[*].id = 2 }', true],
  ['{ $.objectList[*].id = 3 }', false],
  ['{ $.objectList[*].name != "a" }', true], // some element is not "a"
  ['{ $.actions[*] != "GET" }', true],
  ['{ $.users[*].email = "*@example.com" && $.users[*].id > 2 }', true],
  ['{ $.user.* = 1 }', true],
  ['{ $.coordinates[*] = 0 }', false], // the elements are arrays, not value nodes
  ['{ $.arrayKey[*] NOT EXISTS }', false],
  ['{ $.empty[*] NOT EXISTS }', true], // a wildcard on a string selects nothing
  ['{ $.missing[*] NOT EXISTS }', true],
  ['{ $.* IS NULL }', true], // SomeObject
  ['{ $.objectList[*].missing = "*" }', false],
];

describe('compileFilterPattern: operators and corner cases', () => {
  it.each(CASES)('%s -> %s', (pattern, expected) => {
    expect(compileFilterPattern(pattern).matches(EVENT)).toBe(expected);
  });

  it('matches a quoted value containing characters that must be quoted', () => {
    const event = { userIdentity: { arn: 'arn:aws:iam::111111111111:root' }, msg: 'say "hi" \\ bye' };
    expect(compileFilterPattern('{ $.userIdentity.arn = "arn:aws:iam::111111111111:root" }').matches(event)).toBe(true);
    expect(compileFilterPattern('{ $.userIdentity.arn = "arn:aws:iam::*" }').matches(event)).toBe(true);
    expect(compileFilterPattern('{ $.msg = "say \\"hi\\" \\\\ bye" }').matches(event)).toBe(true);
  });

  it('does not treat a non-object event as having properties', () => {
    const pattern = compileFilterPattern('{ $.a NOT EXISTS }');
    expect(pattern.matches([1, 2])).toBe(true);
    expect(pattern.matches(null)).toBe(true);
    expect(compileFilterPattern('{ $.length = 2 }').matches([1, 2])).toBe(false);
  });

  it('does not see inherited properties', () => {
    expect(compileFilterPattern('{ $.toString NOT EXISTS }').matches({})).toBe(true);
    expect(compileFilterPattern('{ $.constructor = "*" }').matches({})).toBe(false);
  });

  it('treats a property holding undefined (never in JSON) as absent', () => {
    expect(compileFilterPattern('{ $.a NOT EXISTS }').matches({ a: undefined })).toBe(true);
  });

  it('compares a number as the text written in the event (issue 14: 12.0 is "12.0", not "12")', () => {
    const text = '{"n":12.0,"e":1e3,"m":-0,"s":"12.0","list":[1.50]}';
    const parsed = JSON.parse(text);
    const matches = (pattern: string) => compileFilterPattern(pattern).matches(parsed, text);
    expect(matches('{ $.n = "12.0" }')).toBe(true);
    expect(matches('{ $.n = "12" }')).toBe(false);
    expect(matches('{ $.n = 12 }')).toBe(true); // numeric comparison is by value
    expect(matches('{ $.n = "12*" }')).toBe(true);
    expect(matches('{ $.e = %e3% }')).toBe(true);
    expect(matches('{ $.e = 1000 }')).toBe(true);
    expect(matches('{ $.m = "-0" }')).toBe(true);
    expect(matches('{ $.list[*] = "1.50" }')).toBe(true);
    expect(matches('{ $.s = 12 }')).toBe(true);
    // the event's text alone gives the same answers
    expect(compileFilterPattern('{ $.n = "12.0" }').matches(text)).toBe(true);
    // without the text, a parsed number can only be compared as JavaScript prints it
    expect(compileFilterPattern('{ $.n = "12" }').matches(parsed)).toBe(true);
  });

  it('evaluates one compiled pattern against many events independently', () => {
    const pattern = compileFilterPattern('{ $.n > 5 }');
    const results = Array.from({ length: 10 }, (_, n) => pattern.matches({ n }));
    expect(results).toEqual([false, false, false, false, false, false, true, true, true, true]);
  });
});

describe('compileWildcard', () => {
  it('treats * as a wildcard at either end and as a literal elsewhere', () => {
    expect(compileWildcard('*')('')).toBe(true);
    expect(compileWildcard('**')('x')).toBe(true);
    expect(compileWildcard('a*')('abc')).toBe(true);
    expect(compileWildcard('a*')('ba')).toBe(false);
    expect(compileWildcard('*c')('abc')).toBe(true);
    expect(compileWildcard('*b*')('abc')).toBe(true);
    expect(compileWildcard('a*c')('abc')).toBe(false);
    expect(compileWildcard('a*c')('a*c')).toBe(true);
  });
});
