import { type IntegrationState, LANDING_ZONE_VERSION, type RecordedLandingZone } from '../../config/landing-zone-record';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import type { ControlTowerApi } from './control-tower-api';

/**
 * Reads the landing zone for `root-guard resolve`: ListLandingZones for its ARN, then GetLandingZone
 * for its version, status, drift status and manifest. Never throws: the landing zone is informational
 * (the build does not use it), so a failure is recorded as `not read: <reason>` and resolve goes on.
 */

/** The Control Tower calls, as IAM and messages name them. */
export const CONTROL_TOWER_API = {
  listLandingZones: 'controltower:ListLandingZones',
  getLandingZone: 'controltower:GetLandingZone',
} as const;

/** What was found: the version (or why there is none) and, when read, the landing zone. */
export interface LandingZoneReading {
  /** `3.3`; `none: …` when there is no landing zone; `not read: …` when a call failed. */
  readonly landingZoneVersion: string;
  readonly landingZone?: RecordedLandingZone;
}

/** The fields of GetLandingZone's `landingZone` (LandingZoneDetail) this reads. */
interface LandingZoneDetail {
  readonly arn?: unknown;
  readonly version?: unknown;
  readonly latestAvailableVersion?: unknown;
  readonly status?: unknown;
  readonly driftStatus?: { readonly status?: unknown };
  readonly manifest?: unknown;
}

/** Reads the landing zone in the API's Region (the home region). */
export async function readLandingZone(api: ControlTowerApi, region: string): Promise<LandingZoneReading> {
  let arn: string | undefined;
  try {
    // maxResults "Valid Range: Fixed value of 1": there is at most one landing zone (ListLandingZones reference).
    const listed = await api.call('ListLandingZones', { maxResults: 1 }) as { landingZones?: { arn?: unknown }[] };
    const first = listed.landingZones?.[0]?.arn;
    arn = typeof first === 'string' && first !== '' ? first : undefined;
  } catch (err) {
    return { landingZoneVersion: notRead(CONTROL_TOWER_API.listLandingZones, err) };
  }
  if (!arn) {
    // ListLandingZones "also creates an ARN for existing accounts that do not yet have a landing zone
    // ARN" (its API reference), so an empty list means no landing zone is set up in this Region.
    return { landingZoneVersion: `none: ${CONTROL_TOWER_API.listLandingZones} lists no landing zone in ${region} (Control Tower is not set up, or its home Region is another one)` };
  }
  let detail: LandingZoneDetail;
  try {
    const got = await api.call('GetLandingZone', { landingZoneIdentifier: arn }) as { landingZone?: LandingZoneDetail };
    detail = got.landingZone ?? {};
  } catch (err) {
    return { landingZoneVersion: notRead(`${CONTROL_TOWER_API.getLandingZone} on ${arn}`, err) };
  }
  const version = typeof detail.version === 'string' ? detail.version : undefined;
  if (!version || !LANDING_ZONE_VERSION.test(version)) {
    return { landingZoneVersion: `not read: ${CONTROL_TOWER_API.getLandingZone} on ${arn} returned no version in the form 3.3 (${JSON.stringify(detail.version ?? null).slice(0, 40)})` };
  }
  const text = (value: unknown, pattern: RegExp) => (typeof value === 'string' && pattern.test(value) ? value : undefined);
  const latest = text(detail.latestAvailableVersion, LANDING_ZONE_VERSION);
  const status = text(detail.status, /^[A-Z][A-Z_]{0,39}$/);
  const drift = text(detail.driftStatus?.status, /^[A-Z][A-Z_]{0,39}$/);
  return {
    landingZoneVersion: version,
    landingZone: {
      arn: typeof detail.arn === 'string' && detail.arn !== '' ? detail.arn : arn,
      ...(latest ? { latestAvailableVersion: latest } : {}),
      ...(status ? { status } : {}),
      ...(drift ? { driftStatus: drift } : {}),
      integrations: integrationsOf(version, detail.manifest),
    },
  };
}

/**
 * The AWS Config and centralized-logging integrations a landing zone's manifest states.
 *
 * From 4.0 the manifest has `config.enabled` and `centralizedLogging.enabled`, "All enabled flags are
 * required in the manifest", and the manifest itself is optional: a landing zone "without any service
 * integrations" has none (https://docs.aws.amazon.com/controltower/latest/userguide/lz-api-launch.html,
 * https://docs.aws.amazon.com/controltower/latest/userguide/key-changes-lz-v4.html, read 2026-12-05), so
 * a missing section or flag reads as disabled. Before 4.0 "AWS Config and SecurityRoles were always
 * enabled implicitly" (key-changes-lz-v4), and `centralizedLogging.enabled` was an optional flag
 * (https://docs.aws.amazon.com/controltower/latest/userguide/lz-manifest-file.html) whose absence this
 * does not interpret.
 */
export function integrationsOf(version: string, manifest: unknown): { config: IntegrationState; centralizedLogging: IntegrationState } {
  const fromFour = Number(version.split('.')[0]) >= 4;
  const flag = (section: string): boolean | undefined => {
    if (!manifest || typeof manifest !== 'object') return undefined;
    const value = (manifest as Record<string, unknown>)[section];
    if (!value || typeof value !== 'object') return undefined;
    const enabled = (value as Record<string, unknown>).enabled;
    return typeof enabled === 'boolean' ? enabled : undefined;
  };
  const state = (section: string): IntegrationState => {
    const enabled = flag(section);
    if (enabled !== undefined) return enabled ? 'enabled' : 'disabled';
    return fromFour ? 'disabled' : 'not stated in the manifest';
  };
  return {
    config: fromFour ? state('config') : 'enabled (before 4.0 always)',
    centralizedLogging: state('centralizedLogging'),
  };
}

/** `not read: <call> failed: <reason>`, the reason in the words every operating command uses. */
function notRead(call: string, err: unknown): string {
  const info = describeAwsError(err);
  if (info.code === 'TimeoutError') return `not read: ${call}: ${unreadReason(info)}`;
  return `not read: ${call} failed: ${unreadReason(info)}`;
}
