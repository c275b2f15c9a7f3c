import type { RecordedLandingZoneFacts } from '../read-trail';
import { type ManagementRead, NOT_IN_MANAGEMENT, PREFLIGHT_API, type PreflightFinding } from '../finding';
import { controlTowerStackSets } from './home-region';

/**
 * The stack set CfCT reads enrolment from by default (CfCT's `CONTROL_TOWER_BASELINE_CONFIG_STACKSET`,
 * docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set).
 */
export const BASELINE_CONFIG_STACK_SET = 'AWSControlTowerBP-BASELINE-CONFIG';

/** Where CfCT v2.8.4 sets the variable: the stack-set stage's CodeBuild project, from a mapping of its template. */
export const CFCT_VARIABLE_PLACES = 'the environment variable CONTROL_TOWER_BASELINE_CONFIG_STACKSET of the CodeBuild project Custom-Control-Tower-StackSet-CodeBuild, and the mapping ControlTowerBaselineConfigStackset.Info.Name of the CfCT template (a CfCT stack update sets the variable from it again)';

/** What {@link checkBaselineStackSet} needs. */
export interface BaselineStackSetFacts {
  readonly region: string;
  readonly managementAccountId: string;
  /** Names of the ACTIVE stack sets in the management account in `region` (cloudformation:ListStackSets). */
  readonly stackSets: ManagementRead<readonly string[]>;
  /** The landing zone root-guard.ous.yaml recorded (`root-guard resolve`), if any. */
  readonly landingZone?: RecordedLandingZoneFacts;
  /** Whether `rootChecks.organizationalUnits` is `Root`. */
  readonly rootTarget?: boolean;
  /** The name CfCT's variable was set to (`preflight --enrolment-stack-set`), when not the default. */
  readonly configured?: string;
}

/**
 * The stack set whose instances are the enrolled accounts: the exact name, or else a
 * `StackSet-…-<uuid>` variant; undefined when there is neither.
 */
export function baselineConfigStackSet(names: readonly string[]): { readonly name: string; readonly exact: boolean } | undefined {
  if (names.includes(BASELINE_CONFIG_STACK_SET)) return { name: BASELINE_CONFIG_STACK_SET, exact: true };
  const variant = controlTowerStackSets(names).find((n) => n !== BASELINE_CONFIG_STACK_SET && n.replace(/^StackSet-/, '').startsWith(BASELINE_CONFIG_STACK_SET));
  return variant ? { name: variant, exact: false } : undefined;
}

const fromFour = (lz: RecordedLandingZoneFacts | undefined) => lz !== undefined && Number(lz.version.split('.')[0]) >= 4;

/** The OUs with and without an AWS Config baseline, from the recorded enabled baselines (4.0). */
function configBaselineOus(lz: RecordedLandingZoneFacts): string {
  const list = lz.enabledBaselines;
  if (!Array.isArray(list)) return typeof list === 'string' ? ` (enabled baselines ${list})` : '';
  const ous = [...new Set(list.map((b) => b.ou))].sort();
  const withConfig = ous.filter((ou) => list.some((b) => b.ou === ou && /config/i.test(b.baseline) && b.status !== 'FAILED'));
  const without = ous.filter((ou) => !withConfig.includes(ou));
  return ` (AWS Config baseline on ${withConfig.length ? withConfig.join(', ') : 'no OU'}; not on ${without.length ? without.join(', ') : 'any other recorded OU'})`;
}

/**
 * Does the management account have the stack set CfCT resolves enrolment with, and if not, what to
 * do. CfCT v2.8.4 lists that stack set's instances on every stack-set stage run, whatever the
 * targets: for `Root`, and to keep only enrolled accounts among every `accounts:` target; without it
 * the stage fails (StackSetNotFoundException, CfCT #106). Landing zone 4.0 may not have it
 * (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set). Checked where the home
 * region holds Control Tower's stack sets or the record shows a 4.0 landing zone (otherwise
 * home-region already fails).
 */
