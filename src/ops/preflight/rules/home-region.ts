import { compareText, listSome } from '../../text';
import { type ManagementRead, needsManagement, NOT_IN_MANAGEMENT, notChecked, PREFLIGHT_API, type PreflightFinding } from '../finding';

/** What {@link checkHomeRegion} needs. */
export interface HomeRegionFacts {
  /** `homeRegion` of the config. */
  readonly region: string;
  readonly managementAccountId: string;
  readonly callerAccount: string;
  /** Names of the ACTIVE stack sets in the management account in `region` (cloudformation:ListStackSets). */
  readonly stackSets: ManagementRead<readonly string[]>;
  /** The landing zone ARN root-guard.ous.yaml recorded (GetLandingZone), if any: its Region is the home region. */
  readonly landingZoneArn?: string;
}

/** Control Tower's baseline stack sets, with or without the `StackSet-` prefix some landing zones show. */
export function controlTowerStackSets(names: readonly string[]): string[] {
  return names.filter((n) => /^(StackSet-)?AWSControlTowerBP-BASELINE-/.test(n)).sort(compareText);
}

/**
 * The home region: Control Tower creates its `AWSControlTowerBP-BASELINE-*` stack sets in the
 * management account in its home region only (stack sets are regional), so finding them in
 * `homeRegion` proves it is Control Tower's. CfCT must run there too: its stack-set stage reads
 * enrolment from `AWSControlTowerBP-BASELINE-CONFIG` in its own region and fails without it
 * (CfCT issue #106, https://github.com/aws-solutions/aws-control-tower-customizations/issues/106).
 */
export function checkHomeRegion(facts: HomeRegionFacts): PreflightFinding[] {
  const { region, stackSets } = facts;
  const target = `account ${facts.managementAccountId} ${region}`;
  if (stackSets === NOT_IN_MANAGEMENT) return [needsManagement('home-region', target, PREFLIGHT_API.listStackSets, facts.callerAccount)];
  if (!stackSets.ok) return [notChecked('home-region', stackSets.failure, 'list the stack sets')];
  const baseline = controlTowerStackSets(stackSets.value);
  // From landing zone 4.0 the BASELINE stack sets may be gone (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set):
  // the recorded landing zone's ARN names its home Region.
  const lzRegion = facts.landingZoneArn?.split(':')[3];
  if (baseline.length === 0 && lzRegion === region) {
    return [{ check: 'home-region', status: 'pass', target, api: PREFLIGHT_API.listStackSets, message: `no AWSControlTowerBP-BASELINE-* stack set, but the recorded landing zone ${facts.landingZoneArn} is in ${region}: it is the home region` }];
  }
  if (baseline.length === 0) {
    return [{ check: 'home-region', status: 'fail', target, api: PREFLIGHT_API.listStackSets, message: `no Control Tower stack set (AWSControlTowerBP-BASELINE-*) in ${region}: ${region} is not the Control Tower home region (set homeRegion to the Region where Control Tower was set up; CfCT must be installed there too)` }];
  }
  return [{ check: 'home-region', status: 'pass', target, api: PREFLIGHT_API.listStackSets, message: `Control Tower's stack sets are in ${region} (${listSome(baseline, 3)}): it is the home region` }];
}
