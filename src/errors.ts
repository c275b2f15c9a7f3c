/**
 * An error the user can act on: printed as its lines, without a stack trace, exit code 1.
 *
 * Every line follows one format (docs/reference/conventions.md#error-messages):
 * `file:line:col: key.path: what is wrong (the fix)`, or for AWS errors the account/OU and API call.
 */
export class UserError extends Error {
  /** One line per problem; all of them are printed. */
  public readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(list.join('\n'));
    this.name = 'UserError';
    this.problems = list;
  }
}

/** True for errors that should be printed as-is (no stack trace). */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** At most this many problems are printed; the rest are counted (fixing the first ones often fixes many). */
export const MAX_SHOWN_PROBLEMS = 50;
/** Longest value quoted in a message; longer ones are cut and their length given. */
export const MAX_SHOWN_VALUE = 80;

/** The first {@link MAX_SHOWN_PROBLEMS} problems, then one line saying how many more there are. */
export function capProblems(problems: readonly string[], max: number = MAX_SHOWN_PROBLEMS): string[] {
  if (problems.length <= max) return [...problems];
  const rest = problems.length - max;
  return [...problems.slice(0, max), `... and ${rest.toLocaleString('en-US')} more problem${rest === 1 ? '' : 's'} (fix these and run again to see the rest)`];
}

/**
 * A value quoted for a message, cut to a readable length: `"abc"`, or for a long value its start and
 * its length, `"abcabc…" (10,000,000 characters)`, so a 10 MB value is never echoed whole.
 */
export function showValue(value: unknown, max: number = MAX_SHOWN_VALUE): string {
  const text = String(value);
  if (text.length <= max) return `"${text}"`;
  return `"${text.slice(0, max)}…" (${text.length.toLocaleString('en-US')} characters)`;
}
