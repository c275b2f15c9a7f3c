import { FilterPatternError } from './errors';

/**
 * Tokens of the CloudWatch Logs JSON filter-pattern language
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
 */
export type TokenKind =
  | 'lbrace' | 'rbrace' | 'lparen' | 'rparen'
  | 'and' | 'or'
  /** `=`, `!=`, `<`, `<=`, `>`, `>=`. */
  | 'op'
  /** `$.a.b[0]`: the raw text, checked by the selector parser. */
  | 'selector'
  /** A double-quoted string; `value` is the decoded text. */
  | 'string'
  /** `%regex%`; `value` is the text between the percent signs. */
  | 'regex'
  /** An unquoted value or keyword: `Root`, `123.123.*`, `400`, `IS`, `NOT`, `EXISTS`, … */
  | 'word'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The text as written in the pattern. */
  readonly text: string;
  /** Decoded text: the string without quotes and escapes, the regex without `%`, else `text`. */
  readonly value: string;
  /** 0-based offsets in the pattern: [start, end). */
  readonly start: number;
  readonly end: number;
}

const WHITESPACE = /\s/;
/** Characters of a selector: the documented "alphanumeric strings that also support '-' and '_'", dots, [N] and the wildcard *. */
const SELECTOR_CHAR = /[A-Za-z0-9_\-.[\]*]/;
/**
 * Characters of an unquoted value. AWS: "Strings that consist entirely of alphanumeric characters do
 * not need to be quoted"; its own examples also leave `.`, `*` and `-`/`+` (numbers, `123.123.*`,
 * `delivery.logs.amazonaws.com`) unquoted, and `:`/`_` are common in CloudTrail values. Anything else
 * must be quoted: rejecting it here is safer than guessing how AWS would split it.
 */
const WORD_CHAR = /[A-Za-z0-9_.*:+-]/;
/** Characters that end a selector or an unquoted value without a space. */
const DELIMITER = /[\s=!<>()&|{}]/;

/** JSON string escapes (CDK's FilterPattern.stringValue writes JSON-style strings, e.g. `"a\"b"`). */
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Splits a pattern into tokens; throws {@link FilterPatternError} at the first character that cannot start one. */
export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string) => {
    const text = pattern.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  const fail = (at: number, reason: string): never => {
    throw new FilterPatternError(pattern, at, reason);
  };

  while (i < pattern.length) {
    const c = pattern[i];
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    switch (c) {
      case '{': push('lbrace', i, ++i); continue;
      case '}': push('rbrace', i, ++i); continue;
      case '(': push('lparen', i, ++i); continue;
      case ')': push('rparen', i, ++i); continue;
      case '&':
        if (pattern[i + 1] !== '&') fail(i, 'a single "&" is not an operator (write && for AND)');
        push('and', i, (i += 2));
        continue;
      case '|':
        if (pattern[i + 1] !== '|') fail(i, 'a single "|" is not an operator (write || for OR)');
        push('or', i, (i += 2));
        continue;
      case '=':
        if (pattern[i + 1] === '=') fail(i, '"==" is not an operator (write = for equality)');
        push('op', i, ++i);
        continue;
      case '!':
        if (pattern[i + 1] !== '=') fail(i, '"!" alone is not an operator (write != for "not equal"; negation is not supported)');
        push('op', i, (i += 2));
        continue;
      case '<':
      case '>':
        i += pattern[i + 1] === '=' ? 2 : 1;
        push('op', start, i);
        continue;
      case '"':
        i = readString(pattern, i, fail);
        push('string', start, i, decodeString(pattern, start, i, fail));
        continue;
      case '%': {
        const close = pattern.indexOf('%', i + 1);
        if (close === -1) fail(i, 'this regular expression has no closing % (write %regex%)');
        if (close === i + 1) fail(i, 'empty regular expression "%%" (write a regex between the percent signs)');
        i = close + 1;
        push('regex', start, i, pattern.slice(start + 1, close));
        continue;
      }
      case '$':
        i++;
        while (i < pattern.length) {
          if (pattern.startsWith("['", i)) {
            // A bracketed name ($.['cluster.name']) may hold any character but a single quote.
            const close = pattern.indexOf("']", i + 2);
            if (close === -1) fail(i, "this bracketed property name is not closed (write ['name'])");
            i = close + 2;
          } else if (SELECTOR_CHAR.test(pattern[i])) i++;
          else break;
        }
        if (i < pattern.length && !DELIMITER.test(pattern[i])) {
          fail(i, `"${pattern[i]}" cannot appear in a selector (property names may use letters, digits, "-" and "_"; indexes are written [0])`);
        }
        push('selector', start, i);
        continue;
      case "'":
        fail(i, 'single quotes are not string quotes here (use double quotes: "value")');
    }
    if (WORD_CHAR.test(c)) {
      while (i < pattern.length && WORD_CHAR.test(pattern[i])) i++;
      if (i < pattern.length && !DELIMITER.test(pattern[i])) {
        fail(i, `"${pattern[i]}" cannot appear in an unquoted value (put the whole value in double quotes)`);
      }
      push('word', start, i);
      continue;
    }
    fail(i, `unexpected character "${c}" (values with characters other than letters, digits, ".", "-", "_", ":" and "*" must be in double quotes)`);
  }
  push('eof', pattern.length, pattern.length, '');
  return tokens;
}

/** Returns the offset just after the closing quote of the string opening at `open`. */
function readString(pattern: string, open: number, fail: (at: number, reason: string) => never): number {
  let i = open + 1;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return fail(open, 'this string has no closing double quote');
}

function decodeString(pattern: string, start: number, end: number, fail: (at: number, reason: string) => never): string {
  let out = '';
  for (let i = start + 1; i < end - 1; i++) {
    const c = pattern[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = pattern[i + 1];
    if (e === 'u') {
      const hex = pattern.slice(i + 2, i + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail(i, 'a \\u escape needs four hex digits, e.g. \\u0041');
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
    } else if (e in ESCAPES) {
      out += ESCAPES[e];
      i++;
    } else {
      fail(i, `"\\${e}" is not an escape this engine knows (write \\\\ for a backslash, \\" for a double quote)`);
    }
  }
  return out;
}
