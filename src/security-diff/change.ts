/**
 * One change of the package that matters to security, as `root-guard build` reports it: what it is
 * about, whether it was added, removed or changed, in words, and what it does to the protection.
 */
export interface SecurityChange {
  /** What the change is about, e.g. `SCP root-guard-root-baseline, statement DenyRootUser`. */
  readonly subject: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** What changed, one line: `actions removed: iam:CreateAccessKey`. */
  readonly detail: string;
  /**
   * `weakens`: less is denied, watched or alerted on, or more is allowed (marked `!` in the summary);
   * `strengthens`: the reverse; `review`: a change whose effect depends on what it matches
   * (a filter pattern, an event pattern, a condition) and needs a person to read it.
   */
  readonly effect: 'weakens' | 'strengthens' | 'review';
}

/** Values as sorted, unique strings: `Action: "x"` and `Action: ["x"]` are the same set. */
export function asSet(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.map(canonical))].sort();
}

/** A stable text of any JSON value (keys sorted), to compare intrinsic functions and objects. */
export function canonical(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The items of `after` not in `before`, and of `before` not in `after`. */
export function setDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: after.filter((x) => !b.has(x)), removed: before.filter((x) => !a.has(x)) };
}

/** At most `max` items, then how many more: a 400-action list stays one readable line. */
export function listShort(items: readonly string[], max = 6): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
