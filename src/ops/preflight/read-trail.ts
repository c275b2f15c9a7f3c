import type { RecordedLandingZone } from '../../config/landing-zone-record';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { RecordedOrganizationTrail } from '../../config/organization-trail-record';
import { loadOuResolution, type OuResolution } from '../../config/ou-resolution';
import type { RootGuardConfig } from '../../config/schema';
import { type OperatingLogGroup, operatingLogGroup } from '../../plan/organization-trail';
import { findDeliveringTrail, readTrailStatus, recordOf, type TrailStatus } from '../organization-trail/discover-trail';
import { type Attempt, PREFLIGHT_API as API, type Read } from './finding';

/** The organization-trail facts of preflight: the package's log group, and the trail as it is now. */

/**
 * root-guard.ous.yaml beside the config, read once for the facts below, without throwing: a broken
 * record is reported by the ou-resolution rule.
 */
export function readRecordQuietly(configFile: string): OuResolution | undefined {
  try {
    return loadOuResolution(configFile);
  } catch {
    return undefined;
  }
}

/**
 * The plan's log group and where its name came from (config > record > default); a record of no
 * delivery is reported by organization-trail.
 */
export function plannedLogGroup(config: RootGuardConfig, record: OuResolution | undefined): OperatingLogGroup {
  return operatingLogGroup(config, config.organizationTrail?.logGroupName ? undefined : record);
}

/** The landing zone `root-guard resolve` recorded (version and its AWS Config integration), if any. */
export function recordedLandingZone(record: OuResolution | undefined): RecordedLandingZoneFacts | undefined {
  const trail = record?.organizationTrail;
  if (!trail?.landingZone || !trail.landingZoneVersion) return undefined;
  const lz = trail.landingZone;
  return {
    version: trail.landingZoneVersion,
    config: lz.integrations.config,
    arn: lz.arn,
    ...(lz.baselineConfigStackSet ? { baselineConfigStackSet: lz.baselineConfigStackSet } : {}),
    ...(lz.enabledBaselines ? { enabledBaselines: lz.enabledBaselines } : {}),
    ...(record?.targets['rootChecks.organizationalUnits']?.from.includes('Root') ? { rootSpelledOut: true } : {}),
  };
}

/** What the record says about the landing zone, as the config-recording and baseline-stack-set rules use it. */
export interface RecordedLandingZoneFacts {
  readonly version: string;
  /** The AWS Config integration: `enabled`, `disabled`, … (src/config/landing-zone-record.ts). */
  readonly config: string;
  readonly arn?: string;
  /** CfCT's enrolment stack set as resolve found it (a name, or `absent`). */
  readonly baselineConfigStackSet?: string;
  readonly enabledBaselines?: RecordedLandingZone['enabledBaselines'];
  /** The record spells a `Root` target out as OUs (resolve found no enrolment stack set). */
  readonly rootSpelledOut?: boolean;
}

/** The trail as preflight reads it: the record, and what GetTrailStatus says of its last delivery to CloudWatch Logs. */
export type PreflightTrail = RecordedOrganizationTrail & { readonly delivery?: Omit<TrailStatus, 'isLogging'> };

/** The trail delivering to CloudWatch Logs in the home region as a record (no trailArn: none), or why it could not be read. */
export async function readTrail(cloudtrail: CloudTrailClient, target: string, region: string, attempt: Attempt): Promise<Read<PreflightTrail>> {
  const found = await attempt(target, API.describeTrails, () => findDeliveringTrail(cloudtrail, region));
  if (!found.ok) return found;
  if (!found.value?.TrailARN) return { ok: true, value: recordOf({}, undefined) };
  const arn = found.value.TrailARN;
  const status = await attempt(`trail ${arn}`, API.getTrailStatus, () => readTrailStatus(cloudtrail, arn));
  if (!status.ok) return status;
  const { isLogging, ...delivery } = status.value;
  return { ok: true, value: { ...recordOf(found.value, isLogging), delivery } };
}
