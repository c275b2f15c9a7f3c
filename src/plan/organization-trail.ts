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

/**
 * The log group the operating commands (audit, preflight, investigate, backtest, hunt) read, with
 * the build's precedence; never throws: with a record of no CloudWatch Logs delivery it is the
 * default name, and preflight's organization-trail lines say what is missing.
 */
export function organizationTrailLogGroupName(config: RootGuardConfig, resolution?: OuResolution): string {
  return config.organizationTrail?.logGroupName ?? resolution?.organizationTrail?.logGroupName ?? CONTROL_TOWER_LOG_GROUP;
}
