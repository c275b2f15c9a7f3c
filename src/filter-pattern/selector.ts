import { FilterPatternError } from './errors';

/** Selects every element of an array (`[*]`) or every field of an object (`.*`). */
export const WILDCARD: unique symbol = Symbol('wildcard');

/** One step of a selector: a property name, an array index, or a wildcard. */
export type SelectorSegment = string | number | typeof WILDCARD;

/** Returned by {@link resolveSelector} when the selector names nothing in the event. */
export const MISSING: unique symbol = Symbol('missing');

/**
 * AWS quotas on the "Filter pattern syntax" page
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html, JSON section):
 * "You can only use up to one wildcard selector in a property selector, and up to three wildcard
 * selectors in a filter pattern with compound expressions."
 */
export const MAX_WILDCARDS_PER_SELECTOR = 1;
export const MAX_WILDCARDS_PER_PATTERN = 3;

const NAME = /^[A-Za-z0-9_-]+/;
const INDEX = /^\[(\d+)\]/;
/** `['cluster.name']`: AWS "If the JSON property contains a period (".") … the bracket notation may be used". */
const BRACKET_NAME = /^\['([^']+)'\]/;

/**
 * Parses a selector such as `$.userIdentity.type`, `$.users[0].id`, `$.coordinates[0][1]`,
 * `$.arrayKey[*]`, `$.*` or `$.['cluster.name']`.
 *
 * AWS: "Property selectors always start with dollar sign ($) … alphanumeric strings that also support
 * '-' and '_' characters. Array elements are denoted with [NUMBER] syntax, and must follow a property";
 * "You can use the JSON wildcard to select any array element or any JSON object field" (examples
 * `$.arrayKey[*]`, `$.*`); "If the JSON property contains a period, then the bracket notation may be
 * used" (example `$.['cluster.name']`). CHOICE: a bracketed name is written in single quotes, as in
 * AWS's only example, may follow `.` or a property, and holds any characters but `'`.
 * Anything else (`$['a']`, `$..a`, `$[0]`, two wildcards) is rejected rather than guessed at.
 *
 * @param text the selector token, starting with `$`
 * @param offset where the token starts in `pattern` (for error positions)
 */
export function parseSelector(pattern: string, text: string, offset: number): SelectorSegment[] {
  const fail = (at: number, reason: string): never => {
    throw new FilterPatternError(pattern, offset + at, reason);
  };
  const segments: SelectorSegment[] = [];
  let i = 1;
  let wildcards = 0;
  const wildcard = (at: number) => {
    if (++wildcards > MAX_WILDCARDS_PER_SELECTOR) fail(at, `CloudWatch Logs allows at most ${MAX_WILDCARDS_PER_SELECTOR} wildcard selector (* or [*]) in one property selector`);
    segments.push(WILDCARD);
  };
  if (text.length === 1) fail(0, 'a selector needs a property after "$" (e.g. $.eventName)');
  if (text[1] !== '.') fail(1, 'a selector starts with "$." (e.g. $.eventName; the root is always an object)');
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith('.[')) {
      const name = BRACKET_NAME.exec(rest.slice(1));
      if (!name) fail(i + 1, "a bracketed property is written ['name'] in single quotes, e.g. $.['cluster.name']");
      segments.push(name![1]);
      i += 1 + name![0].length;
    } else if (rest.startsWith('.*')) {
      wildcard(i + 1);
      i += 2;
    } else if (rest[0] === '.') {
      const name = NAME.exec(rest.slice(1));
      if (!name) fail(i, 'expected a property name after "." (letters, digits, "-" and "_"; write [\'a.b\'] for a name with other characters)');
      segments.push(name![0]);
      i += 1 + name![0].length;
    } else if (rest[0] === '[') {
      if (segments.length === 0) fail(i, 'an array index must follow a property (e.g. $.users[0]; the root is always an object)');
      if (rest.startsWith('[*]')) {
        wildcard(i + 1);
        i += 3;
        continue;
      }
      const name = BRACKET_NAME.exec(rest);
      if (name) {
        segments.push(name[1]);
        i += name[0].length;
        continue;
      }
      const index = INDEX.exec(rest);
      if (!index) fail(i, 'an array index is a non-negative whole number in brackets, e.g. [0], or [*] for any element');
      segments.push(Number(index![1]));
      i += index![0].length;
    } else {
      fail(i, `expected "." or "[" in the selector, found "${rest[0]}"`);
    }
  }
  return segments;
}

/** How many wildcard segments a parsed selector has. */
export function countWildcards(segments: readonly SelectorSegment[]): number {
  return segments.filter((s) => s === WILDCARD).length;
}

/**
 * The value a selector without wildcards names in an event, or {@link MISSING}. Only own properties
 * of plain JSON objects count.
 */
export function resolveSelector(event: unknown, segments: readonly SelectorSegment[]): unknown {
  let current: unknown = event;
  for (const segment of segments) {
    current = step(current, segment);
    if (current === MISSING) return MISSING;
  }
  // Plain objects handed in by callers may hold `undefined`; JSON never does. Treat it as absent.
  return current === undefined ? MISSING : current;
}

/**
 * Every value a selector (with at most one wildcard) names in an event; empty when it names nothing.
 * CHOICE: `[*]` and `.*` both expand the elements of an array and the values of an object's own
 * fields (AWS: "any array element or any JSON object field"); applied to anything else (a string,
 * a number, null, a missing field) a wildcard selects nothing.
 */
export function resolveAll(event: unknown, segments: readonly SelectorSegment[]): unknown[] {
  const at = segments.indexOf(WILDCARD);
  if (at === -1) {
    const value = resolveSelector(event, segments);
    return value === MISSING ? [] : [value];
  }
  const container = resolveSelector(event, segments.slice(0, at));
  let members: unknown[];
  if (Array.isArray(container)) members = container;
  else if (container !== null && typeof container === 'object' && !(container instanceof NumberText)) members = Object.values(container);
  else return [];
  const rest = segments.slice(at + 1);
  const out: unknown[] = [];
  for (const member of members) {
    const value = resolveSelector(member, rest);
    if (value !== MISSING) out.push(value);
  }
  return out;
}

function step(current: unknown, segment: SelectorSegment): unknown {
  if (typeof segment === 'number') {
    if (!Array.isArray(current) || segment >= current.length) return MISSING;
    return current[segment];
  }
  if (typeof segment !== 'string') return MISSING; // a wildcard: callers use resolveAll
  if (current === null || typeof current !== 'object' || Array.isArray(current) || current instanceof NumberText) return MISSING;
  if (!Object.prototype.hasOwnProperty.call(current, segment)) return MISSING;
  return (current as Record<string, unknown>)[segment];
}

/**
 * A JSON number whose text is not what JavaScript would print for it (`12.0`, `1e3`, `1.50`), kept
 * with its text: AWS compares a number node's text when the pattern's value is a string
 * (issue 14; `{ $.n = "12.0" }` matches `"n": 12.0`), which `JSON.parse` loses. See json-text.ts.
 */
export class NumberText {
  constructor(public readonly text: string, public readonly value: number) {}
  /** Written back as the number, so reports print the record as JSON. */
  toJSON(): number {
    return this.value;
  }
}
