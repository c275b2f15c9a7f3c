import { FilterPatternError } from './errors';
import { tokenize, type Token } from './lexer';
import { compileRegex, MAX_REGEXES_PER_PATTERN } from './regex';
import { countWildcards, MAX_WILDCARDS_PER_PATTERN, parseSelector, type SelectorSegment } from './selector';

/**
 * The syntax tree of a JSON filter pattern. Grammar (AWS: "Parenthesis are allowed and the syntax
 * follows standard order of operations () > && > ||"):
 *
 * ```
 * pattern   := "{" or "}"
 * or        := and ("||" and)*
 * and       := primary ("&&" primary)*
 * primary   := "(" or ")" | condition
 * condition := SELECTOR ( ("=" | "!=") value | ("<" | "<=" | ">" | ">=") NUMBER
 *                       | "IS" ("TRUE" | "FALSE" | "NULL") | "NOT" "EXISTS" )
 * value     := "quoted string" | unquoted-word | NUMBER | %regex%
 * ```
 */
export type Expression =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Expression[] }
  | Condition;

export interface Condition {
  readonly kind: 'condition';
  /** The selector as written, e.g. `$.userIdentity.type`. */
  readonly selector: string;
  readonly segments: readonly SelectorSegment[];
  readonly test: Test;
  /** Offset of the selector in the pattern. */
  readonly start: number;
}

export type Test =
  | { readonly kind: 'notExists' | 'isNull' | 'isTrue' | 'isFalse' }
  | { readonly kind: 'equals'; readonly negated: boolean; readonly value: Value }
  | { readonly kind: 'numeric'; readonly op: '<' | '<=' | '>' | '>='; readonly number: number };

export type Value =
  /** A quoted string, or an unquoted word that is not a number; `*` at either end is a wildcard. */
  | { readonly kind: 'string'; readonly text: string; readonly quoted: boolean }
  /** An unquoted number, e.g. `400`, `-1.5`, `10e3`, `1e+21`. */
  | { readonly kind: 'number'; readonly number: number; readonly text: string }
  | { readonly kind: 'regex'; readonly source: string; readonly regex: RegExp };

/**
 * AWS: "An integer with an optional + or - sign, a decimal with an optional + or - sign, or a number
 * in scientific notation, which is an integer or a decimal with an optional + or - sign, followed by
 * 'e', followed by an integer with an optional + or - sign." (`E` is accepted too.)
 */
export const NUMBER_LITERAL = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

const KEYWORDS = ['IS', 'NOT', 'EXISTS', 'TRUE', 'FALSE', 'NULL'];

/**
 * Parses a filter pattern. Only JSON patterns (`{ … }`) are accepted: term, quoted-phrase,
 * stand-alone `%regex%` and space-delimited `[…]` patterns match the raw text of a log event, which a
 * backtest over CloudTrail's S3 archive cannot reproduce byte for byte (CloudTrail writes a record
 * to CloudWatch Logs and to S3 with different framing), so they are rejected with a message
 * rather than evaluated approximately.
 */
