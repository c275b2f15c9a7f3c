import type { Plan } from './create-plan';

/**
 * Which protected resources the SCP baseline reaches. `scp.protectBaseline` denies changing the
 * Config rules, the forwarder, the topic, the key and the bus, but an SCP only applies to the
 * accounts under the root or OU it is attached to, and to the OUs nested below it (inheritance:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html),
 * and never to the management account
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 * Pure: paths only; `build` knows the config's paths, preflight knows where each account sits.
 */

/** The CfCT target meaning the organization root. */
const ROOT = 'Root';

/**
 * True when an SCP attached to one of `scpOus` (CfCT paths) applies to accounts directly in the OU
 * at `path` (`''` or `Root` = directly under the root): the OU itself, an OU above it, or the root.
 */
export function scpReachesPath(scpOus: readonly string[], path: string): boolean {
  if (scpOus.includes(ROOT)) return true;
  if (path === '' || path === ROOT) return false;
  return scpOus.some((ou) => path === ou || path.startsWith(`${ou}:`));
}

/** One group of protected resources and whether the SCP reaches it. */
export interface ReachGap {
  /** What is protected: `root checks and forwarders`, `security topic, key and bus` … */
  readonly resources: string;
  /** Where: `OU Sandbox`, `account 222222222222`. */
  readonly where: string;
  /** The target as `acknowledgedGaps` names it: the OU path (`Root`, `Sandbox`) or the account id. */
  readonly target: string;
  /** `unreached`: the SCP does not apply there; `unknown`: the config alone cannot tell. */
  readonly kind: 'unreached' | 'unknown';
  /** Why, and the fix. */
  readonly message: string;
}

/**
 * The fix for an OU (or the root) the SCP does not reach: extend the SCP, or acknowledge the gap in the
 * config for `acknowledged` (the target as `acknowledgedGaps` names it: the OU path, or the security
 * account's id), with a reason (src/config/acknowledged-gaps.ts).
 */
export function reachFix(path: string, acknowledged?: string): string {
  const ou = path === '' || path === ROOT ? ROOT : path;
  const target = acknowledged ?? ou;
  return `add ${ou} to scp.organizationalUnits (the SCP then reaches it and every OU nested below), `
    + `or acknowledge that an administrator there can delete them: acknowledgedGaps: [{ check: scp-reach, target: ${/^\d+$/.test(target) ? `"${target}"` : target}, reason: "…" }]`;
}

/**
 * The protected resource groups the SCP baseline does not reach, from the plan alone: the root-check
 * (and forwarder) stack set targets outside every SCP OU, the management account (never), and the
 * security account's topic/key/bus (the config does not say which OU the account is in: preflight
 * checks it, unless the SCP is on the root). Empty when `scp.protectBaseline` protects nothing.
 */
export function scpReachGaps(plan: Plan, protectBaseline: boolean): ReachGap[] {
  if (!protectBaseline || plan.scp.policies.length === 0) return [];
  const scpOus = plan.scp.organizationalUnits;
  const gaps: ReachGap[] = [];
  const memberResources = plan.fastAlerts ? 'root checks (Config rules) and forwarders' : 'root checks (Config rules)';
  for (const target of plan.rootChecks.targets) {
    if (scpReachesPath(scpOus, target)) continue;
    const where = target === ROOT ? 'Root' : `OU ${target}`;
    const scope = target === ROOT
      ? 'the stack set targets every account, the SCP only the accounts under ' + scpOus.join(', ')
      : `the SCP is attached to ${scpOus.join(', ')}, none of which is ${target} or above it`;
    gaps.push({ resources: memberResources, where, target, kind: 'unreached', message: `${scope}: ${reachFix(target)}` });
  }
  const security = plan.accounts.security;
  if (security !== plan.accounts.management && !scpOus.includes(ROOT)) {
    const resources = ['security topic and its key', ...(plan.fastAlerts ? ['the central bus'] : []), ...(plan.tamperAlerts ? ['the tamper bus and topic'] : [])].join(', ');
    gaps.push({
      resources,
      where: `account ${security}`,
      target: security,
      kind: 'unknown',
      message: `reached only if the account is under ${scpOus.join(', ')}; the config does not say where it is: \`root-guard preflight\` checks it`,
    });
  }
  const management = plan.accounts.management;
  const inManagement = [
    'the root-activity alarm and its metric filter',
    ...(plan.rootChecks.includeManagementAccount ? ['root checks'] : []),
    ...(plan.fastAlerts ? ['forwarder'] : []),
    ...(security === management ? ['security topic and key'] : []),
  ];
  gaps.push({
    resources: inManagement.join(', '),
    where: `account ${management} (management)`,
    target: management,
    kind: 'unreached',
    message: plan.tamperAlerts
      ? 'no SCP ever applies to the management account: tamper alerts report changes to them there'
      : 'no SCP ever applies to the management account, and tamper alerts are off: turn them on (remove `tamperAlerts: false`) to hear of changes there',
  });
  return gaps;
}

/**
 * The gaps as `build` prints them, one line each; a gap the config acknowledges (`acknowledgedGaps`,
 * check scp-reach) is printed as such, with its reason (the management account's cannot be: no SCP
 * ever applies there, and the line says what covers it instead).
 */
export function describeReachGaps(gaps: readonly ReachGap[], acknowledged: readonly { readonly check: string; readonly target: string; readonly reason: string }[] = []): string[] {
  return gaps.map((g) => {
    const gap = g.where.endsWith('(management)') ? undefined : acknowledged.find((a) => a.check === 'scp-reach' && a.target === g.target);
    if (gap) return `ACKNOWLEDGED ${g.where}: ${g.resources}: ${JSON.stringify(gap.reason)} (acknowledgedGaps in the config)`;
    return `${g.kind === 'unreached' ? 'NOT REACHED' : 'check     '}  ${g.where}: ${g.resources}: ${g.message}`;
  });
}
