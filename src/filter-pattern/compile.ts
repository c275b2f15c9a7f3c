import { parseJsonKeepingNumberText } from './json-text';
import { NUMBER_LITERAL, parseFilterPattern, type Expression, type Test, type Value } from './parser';
import { MISSING, NumberText, resolveAll, resolveSelector, WILDCARD } from './selector';

/** A filter pattern compiled once, to be evaluated against many events. */
export interface CompiledFilterPattern {
  /** The pattern as given. */
  readonly source: string;
  /**
   * Whether the pattern matches one log event: a parsed JSON value (a CloudTrail record object) or
   * the event's text (parsed here; text that is not JSON never matches a JSON pattern).
   *
   * `text`, the event's JSON text, is optional with a parsed event: when the pattern compares a JSON
   * number as text (a string, wildcard or regex value meeting a number node), the event is parsed
   * again from `text` keeping each number's written text (`12.0` stays `12.0`, as AWS compares it).
   * Without `text` such a number is compared as JavaScript prints it.
   */
  matches(event: unknown, text?: string): boolean;
}

/** Set while evaluating when a number node was compared as text (then its written text matters). */
interface Evaluation {
  numberAsText: boolean;
}
type Predicate = (event: unknown, evaluation: Evaluation) => boolean;
type ValuePredicate = (value: unknown, evaluation: Evaluation) => boolean;

/**
 * Compiles a CloudWatch Logs JSON filter pattern. Throws {@link FilterPatternError} (a UserError with
 * the 0-based `position` and a caret display) for malformed or unsupported patterns.
 *
 * Semantics, where the AWS documentation is silent the choice is marked CHOICE (docs/backtest.md
 * lists them):
 * - Comparisons (`=`, `!=`, `<`, …, `%regex%`) apply only to a *value node*. AWS: "The SELECTOR must
 *   point to a value node (string or number) … both {$.users = 1} and {$.users != 1} will fail to
 *   match a log event where users is an array". CHOICE: a missing field, `null`, an object or an
 *   array is not a value node, so `!=` is false there too (`{ $.a != "x" }` does not match an event
 *   without `a`; write `|| $.a NOT EXISTS` to include those). CHOICE: booleans are value nodes
 *   compared by their JSON text (`true` / `false`), so `{ $.readOnly = false }` matches.
 * - Strings: case-sensitive; `*` is a wildcard only at the start and/or end of the value. AWS:
 *   "*Event will match PutEvent … Ev*ent will only match the actual string Ev*ent". A lone `*`
 *   matches any value node. Quoted and unquoted values behave the same.
 * - Numbers: an unquoted value that is a number (`400`, `-1.5`, `10e3`) compares numerically with a
 *   JSON number, or with a string that is itself a number (CHOICE: CloudTrail writes most numbers
 *   as strings, e.g. account ids). `<`, `<=`, `>`, `>=` need a number; on any other value they are false.
 *   A quoted number (`"400"`) is a string and compares as text.
 * - `IS TRUE` / `IS FALSE` match JSON booleans only (not the strings "true"/"false"); `IS NULL` matches
 *   JSON `null` only; `NOT EXISTS` matches when the selector names nothing (a missing property, an
 *   index past the end, or a path through a non-object).
 * - `%regex%`: a search anywhere in the value node's text, case-sensitive (see regex.ts for the subset).
 */
export function compileFilterPattern(pattern: string): CompiledFilterPattern {
  const predicate = compileExpression(parseFilterPattern(pattern));
  return {
    source: pattern,
    matches(event: unknown, text?: string): boolean {
      if (typeof event === 'string') {
        try {
          return predicate(parseJsonKeepingNumberText(event), { numberAsText: false });
        } catch {
          return false; // a JSON pattern never matches an event that is not JSON
        }
      }
      const evaluation = { numberAsText: false };
      const result = predicate(event, evaluation);
      // Rare in CloudTrail (its numbers are mostly strings): only then is the record parsed again.
      if (!evaluation.numberAsText || text === undefined) return result;
      return predicate(parseJsonKeepingNumberText(text), { numberAsText: false });
    },
  };
}

