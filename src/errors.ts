/**
 * An error the user can act on: printed as its lines, without a stack trace, exit code 1.
 *
 * Every line follows one format (../shared/STYLE.md, "Errors a person can act on"):
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
