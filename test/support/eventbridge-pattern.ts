/**
 * An EventBridge event-pattern evaluator for the tests: enough of EventBridge's content filtering
 * to evaluate the patterns root-guard deploys, with the semantics AWS documents, and a hard error for
 * anything it does not implement (so a pattern using an unsupported operator fails its test instead of
 * silently "not matching").
 *
 * Semantics (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html,
 * .../eb-create-pattern-operators.html, .../eb-event-patterns-content-based-filtering.html):
 * - A pattern is an object; every field it names must match (AND). A leaf is a non-empty array of
 *   alternatives (OR). A nested object descends into the event.
 * - A field missing from the event matches only `{"exists": false}`; every other matcher needs the
 *   field. `exists` works on leaf nodes: an object value counts as absent ("exists matching only works
 *   on leaf nodes … also matches … because c-count isn't a leaf node").
 * - An array value in the event matches if any of its elements matches.
 * - Exact values compare by JSON type and value (a string never equals a number); matching is
 *   case-sensitive except `equals-ignore-case`.
 * - `prefix` / `suffix` apply to strings; `anything-but` takes a value, a list of values, or
 *   `{"prefix": …}` / `{"suffix": …}` and matches a present value that is none of them.
 * Not implemented (throws): `numeric`, `cidr`, `wildcard`, `$or`, and anything else.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Whether `event` matches the EventBridge `pattern`. Throws for malformed or unsupported patterns. */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) throw new Error(`event pattern must be a JSON object, got ${JSON.stringify(pattern)}`);
  if (Object.keys(pattern).length === 0) throw new Error('event pattern must name at least one field');
  return matchObject(pattern, event, '');
}

function matchObject(pattern: Record<string, unknown>, event: unknown, path: string): boolean {
  for (const [key, sub] of Object.entries(pattern)) {
    if (key.startsWith('$')) throw new Error(`unsupported operator ${key} at ${path || '(top)'}`);
    const value = isObject(event) ? event[key] : undefined;
    const here = path ? `${path}.${key}` : key;
    if (Array.isArray(sub)) {
      if (!matchLeaf(sub, value, here)) return false;
    } else if (isObject(sub)) {
      if (!matchObject(sub, value, here)) return false;
    } else {
      throw new Error(`pattern field ${here} must be an array or an object, got ${JSON.stringify(sub)}`);
    }
  }
  return true;
}

function matchLeaf(alternatives: unknown[], value: unknown, path: string): boolean {
  if (alternatives.length === 0) throw new Error(`pattern field ${path} has an empty list (EventBridge rejects it)`);
  // Validate every alternative even when an earlier one matches, so a typo cannot hide behind a match.
  const results = alternatives.map((alternative) => matchAlternative(alternative, value, path));
  return results.some(Boolean);
}

function matchAlternative(alternative: unknown, value: unknown, path: string): boolean {
  if (isObject(alternative)) {
    const keys = Object.keys(alternative);
    if (keys.length !== 1) throw new Error(`content filter at ${path} must have exactly one operator, got ${JSON.stringify(alternative)}`);
    const [operator] = keys;
    const operand = alternative[operator];
    if (operator === 'exists') {
      if (typeof operand !== 'boolean') throw new Error(`"exists" at ${path} takes true or false`);
      const present = value !== undefined && !isObject(value);
      return operand ? present : !present;
    }
    if (value === undefined || isObject(value)) return false;
    const candidates = Array.isArray(value) ? value : [value];
    return candidates.some((candidate) => applyOperator(operator, operand, candidate as Json, path));
  }
  if (!isScalar(alternative)) throw new Error(`pattern value at ${path} must be a string, number, boolean, null or a content filter`);
  if (value === undefined || isObject(value)) return false;
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.some((candidate) => candidate === alternative);
}

function applyOperator(operator: string, operand: unknown, value: Json, path: string): boolean {
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(requireString(operand, operator, path));
    case 'suffix':
      return typeof value === 'string' && value.endsWith(requireString(operand, operator, path));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === requireString(operand, operator, path).toLowerCase();
    case 'anything-but':
      return anythingBut(operand, value, path);
    default:
      throw new Error(`unsupported content filter "${operator}" at ${path}`);
  }
}

function anythingBut(operand: unknown, value: Json, path: string): boolean {
  if (isObject(operand)) {
    const [operator, ...rest] = Object.keys(operand);
    if (rest.length > 0 || (operator !== 'prefix' && operator !== 'suffix')) {
      throw new Error(`unsupported "anything-but" form at ${path}: ${JSON.stringify(operand)}`);
    }
    const affix = requireString(operand[operator], `anything-but ${operator}`, path);
    if (typeof value !== 'string') return true;
    return operator === 'prefix' ? !value.startsWith(affix) : !value.endsWith(affix);
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  if (excluded.length === 0 || !excluded.every((e) => typeof e === 'string' || typeof e === 'number')) {
    throw new Error(`"anything-but" at ${path} takes a string, a number, or a non-empty list of them`);
  }
  return !excluded.includes(value as string | number);
}

function requireString(operand: unknown, operator: string, path: string): string {
  if (typeof operand !== 'string') throw new Error(`"${operator}" at ${path} takes a string, got ${JSON.stringify(operand)}`);
  return operand;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