function compileExpression(expression: Expression): Predicate {
  switch (expression.kind) {
    case 'and': {
      const operands = expression.operands.map(compileExpression);
      return (event, evaluation) => {
        for (const operand of operands) if (!operand(event, evaluation)) return false;
        return true;
      };
    }
    case 'or': {
      const operands = expression.operands.map(compileExpression);
      return (event, evaluation) => {
        for (const operand of operands) if (operand(event, evaluation)) return true;
        return false;
      };
    }
    case 'condition': {
      const segments = expression.segments;
      const test = compileTest(expression.test);
      if (!segments.includes(WILDCARD)) return (event, evaluation) => test(resolveSelector(event, segments), evaluation);
      // CHOICE (AWS: a wildcard selects "any array element or any JSON object field"): the condition
      // holds when it holds for at least one selected value; NOT EXISTS holds when nothing is selected.
      if (expression.test.kind === 'notExists') return (event) => resolveAll(event, segments).length === 0;
      return (event, evaluation) => {
        for (const value of resolveAll(event, segments)) if (test(value, evaluation)) return true;
        return false;
      };
    }
  }
}

function compileTest(test: Test): ValuePredicate {
  switch (test.kind) {
    case 'notExists':
      return (value) => value === MISSING;
    case 'isNull':
      return (value) => value === null;
    case 'isTrue':
      return (value) => value === true;
    case 'isFalse':
      return (value) => value === false;
    case 'numeric':
      return compileNumeric(test.op, test.number);
    case 'equals': {
      const equals = compileEquals(test.value);
      if (!test.negated) return (value, evaluation) => isValueNode(value) && equals(value, evaluation);
      return (value, evaluation) => isValueNode(value) && !equals(value, evaluation);
    }
  }
}

function compileNumeric(op: '<' | '<=' | '>' | '>=', n: number): ValuePredicate {
  switch (op) {
    case '<': return (value) => { const v = numberOf(value); return v !== undefined && v < n; };
    case '<=': return (value) => { const v = numberOf(value); return v !== undefined && v <= n; };
    case '>': return (value) => { const v = numberOf(value); return v !== undefined && v > n; };
    case '>=': return (value) => { const v = numberOf(value); return v !== undefined && v >= n; };
  }
}

type ValueNode = string | number | boolean | NumberText;

/** Equality against a value node (the caller has checked it is a string, number or boolean). */
function compileEquals(value: Value): (node: ValueNode, evaluation: Evaluation) => boolean {
  switch (value.kind) {
    case 'number': {
      const n = value.number;
      return (node) => numberOf(node) === n;
    }
    case 'regex': {
      const regex = value.regex;
      return (node, evaluation) => regex.test(textOf(node, evaluation));
    }
    case 'string': {
      const matchText = compileWildcard(value.text);
      return (node, evaluation) => matchText(textOf(node, evaluation));
    }
  }
}

/** `*` at the start and/or end is a wildcard; anywhere else it is a literal character. */
export function compileWildcard(text: string): (candidate: string) => boolean {
  if (/^\*+$/.test(text)) return () => true;
  const leading = text.startsWith('*');
  const trailing = text.endsWith('*');
  const core = text.slice(leading ? 1 : 0, trailing ? text.length - 1 : text.length);
  if (leading && trailing) return (candidate) => candidate.includes(core);
  if (leading) return (candidate) => candidate.endsWith(core);
  if (trailing) return (candidate) => candidate.startsWith(core);
  return (candidate) => candidate === text;
}

function isValueNode(value: unknown): value is ValueNode {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || value instanceof NumberText;
}

/**
 * The text a string, wildcard or regex value is compared with. A JSON number's text is the text
 * written in the event (issue 14: AWS compares `12.0` as "12.0", not "12"); a parsed number has
 * lost it, so the evaluation is flagged and redone from the event's text (see `matches`).
 */
function textOf(node: ValueNode, evaluation: Evaluation): string {
  if (typeof node === 'string') return node;
  if (node instanceof NumberText) return node.text;
  if (typeof node === 'number') evaluation.numberAsText = true;
  return String(node);
}

/** The number a value node stands for: a JSON number, or a string written as a number; else undefined. */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof NumberText) return value.value;
  if (typeof value === 'string' && NUMBER_LITERAL.test(value)) return Number(value);
  return undefined;
}
