import { FilterPatternError } from './errors';

/**
 * CloudWatch Logs filter patterns allow `%regex%` with a documented subset of RE2
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
 * "Supported regular expressions (regex) syntax"):
 * - alphanumeric characters, the symbols `:` `_` `#` `=` `@` `/` `;` `,` `-`,
 * - the operators `^` `$` `?` `[` `]` `{` `}` `|` `\` `*` `+` `.`;
 * - "The () operator is not supported", "Multibyte characters aren't supported",
 *   and "%something!% would be rejected since '!' is not supported" (so is a space).
 * Inside that subset RE2 and JavaScript agree, except for escapes: only `\d \D \w \W \s \S \b \B`,
 * `\t \n \r \f` and escaped symbols are accepted, so that no JavaScript-only construct
 * (back-references such as `\1`) slips through.
 */
const ALLOWED = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]$/;
const ESCAPABLE_LETTERS = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 't', 'n', 'r', 'f']);

/** AWS quota: "2 regular expression patterns within a single filter pattern". */
export const MAX_REGEXES_PER_PATTERN = 2;

/**
 * Checks a regex (the text between the percent signs) and compiles it. Matching is a search
 * anywhere in the value, case-sensitive, as in AWS's example `%AUTHORIZED%` matching
 * "UNAUTHORIZED REQUEST".
 *
 * @param offset where the regex text starts in `pattern` (just after the opening `%`)
 */
export function compileRegex(pattern: string, source: string, offset: number): RegExp {
  const fail = (at: number, reason: string): never => {
    throw new FilterPatternError(pattern, offset + at, reason);
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '(' || c === ')') fail(i, 'CloudWatch Logs regular expressions do not support parentheses (use [..] classes or | without grouping)');
    if (c.charCodeAt(0) > 0x7f) fail(i, 'CloudWatch Logs regular expressions do not support multibyte characters');
    if (c === ' ') fail(i, 'CloudWatch Logs regular expressions do not allow spaces (use \\s)');
    if (!ALLOWED.test(c)) fail(i, `"${c}" is not allowed in a CloudWatch Logs regular expression (allowed: letters, digits, : _ # = @ / ; , - and the operators ^ $ ? [ ] { } | \\ * + .)`);
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) fail(i, 'the regular expression ends with a lone backslash');
      if (next === '(' || next === ')' || next === ' ' || !ALLOWED.test(next)) {
        fail(i + 1, `"${next}" is not allowed in a CloudWatch Logs regular expression, even escaped`);
      }
      if (/[A-Za-z0-9]/.test(next) && !ESCAPABLE_LETTERS.has(next)) {
        fail(i, `"\\${next}" is not supported here (use \\d \\w \\s \\b, their upper-case negations, or escape a symbol such as \\.)`);
      }
      i++;
    }
  }
  try {
    return new RegExp(source);
  } catch (err) {
    return fail(0, `invalid regular expression (${(err as Error).message.replace(/^Invalid regular expression: /, '')})`);
  }
}
