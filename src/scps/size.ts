import { UserError } from '../errors';

/**
 * Maximum size of one SCP, in characters, that this package budgets for.
 *
 * AWS Organizations documented 5,120 characters (whitespace counts) for years; a 2026-05-15 raise to
 * 10,240 is reported but not in every source, and GovCloud/China may lag, so 5,120 is the size that
 * is safe everywhere (docs/reference/detection.md#scp-quotas;
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
 */
export const SCP_SIZE_LIMIT = 5120;

/**
 * The size of a policy file as Organizations sees it when CfCT submits it.
 *
 * CfCT (v2.8.4, `state_machine_handler.py`) does not send the file verbatim: it replaces every
 * `\n` with `\r\n` and deletes every run of two spaces (`.replace("  ", "")`) before
 * CreatePolicy/UpdatePolicy (docs/reference/cfct.md#policies-scp-and-rcp). `String.replaceAll` matches
 * Python's `str.replace`: left to right, non-overlapping, so three spaces leave one.
 */
export function cfctSubmittedSize(text: string): number {
  return cfctSubmittedText(text).length;
}

/** The text CfCT sends to Organizations for a policy file (see {@link cfctSubmittedSize}). */
export function cfctSubmittedText(text: string): string {
  return text.replace(/\n/g, '\r\n').replaceAll('  ', '');
}

/** What the budget check needs to know about a policy. */
export interface SizedPolicy {
  /** Policy name (as in the manifest). */
  readonly name: string;
  /** Path of the policy file in the package, e.g. `policies/root-guard-root-baseline.json`. */
  readonly fileName: string;
  /** The file's text. */
  readonly text: string;
}

/**
 * Throws a UserError, one line per policy, if any policy is larger than `limit` as CfCT submits it.
 *
 * CfCT only checks size in its SCP stage, after the build has passed and the pipeline has started
 * (docs/reference/cfct.md#r9-policy-files, CfCT issue #133), so the build must fail here instead.
 */
export function checkScpBudget(policies: readonly SizedPolicy[], limit: number = SCP_SIZE_LIMIT): void {
  const problems = policies
    .map((policy) => ({ policy, size: cfctSubmittedSize(policy.text) }))
    .filter(({ size }) => size > limit)
    .map(({ policy, size }) =>
      `${policy.fileName}: SCP ${policy.name} is ${size} characters as CfCT submits it, over the ${limit}-character limit of AWS Organizations ` +
      `(protect fewer stack sets, or turn off scp.protectBaseline, scp.denyRootAccessKeys or scp.denyRootActions in root-guard.config.yaml)`);
  if (problems.length > 0) throw new UserError(problems);
}
