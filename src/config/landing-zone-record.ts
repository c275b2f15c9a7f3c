import * as z from 'zod/mini';
import { showValue } from '../errors';

/**
 * The Control Tower landing zone as `root-guard resolve` read it (controltower:ListLandingZones,
 * controltower:GetLandingZone, ListEnabledBaselines; cloudformation:ListStackSets), recorded under
 * `organizationTrail.landingZone` in root-guard.ous.yaml (docs/organization-trail.md). The build reads
 * only `baselineConfigStackSet` (a landing zone without CfCT's enrolment stack set gets no `Root`
 * target); preflight words its AWS Config and CfCT findings with the rest.
 *
 * LandingZoneDetail (fields, patterns, status values):
 * https://docs.aws.amazon.com/controltower/latest/APIReference/API_LandingZoneDetail.html (read 2026-12-05).
 */

/** A landing zone version: `\d+.\d+` (LandingZoneDetail.version, 3 to 10 characters). */
export const LANDING_ZONE_VERSION = /^\d+\.\d+$/;

/** A landing zone ARN: LandingZoneDetail.arn's pattern is `arn:aws[0-9a-zA-Z_\-:\/]+`, 20 to 2048 characters. */
const LANDING_ZONE_ARN = /^arn:aws[0-9a-zA-Z_\-:/]+$/;

/**
 * What the record says of one integration. `enabled`/`disabled`: the manifest's `enabled` flag (landing
 * zone 4.0: every `enabled` flag is required in the manifest, and a section left out means the
 * integration is not set up; https://docs.aws.amazon.com/controltower/latest/userguide/lz-api-launch.html).
 * `enabled (before 4.0 always)`: AWS Config before 4.0, which "was always enabled implicitly"
 * (https://docs.aws.amazon.com/controltower/latest/userguide/key-changes-lz-v4.html). `not stated in
 * the manifest`: a landing zone before 4.0 whose manifest has no `enabled` flag for it.
 */
export const INTEGRATION_STATES = ['enabled', 'disabled', 'enabled (before 4.0 always)', 'not stated in the manifest'] as const;
export type IntegrationState = (typeof INTEGRATION_STATES)[number];

/** The integrations root-guard's checks depend on. */
export interface RecordedIntegrations {
  /** AWS Config: the root checks are Config rules, which need a recorder in every target account. */
  readonly config: IntegrationState;
  /** Centralized logging: Control Tower's organization trail (the alarm's source). */
  readonly centralizedLogging: IntegrationState;
}

/** One baseline enabled on an OU, as ListEnabledBaselines returned it (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set). */
export interface RecordedEnabledBaseline {
  /** The baseline's name from ListBaselines (`AWSControlTowerBaseline`, `ConfigBaseline` …), else its identifier. */
  readonly baseline: string;
  /** The target OU's CfCT path when the OU tree was read, else the target's ARN. */
  readonly ou: string;
  /** statusSummary.status: SUCCEEDED, FAILED or UNDER_CHANGE. */
  readonly status?: string;
}

/** The landing zone, as GetLandingZone returned it (its version is `landingZoneVersion` beside it). */
export interface RecordedLandingZone {
  readonly arn: string;
  readonly latestAvailableVersion?: string;
  /** ACTIVE, PROCESSING or FAILED. */
  readonly status?: string;
  /** driftStatus.status: DRIFTED or IN_SYNC. */
  readonly driftStatus?: string;
  readonly integrations: RecordedIntegrations;
  /**
   * The stack set CfCT reads enrolment from, as cloudformation:ListStackSets found it in the home
   * region: `AWSControlTowerBP-BASELINE-CONFIG`, a `StackSet-AWSControlTowerBP-BASELINE-CONFIG-…`
   * variant, or `absent`. `build` expands `Root` targets when it is `absent`
   * (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set). Absent: not read.
   */
  readonly baselineConfigStackSet?: string;
  /** The baselines enabled on OUs (ListEnabledBaselines), or `not read: <reason>`. */
  readonly enabledBaselines?: readonly RecordedEnabledBaseline[] | string;
}

const integrationState = z.enum(INTEGRATION_STATES, { error: `must be one of ${INTEGRATION_STATES.map((s) => JSON.stringify(s)).join(', ')}` });

const versionField = z.string({ error: 'must be a landing zone version such as "3.3"' }).check(z.superRefine((value, ctx) => {
  if (!LANDING_ZONE_VERSION.test(value)) ctx.addIssue({ code: 'custom', message: `${showValue(value.slice(0, 40))} is not a landing zone version such as "3.3"` });
}));

/**
 * A status word as AWS writes it. Not an enum of today's values: a value AWS adds later must not make
 * a recorded file unreadable for the build.
 */
const statusWord = (what: string) => z.string({ error: `must be ${what}` }).check(z.superRefine((value, ctx) => {
  if (!/^[A-Z][A-Z_]{0,39}$/.test(value)) ctx.addIssue({ code: 'custom', message: `${showValue(value.slice(0, 40))} is not ${what}` });
}));

export const recordedLandingZoneSchema = z.strictObject({
  arn: z.string({ error: 'must be the landing zone ARN' }).check(z.superRefine((value, ctx) => {
    if (!LANDING_ZONE_ARN.test(value) || value.length < 20 || value.length > 2048) {
      ctx.addIssue({ code: 'custom', message: `${showValue(value.slice(0, 120))} is not a landing zone ARN (arn:aws:controltower:<region>:<account-id>:landingzone/<id>)` });
    }
  })),
  latestAvailableVersion: z.optional(versionField),
  status: z.optional(statusWord('a status such as ACTIVE, PROCESSING or FAILED')),
  driftStatus: z.optional(statusWord('a drift status such as DRIFTED or IN_SYNC')),
  integrations: z.strictObject({
    config: integrationState,
    centralizedLogging: integrationState,
  }, { error: 'must be a mapping with config and centralizedLogging' }),
  baselineConfigStackSet: z.optional(z.string({ error: 'must be a stack set name or absent' }).check(z.superRefine((value, ctx) => {
    // A stack set name: a letter, then letters, digits and hyphens, at most 128 (CreateStackSet's StackSetName).
    if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value)) ctx.addIssue({ code: 'custom', message: `${showValue(value.slice(0, 60))} is not a stack set name or absent` });
  }))),
  enabledBaselines: z.optional(z.union([
    z.array(z.strictObject({
      baseline: z.string({ error: 'must be the baseline name' }).check(z.minLength(1)),
      ou: z.string({ error: 'must be the OU path or ARN' }).check(z.minLength(1)),
      status: z.optional(statusWord('a status such as SUCCEEDED')),
    }, { error: 'must be a mapping with baseline, ou, status' })),
    z.string().check(z.superRefine((value, ctx) => {
      if (!value.startsWith('not read: ')) ctx.addIssue({ code: 'custom', message: 'must be the list of enabled baselines, or "not read: <reason>"' });
    })),
  ], { error: 'must be the list of enabled baselines, or "not read: <reason>"' })),
}, { error: 'must be a mapping with arn, latestAvailableVersion, status, driftStatus, integrations, baselineConfigStackSet, enabledBaselines' });

/**
 * Whether CfCT can resolve a `Root` target in this landing zone: for `Root` it lists the instances of
 * its enrolment stack set (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set), so a
 * landing zone recorded without one gets the OUs instead. Not recorded: `Root` stays.
 */
export function rootTargetUnavailable(landingZone: Pick<RecordedLandingZone, 'baselineConfigStackSet'> | undefined): boolean {
  return landingZone?.baselineConfigStackSet === 'absent';
}
