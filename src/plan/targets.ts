import type { RootGuardConfig } from '../config/schema';
import { expandStackSetTargets, type OuResolution } from '../config/ou-resolution';

/**
 * The OUs the root-checks stack set targets: the config's list, expanded to the nested OUs that
 * root-guard.ous.yaml recorded when `rootChecks.includeNestedOUs` is on (or, for `Root`, when the
 * recorded landing zone has no enrolment stack set) (CfCT reaches only the
 * accounts directly in a listed OU, docs/reference/cfct.md#targeting). Throws UserError when the resolution is
 * missing or stale.
 */
export function rootCheckTargets(config: RootGuardConfig, ouResolution?: OuResolution): string[] {
  const targets = config.rootChecks.organizationalUnits;
  // Root goes through expandStackSetTargets too: it stays Root unless the recorded landing zone has no
  // enrolment stack set for CfCT to resolve it with (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set).
  return config.rootChecks.includeNestedOUs || targets.includes('Root')
    ? expandStackSetTargets('rootChecks.organizationalUnits', targets, ouResolution)
    : [...targets];
}
