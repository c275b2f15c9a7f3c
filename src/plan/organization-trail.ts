import type { OuResolution } from '../config/ou-resolution';
import type { RootGuardConfig } from '../config/schema';
import { UserError } from '../errors';
import { CONTROL_TOWER_LOG_GROUP } from './names';

/** Where the plan's log group name came from (docs/organization-trail.md, "Which log group"). */
export type LogGroupSource = 'config' | 'resolution' | 'default';

/** The log group every metric filter, the execution role and the operating commands use. */
export interface PlannedOrganizationTrail {
  /** The organization trail's CloudWatch Logs log group in the management account, home region. */
  readonly logGroupName: string;
  readonly source: LogGroupSource;
  /** One line for `build` to print when the name is the default, which landing zones from 4.0 on do not use. */
  readonly notice?: string;
}

/** Printed once by `build` when neither the config nor a record names the log group. */
export const DEFAULT_LOG_GROUP_NOTICE = `note: metric filters go on ${CONTROL_TOWER_LOG_GROUP}, the log group of landing zones before 4.0; `
  + 'landing zones from 4.0 on add a suffix to it: run `root-guard resolve` (or set organizationTrail.logGroupName) and build again (docs/organization-trail.md)';

/**
 * The one log group name of the plan. Precedence: the config's `organizationTrail.logGroupName`,
 * then the trail `root-guard resolve` recorded in root-guard.ous.yaml, then Control Tower's name
 * before landing zone 4.0. Throws a {@link UserError} when the record says no trail delivers to
 * CloudWatch Logs and the config names no log group: a metric filter would have no events.
 */
export function plannedOrganizationTrail(config: RootGuardConfig, resolution?: OuResolution): PlannedOrganizationTrail {
  const configured = config.organizationTrail?.logGroupName;
  if (configured) return { logGroupName: configured, source: 'config' };
  const recorded = resolution?.organizationTrail;
  if (recorded) {
    if (recorded.logGroupName) return { logGroupName: recorded.logGroupName, source: 'resolution' };
    throw new UserError(`${resolution.organizationTrailPosition ?? `${resolution.file}:1:1`}: organizationTrail.logGroupName: no trail delivers to CloudWatch Logs in ${config.homeRegion}, so the metric filters would see no events `
      + '(turn on the CloudTrail integration of the landing zone, or send your organization trail to CloudWatch Logs, then run `root-guard resolve` again; or set organizationTrail.logGroupName in the config)');
  }
  return { logGroupName: CONTROL_TOWER_LOG_GROUP, source: 'default', notice: DEFAULT_LOG_GROUP_NOTICE };
}

/** The log group the operating commands read, and where its name came from. */
export interface OperatingLogGroup {
  readonly logGroupName: string;
  readonly source: LogGroupSource;
}

/**
 * The log group the operating commands (audit, preflight, investigate, backtest, hunt) read, with
 * the build's precedence; never throws: with a record of no CloudWatch Logs delivery it is the
 * default name, and preflight's and audit's organization-trail lines say what is missing.
 */
export function operatingLogGroup(config: RootGuardConfig, resolution?: OuResolution): OperatingLogGroup {
  const configured = config.organizationTrail?.logGroupName;
  if (configured) return { logGroupName: configured, source: 'config' };
  const recorded = resolution?.organizationTrail?.logGroupName;
  if (recorded) return { logGroupName: recorded, source: 'resolution' };
  return { logGroupName: CONTROL_TOWER_LOG_GROUP, source: 'default' };
}

/** {@link operatingLogGroup}'s name alone. */
export function organizationTrailLogGroupName(config: RootGuardConfig, resolution?: OuResolution): string {
  return operatingLogGroup(config, resolution).logGroupName;
}

/** Where the package's log group name came from, as messages say it. */
export const LOG_GROUP_SOURCE_WORDS: Readonly<Record<LogGroupSource, string>> = {
  config: 'organizationTrail.logGroupName',
  resolution: 'recorded by root-guard resolve',
  default: 'the default name before landing zone 4.0',
};

/**
 * The fix when the package was built for a log group (named by `source`) other than `current`, the
 * one the trail delivers to now: it depends on where the package's name came from. `recordFile` is
 * root-guard.ous.yaml beside the config. Publishing (or pushing, for a git source) starts CfCT's
 * pipeline, which redeploys the filters.
 */
export function logGroupMismatchFix(source: LogGroupSource, current: string, recordFile: string): string {
  return {
    config: `set organizationTrail.logGroupName to ${current} in the config (or remove it and run \`root-guard resolve\`), then build and publish`,
    resolution: `run \`root-guard resolve\` again, then build, commit ${recordFile} and the package, and publish`,
    default: 'run `root-guard resolve` (landing zones from 4.0 on add a suffix to the name), then build, commit and publish',
  }[source];
}
