/**
 * A CloudWatch Logs filter-pattern engine for JSON log events, with no dependency on AWS.
 *
 * Public API (kept small and stable; other modules and tests rely on it):
 *
 * ```ts
 * import { compileFilterPattern, FilterPatternError } from '../filter-pattern';
 *
 * const root = compileFilterPattern('{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS}');
 * root.matches(record);          // record: a parsed CloudTrail record (or its JSON text) -> boolean
 * root.source;                   // the pattern as given
 *
 * try { compileFilterPattern('{ $.a EXISTS }'); }
 * catch (e) { if (e instanceof FilterPatternError) e.position; }  // 0-based offset; e.problems = lines with a caret
 * ```
 *
 * - `compileFilterPattern(pattern: string): CompiledFilterPattern` parses and compiles once; evaluate
 *   with `matches(event: unknown): boolean` as often as needed.
 * - `FilterPatternError` is a `UserError` (printed by the CLI without a stack trace) with `position`,
 *   `pattern` and `reason`. Malformed or unsupported patterns always throw: none is silently treated as
 *   "no match".
 *
 * Supported: `{ … }` JSON patterns with `$.a.b` / `$.a[0]` selectors, `=` `!=` on strings (quoted or not,
 * `*` wildcard at either end), numeric `=` `!=` `<` `<=` `>` `>=` (including `10e3`), `%regex%` (the AWS
 * subset, at most 2), `IS TRUE`, `IS FALSE`, `IS NULL`, `NOT EXISTS`, `&&`, `||`, parentheses.
 * Rejected: `EXISTS`, `IS NOT` (unsupported by AWS), and term / space-delimited patterns (see parser.ts).
 * The semantics chosen where AWS's documentation is silent are listed on compileFilterPattern and in
 * docs/backtest.md.
 */
export { compileFilterPattern, type CompiledFilterPattern } from './compile';
export { FilterPatternError } from './errors';
