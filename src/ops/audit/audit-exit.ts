/**
 * The audit's exit codes, alone in a module without dependencies: the CLI words its result line with
 * them before the audit's code (and the AWS SDK clients it needs) has loaded.
 */
/** Exit codes of `root-guard audit`. */
export const AUDIT_EXIT = {
  /** Every account covered, every org-level check ok, everything read. */
  ok: 0,
  /** At least one gap: an account uncovered or non-compliant, or an org-level check missing or failing. */
  gaps: 1,
  /** No gap found, but something could not be read: the audit is partial. */
  partial: 3,
} as const;
