import * as z from 'zod/mini';
import { showValue } from '../errors';
import { ACCOUNT_ID, organizationalUnitPath } from './fields';

/**
 * `acknowledgedGaps`: gaps a team knows of and accepts, each for one target and with a reason, so a
 * CI gate on `root-guard preflight` can be green honestly (issue 27 §3). An acknowledged gap is still
 * reported, as a warning with its reason, by `build`, `preflight`, `audit` and the report; an
 * acknowledgement that no longer matches a gap is a warning too, so it cannot outlive the gap.
 *
 * Only `scp-reach` can be acknowledged: where the SCP baseline does not reach a root-check target (or
 * the security account), an administrator there can delete what `scp.protectBaseline` protects. Every
 * other check guards something that must work for the alerts to arrive.
 */

/** The checks a gap can be acknowledged for. */
export const ACKNOWLEDGEABLE_CHECKS = ['scp-reach'] as const;

/** One acknowledgement. */
export interface AcknowledgedGap {
  readonly check: (typeof ACKNOWLEDGEABLE_CHECKS)[number];
  /** For `scp-reach`: a root-check target as CfCT writes it (`Root`, `Sandbox`, `Workloads:Prod`), or the security account's id. */
  readonly target: string;
  readonly reason: string;
}

/** A reason short enough to print on one line, long enough to say something. */
const REASON_MIN = 10;
const REASON_MAX = 300;

const target = z.string({ error: 'must be the target preflight names: an OU path such as "Sandbox" or "Root", or a quoted 12-digit account id' }).check(z.superRefine((value, ctx) => {
  if (ACCOUNT_ID.test(value)) return;
  const path = organizationalUnitPath.safeParse(value);
  if (!path.success) ctx.addIssue({ code: 'custom', message: `${showValue(value)} is neither an OU path (e.g. "Sandbox", "Workloads:Prod", "Root") nor a 12-digit account id` });
}));

const acknowledgedGap = z.strictObject({
  check: z.enum(ACKNOWLEDGEABLE_CHECKS, { error: `must be one of ${ACKNOWLEDGEABLE_CHECKS.join(', ')} (the only check whose gap a team can accept; the others guard the alert path)` }),
  target,
  reason: z.string({ error: 'must say why the gap is accepted, e.g. "Sandbox accounts are wiped nightly"' }).check(
    z.refine((r) => r.trim().length >= REASON_MIN, { error: `must say why the gap is accepted, in at least ${REASON_MIN} characters` }),
    z.maxLength(REASON_MAX, { error: `must fit on one line: at most ${REASON_MAX} characters` }),
    z.refine((r) => !/[\r\n]/.test(r), { error: 'must be one line' }),
  ),
}, { error: 'must be a mapping: { check: scp-reach, target: Sandbox, reason: "why the gap is accepted" }' });

/** The `acknowledgedGaps` list: each (check, target) once. */
export const acknowledgedGaps = z.array(acknowledgedGap, { error: 'must be a list of { check, target, reason }' }).check(z.superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((gap, index) => {
    const key = `${gap.check} ${gap.target}`;
    const first = seen.get(key);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [index, 'target'], message: `${showValue(gap.target)} is acknowledged for ${gap.check} already (acknowledgedGaps[${first}]): keep one` });
    else seen.set(key, index);
  });
}));

/** The acknowledgement of `check` for `target`, if the config has one. */
export function acknowledgementOf(gaps: readonly AcknowledgedGap[] | undefined, check: AcknowledgedGap['check'], targetName: string): AcknowledgedGap | undefined {
  return gaps?.find((g) => g.check === check && g.target === targetName);
}
