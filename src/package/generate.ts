import type { RootGuardConfig } from '../config/schema';
import type { OuResolution } from '../config/ou-resolution';
import { createPlan, PACKAGE_PATHS, type PackageFiles, type Plan } from '../plan';
import type { ScpPolicy } from '../scps';
import { renderManifest } from './manifest';
import { synthesizeTemplates, type SynthesizeOptions } from './synthesize';
import { TemplateLimitError, templateLimitProblems } from './template-limits';
import { baselineScpsUnit } from './units/baseline-scps';
import { managementExecutionRoleUnit } from './units/management-execution-role';
import type { PackageUnit } from './units/package-unit';
import { rootActivityAlarmUnit } from './units/root-activity-alarm';
import { rootChecksUnit } from './units/root-checks';
import { securityEventBusUnit } from './units/security-event-bus';
import { securityTopicUnit } from './units/security-topic';
import { sentinelReaderUnit, sentinelUnit } from './units/sentinel';
import { tamperAlertsUnit, tamperReceiverUnit } from './units/tamper-alerts';

/** Options of {@link generatePackage}. */
export interface GenerateOptions extends SynthesizeOptions {
  /**
   * root-guard.ous.yaml, read by the caller: the nested OUs below `rootChecks.organizationalUnits`
   * when `rootChecks.includeNestedOUs` is on. Required then; ignored otherwise.
   */
  readonly ouResolution?: OuResolution;
}

/** A rendered package, and the SCP policies in it (what `root-guard build` reports slots for). */
export interface RenderedPackage {
  readonly files: PackageFiles;
  /** The plan's SCP policies, as written to `policies/`. */
  readonly policies: readonly ScpPolicy[];
}

/**
 * The package's units in manifest order: CfCT runs stack sets one at a time, in order, so the topics
 * and the tamper bus come before the alarms and rules that notify them and the bus before the forwarders; the SCPs (whose stage
 * runs first anyway) and the prerequisite (not in the manifest) come last.
 */
function packageUnits(plan: Plan): PackageUnit[] {
  return [
    securityTopicUnit(plan),
    tamperReceiverUnit(plan),
    rootActivityAlarmUnit(plan),
    tamperAlertsUnit(plan),
    sentinelReaderUnit(plan),
    sentinelUnit(plan),
    securityEventBusUnit(plan),
    rootChecksUnit(plan),
    baselineScpsUnit(plan),
    managementExecutionRoleUnit(plan),
  ].filter((unit): unit is PackageUnit => unit !== undefined);
}

/**
 * Renders every file of the package from the plan: deterministic (the same plan gives the same
 * bytes) and without I/O besides CDK's scratch directory. Throws {@link TemplateLimitError} when a
 * template would exceed a CloudFormation limit.
 */
export function renderPackage(plan: Plan, options: SynthesizeOptions = {}): RenderedPackage {
  const units = packageUnits(plan);
  const files = new Map<string, string>();
  files.set(PACKAGE_PATHS.manifest, renderManifest({ region: plan.homeRegion, resources: units.flatMap((unit) => unit.resources) }));
  for (const unit of units) for (const [file, text] of unit.files ?? []) files.set(file, text);
  const templates = units.flatMap((unit) => (unit.template ? [unit.template] : []));
  const synthesized = synthesizeTemplates(templates, options);
  // CloudFormation's limits, before anything is written or compared (a template over them fails only
  // in the user's pipeline, after the commit).
  const problems = templateLimitProblems(templates.map((spec) => ({ file: spec.file, text: synthesized.get(spec.file) as string, growsWith: spec.growsWith })));
  if (problems.length > 0) throw new TemplateLimitError(problems);
  for (const [file, text] of synthesized) files.set(file, text);
  // Sorted by code unit rather than with localeCompare, whose first call in a process loads ICU's
  // collator (about 9 ms of a cold build, measured). The order is the same for these paths: lowercase
  // letters, digits, '-', '.' and '/' wherever two of them first differ (the name prefix, which may
  // have capitals, is shared by every policy file).
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), policies: plan.scp.policies };
}

/** Every file of the package for a validated config: {@link renderPackage} of its {@link createPlan}. */
export function generatePackage(config: RootGuardConfig, options: GenerateOptions = {}): PackageFiles {
  return renderPackage(createPlan(config, options.ouResolution), options).files;
}
