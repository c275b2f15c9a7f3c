import { FilterPatternError } from './errors';

/** One step of a selector: a property name or an array index. */
export type SelectorSegment = string | number;

/** Returned by {@link resolveSelector} when the selector names nothing in the event. */
export const MISSING: unique symbol = Symbol('missing');

const NAME = /^[A-Za-z0-9_-]+/;
const INDEX = /^\[(\d+)\]/;

/**
 * Parses a selector such as `$.userIdentity.type`, `$.users[0].id` or `$.coordinates[0][1]`.
 *
 * AWS: "Property selectors always start with dollar sign ($) … alphanumeric strings that also support
 * '-' and '_' characters. Array elements are denoted with [NUMBER] syntax, and must follow a property."
 * Anything else (`$['a']`, `$.a[*]`, `$..a`, `$[0]`) is rejected rather than guessed at.
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
  if (text.length === 1) fail(0, 'a selector needs a property after "$" (e.g. $.eventName)');
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest[0] === '.') {
      const name = NAME.exec(rest.slice(1));
      if (!name) fail(i, 'expected a property name after "." (letters, digits, "-" and "_")');
      segments.push(name![0]);
      i += 1 + name![0].length;
    } else if (rest[0] === '[') {
      if (segments.length === 0) fail(i, 'an array index must follow a property (e.g. $.users[0]; the root is always an object)');
      const index = INDEX.exec(rest);
      if (!index) fail(i, 'an array index is a non-negative whole number in brackets, e.g. [0]');
      segments.push(Number(index![1]));
      i += index![0].length;
    } else {
      fail(i, `expected "." or "[" in the selector, found "${rest[0]}"`);
    }
  }
  return segments;
}

/** The value a selector names in an event, or {@link MISSING}. Only own properties of plain JSON objects count. */
export function resolveSelector(event: unknown, segments: readonly SelectorSegment[]): unknown {
  let current: unknown = event;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return MISSING;
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return MISSING;
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return MISSING;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  // Plain objects handed in by callers may hold `undefined`; JSON never does. Treat it as absent.
  return current === undefined ? MISSING : current;
}