export function checkBaselineStackSet(facts: BaselineStackSetFacts): PreflightFinding[] {
  const { stackSets, region, landingZone: lz } = facts;
  if (stackSets === NOT_IN_MANAGEMENT || !stackSets.ok) return [];
  if (controlTowerStackSets(stackSets.value).length === 0 && !fromFour(lz)) return [];
  const target = `account ${facts.managementAccountId} ${region}`;
  const api = PREFLIGHT_API.listStackSets;
  if (facts.configured) {
    // The user set CfCT's variable: that stack set must exist; enrolment is read from its instances.
    return stackSets.value.includes(facts.configured)
      ? [{ check: 'baseline-stack-set', status: 'pass', target, api, message: `${facts.configured} (--enrolment-stack-set, CfCT's CONTROL_TOWER_BASELINE_CONFIG_STACKSET) exists: CfCT reads enrolled accounts from its instances, and so does the enrolment check` }]
      : [{ check: 'baseline-stack-set', status: 'fail', target, api, message: `no ACTIVE stack set ${facts.configured} (--enrolment-stack-set) in ${region}: CfCT's stack-set stage would fail with StackSetNotFoundException; check the name set in ${CFCT_VARIABLE_PLACES}` }];
  }
  const found = baselineConfigStackSet(stackSets.value);
  if (found?.exact) {
    return [{ check: 'baseline-stack-set', status: 'pass', target, api, message: `${BASELINE_CONFIG_STACK_SET} exists: CfCT reads enrolled accounts from its instances` }];
  }
  if (found) {
    return [{ check: 'baseline-stack-set', status: 'warn', target, api, message: `found ${found.name} but not ${BASELINE_CONFIG_STACK_SET}, the name CfCT looks up by default: its stack-set stage may fail with StackSetNotFound (#106); set ${found.name} in ${CFCT_VARIABLE_PLACES}` }];
  }
  const why = `no ${BASELINE_CONFIG_STACK_SET} stack set in ${region}: CfCT lists the instances of the stack set named in its CONTROL_TOWER_BASELINE_CONFIG_STACKSET variable on every stack-set stage run, whatever the targets, and the stage fails without it (StackSetNotFoundException, #106)`;
  const candidates = stackSets.value.filter((n) => /^(StackSet-)?AWSControlTowerBP-/.test(n)).sort();
  const name = `name in ${CFCT_VARIABLE_PLACES} an ACTIVE stack set whose instances are every account the manifest names under accounts: (CfCT drops the others, so the security topic's account must be among them unless it is the management account)${candidates.length ? `; Control Tower stack sets here: ${candidates.join(', ')}` : ''}; then run preflight with --enrolment-stack-set <that name>`;
  const root = facts.rootTarget
    ? lz?.rootSpelledOut ? '; Root is already spelled out as OUs in root-guard.ous.yaml' : '; and run `root-guard resolve`, then `root-guard build`: with the stack set recorded absent the build spells Root out as every OU, which CfCT resolves through AWS Organizations'
    : '';
  let remedy: string;
  if (!lz) {
    remedy = `landing zone not recorded: run \`root-guard resolve\` to record its version and baselines. Before 4.0 Control Tower creates the stack set with AWS Config (is AWS Config enabled by the landing zone?); from 4.0 ${name}`;
  } else if (!fromFour(lz)) {
    remedy = `landing zone ${lz.version} creates it with its AWS Config baseline: repair the landing zone (Control Tower console, Landing zone settings, Reset), then run preflight again`;
  } else if (lz.config === 'enabled') {
    remedy = `landing zone ${lz.version} with the AWS Config integration${configBaselineOus(lz)} does not have it: ${name}${root}`;
  } else {
    remedy = `landing zone ${lz.version} without the AWS Config integration does not have it, and the root checks (AWS Config rules) need recorders: enable the integration (config.enabled in the landing zone manifest, UpdateLandingZone) or give every target account its own recorder, and ${name}${root}`;
  }
  return [{ check: 'baseline-stack-set', status: 'fail', target, api, message: `${why}. ${remedy}` }];
}
