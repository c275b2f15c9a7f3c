import type { RootGuardConfig } from '../config/schema';
import { expandStackSetTargets, type OuResolution } from '../config/ou-resolution';

/**
 * The OUs the root-checks stack set targets: the config's list, expanded to the nested OUs that
 * root-guard.ous.yaml recorded when `rootChecks.includeNestedOUs` is on (CfCT reaches only the
 * accounts directly in a listed OU, docs/reference/cfct.md#targeting). Throws UserError when the resolution is
 * missing or stale.
 */
export function rootCheckTargets(config: RootGuardConfig, ouResolution?: OuResolution): string[] {
  const targets = config.rootChecks.organizationalUnits;
  return config.rootChecks.includeNestedOUs
    ? expandStackSetTargets('rootChecks.organizationalUnits', targets, ouResolution)
    : [...targets];
}