export function parseFilterPattern(pattern: string): Expression {
  const first = pattern.search(/\S/);
  if (first === -1) {
    throw new FilterPatternError(pattern, 0, 'the pattern is empty (an empty pattern matches every event in CloudWatch Logs; write a JSON pattern such as { $.eventName = "ConsoleLogin" })');
  }
  if (pattern[first] === '{' && (first > 0 || /\s$/.test(pattern))) {
    // Issue 14: CloudWatch Logs rejects a JSON pattern with spaces before { or after }, so a pattern
    // that would not deploy is not evaluated either. (Spaces inside the braces are fine.)
    const at = first > 0 ? 0 : pattern.search(/\s+$/);
    throw new FilterPatternError(pattern, at, 'a JSON filter pattern must start with { and end with } (remove the spaces outside the braces: CloudWatch Logs rejects them)');
  }
  if (pattern[first] !== '{') {
    throw new FilterPatternError(
      pattern,
      first,
      'only JSON filter patterns { … } are supported here (term, "phrase", %regex% and [space-delimited] patterns match raw log text, which a CloudTrail backtest cannot reproduce)',
    );
  }
  return new Parser(pattern).parsePattern();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private regexes = 0;
  private wildcards = 0;

  constructor(private readonly pattern: string) {
    this.tokens = tokenize(pattern);
  }

  parsePattern(): Expression {
    this.expect('lbrace', 'a JSON pattern starts with {');
    if (this.peek().kind === 'rbrace') this.fail(this.peek(), 'the pattern has no condition between { and } (write e.g. { $.eventName = "ConsoleLogin" })');
    const expression = this.parseOr();
    const close = this.peek();
    if (close.kind === 'eof') this.fail(close, 'the pattern is not closed (add } at the end)');
    if (close.kind === 'rparen') this.fail(close, 'this ")" has no matching "("');
    if (close.kind !== 'rbrace') this.fail(close, `expected &&, || or } after a condition, found ${describe(close)} (quote values that contain spaces)`);
    this.index++;
    const after = this.peek();
    if (after.kind !== 'eof') this.fail(after, 'unexpected text after the closing } (a pattern is one { … } expression)');
    return expression;
  }

  private parseOr(): Expression {
    const operands = [this.parseAnd()];
    while (this.peek().kind === 'or') {
      this.index++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private parseAnd(): Expression {
    const operands = [this.parsePrimary()];
    while (this.peek().kind === 'and') {
      this.index++;
      operands.push(this.parsePrimary());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private parsePrimary(): Expression {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.index++;
      if (this.peek().kind === 'rparen') this.fail(this.peek(), 'empty parentheses (put a condition inside)');
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== 'rparen') {
        if (close.kind === 'rbrace' || close.kind === 'eof') this.fail(token, 'this "(" is never closed (add ")")');
        this.fail(close, `expected &&, || or ) after a condition, found ${describe(close)} (quote values that contain spaces)`);
      }
      this.index++;
      return inner;
    }
    if (token.kind === 'selector') return this.parseCondition();
    if (token.kind === 'word' && token.text.toUpperCase() === 'NOT') {
      this.fail(token, 'NOT is only supported as "$.field NOT EXISTS" (there is no negation of a condition; use != for values)');
    }
    if (token.kind === 'word' && /^(AND|OR)$/i.test(token.text)) {
      this.fail(token, `"${token.text}" is not an operator (write ${token.text.toUpperCase() === 'AND' ? '&&' : '||'})`);
    }
    if (token.kind === 'eof' || token.kind === 'rbrace') this.fail(token, 'expected a condition such as $.eventName = "ConsoleLogin"');
    return this.fail(token, `expected a condition starting with a selector such as $.eventName, found ${describe(token)}`);
  }

  private parseCondition(): Condition {
    const selectorToken = this.next();
    const segments = parseSelector(this.pattern, selectorToken.text, selectorToken.start);
    this.wildcards += countWildcards(segments);
    if (this.wildcards > MAX_WILDCARDS_PER_PATTERN) {
      this.fail(selectorToken, `CloudWatch Logs allows at most ${MAX_WILDCARDS_PER_PATTERN} wildcard selectors in one filter pattern`);
    }
    const base = { kind: 'condition' as const, selector: selectorToken.text, segments, start: selectorToken.start };
    const token = this.next();
    if (token.kind === 'op') return { ...base, test: this.parseComparison(token) };
    if (token.kind === 'word') {
      const upper = token.text.toUpperCase();
      if (KEYWORDS.includes(upper) && upper !== token.text) {
        this.fail(token, `keywords are upper case: write ${upper}`);
      }
      if (token.text === 'IS') return { ...base, test: this.parseIs(token, selectorToken.text) };
      if (token.text === 'NOT') {
        const exists = this.next();
        if (exists.kind === 'word' && exists.text === 'EXISTS') return { ...base, test: { kind: 'notExists' } };
        if (exists.kind === 'word' && exists.text.toUpperCase() === 'EXISTS') this.fail(exists, 'keywords are upper case: write EXISTS');
        this.fail(exists, `expected EXISTS after NOT, found ${describe(exists)}`);
      }
      if (token.text === 'EXISTS') {
        this.fail(
          token,
          `EXISTS is not supported by CloudWatch Logs ("IS NOT and EXISTS currently aren't supported"): write ${selectorToken.text} = "*" to require a value, as aws-cdk-lib's FilterPattern.exists() does`,
        );
      }
    }
    return this.fail(token, `expected an operator (= != < <= > >=), IS or NOT EXISTS after ${selectorToken.text}, found ${describe(token)}`);
  }

  private parseIs(isToken: Token, selector: string): Test {
    const word = this.next();
    if (word.kind === 'word') {
      if (word.text === 'TRUE') return { kind: 'isTrue' };
      if (word.text === 'FALSE') return { kind: 'isFalse' };
      if (word.text === 'NULL') return { kind: 'isNull' };
      if (word.text === 'NOT') {
        this.fail(isToken, `IS NOT is not supported by CloudWatch Logs ("IS NOT and EXISTS currently aren't supported"): use != for values, or ${selector} NOT EXISTS`);
      }
      if (['TRUE', 'FALSE', 'NULL'].includes(word.text.toUpperCase())) this.fail(word, `keywords are upper case: write ${word.text.toUpperCase()}`);
    }
    return this.fail(word, `expected TRUE, FALSE or NULL after IS, found ${describe(word)}`);
  }

  private parseComparison(op: Token): Test {
    const valueToken = this.next();
    if (op.text === '=' || op.text === '!=') {
      return { kind: 'equals', negated: op.text === '!=', value: this.parseValue(valueToken, op) };
    }
    if (valueToken.kind === 'word' && NUMBER_LITERAL.test(valueToken.text)) {
      return { kind: 'numeric', op: op.text as '<' | '<=' | '>' | '>=', number: Number(valueToken.text) };
    }
    return this.fail(valueToken, `${op.text} compares numbers: write a number such as 500, -1.5 or 10e3 (found ${describe(valueToken)})`);
  }

  private parseValue(token: Token, op: Token): Value {
    switch (token.kind) {
      case 'string':
        return { kind: 'string', text: token.value, quoted: true };
      case 'regex':
        if (++this.regexes > MAX_REGEXES_PER_PATTERN) {
          this.fail(token, `CloudWatch Logs allows at most ${MAX_REGEXES_PER_PATTERN} regular expressions in one filter pattern`);
        }
        return { kind: 'regex', source: token.value, regex: compileRegex(this.pattern, token.value, token.start + 1) };
      case 'word':
        if (NUMBER_LITERAL.test(token.text)) return { kind: 'number', number: Number(token.text), text: token.text };
        return { kind: 'string', text: token.text, quoted: false };
      default:
        return this.fail(token, `expected a value after ${op.text} (a "quoted string", an unquoted word or number, or %regex%), found ${describe(token)}`);
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private expect(kind: Token['kind'], reason: string): Token {
    const token = this.next();
    if (token.kind !== kind) this.fail(token, reason);
    return token;
  }

  private fail(token: Token, reason: string): never {
    throw new FilterPatternError(this.pattern, token.start, reason);
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the pattern';
  if (token.kind === 'string') return `the string ${token.text}`;
  if (token.kind === 'regex') return `the regular expression ${token.text}`;
  return `"${token.text}"`;
}
