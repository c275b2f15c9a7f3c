import { UserError } from '../errors';

/** How many characters of a long pattern are shown on each side of the caret. */
const CONTEXT = 60;

/**
 * A filter pattern that is malformed or uses syntax CloudWatch Logs does not support.
 *
 * It is a {@link UserError}, so the CLI prints it without a stack trace. Its lines are the reason
 * (with the 1-based column), then the pattern and a caret under the offending character:
 *
 * ```
 * filter pattern, column 31: EXISTS is not supported by CloudWatch Logs (write `$.userIdentity.invokedBy = "*"` …)
 *   {$.userIdentity.invokedBy EXISTS}
 *                             ^
 * ```
 */
export class FilterPatternError extends UserError {
  /** 0-based offset in {@link pattern} of the character the message is about. */
  public readonly position: number;
  /** The pattern as given. */
  public readonly pattern: string;
  /** What is wrong and the fix, without the position or the caret. */
  public readonly reason: string;

  constructor(pattern: string, position: number, reason: string) {
    const at = Math.max(0, Math.min(position, pattern.length));
    super([`filter pattern, column ${at + 1}: ${reason}`, ...caretLines(pattern, at)]);
    this.name = 'FilterPatternError';
    this.position = at;
    this.pattern = pattern;
    this.reason = reason;
  }
}

/**
 * The pattern (cut to a window around `position` when long, on one line) and a caret line under it.
 * Newlines and tabs in the pattern are shown as spaces so the caret stays aligned.
 */
export function caretLines(pattern: string, position: number): [string, string] {
  const flat = pattern.replace(/[\t\r\n]/g, ' ');
  const start = Math.max(0, position - CONTEXT);
  const end = Math.min(flat.length, position + CONTEXT);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const shown = `${prefix}${flat.slice(start, end)}${suffix}`;
  return [`  ${shown}`, `  ${' '.repeat(prefix.length + position - start)}^`];
}
