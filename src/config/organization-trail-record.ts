import * as z from 'zod/mini';
import { showValue } from '../errors';
import { LANDING_ZONE_VERSION, type RecordedLandingZone, recordedLandingZoneSchema } from './landing-zone-record';
import { logGroupName } from './schema';

/**
 * The organization trail as `root-guard resolve` found it, recorded under `organizationTrail:` in
 * root-guard.ous.yaml next to the OU expansion (one generated file, reviewed and committed like it;
 * docs/organization-trail.md). The build reads the log group name from it and never calls AWS.
 */

/**
 * A trail ARN: `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`; trail names are 3-128
 * letters, digits, `.`, `_` and `-` (CreateTrail, https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html).
 */
const TRAIL_ARN = /^arn:aws(?:-[a-z]+)*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]{3,128}$/;

/**
 * A trail's `CloudWatchLogsLogGroupArn`: `arn:<partition>:logs:<region>:<account>:log-group:<name>:*`
 * (the trailing `:*` is how CloudTrail writes it; https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html).
 */
const LOG_GROUP_ARN = /^arn:aws(?:-[a-z]+)*:logs:[a-z0-9-]+:\d{12}:log-group:([^:]+)(?::\*)?$/;

/** The log group name inside a `CloudWatchLogsLogGroupArn`, or undefined when it is not one. */
export function logGroupNameOfArn(arn: string): string | undefined {
  return LOG_GROUP_ARN.exec(arn)?.[1];
}

/** Whether `arn` is a CloudTrail trail ARN. */
export function isTrailArn(arn: string): boolean {
  return TRAIL_ARN.test(arn);
}

/** The recorded organization trail. Absent trail fields mean no trail delivers to CloudWatch Logs in the home region. */
export interface RecordedOrganizationTrail {
  /** The trail that delivers to CloudWatch Logs (absent: none does). */
  readonly trailArn?: string;
  readonly isOrganizationTrail?: boolean;
  readonly isMultiRegionTrail?: boolean;
  readonly isLogging?: boolean;
  /** `CloudWatchLogsLogGroupArn`, verbatim. */
  readonly logGroupArn?: string;
  /** The log group name parsed from `logGroupArn`: what the build puts every metric filter on. */
  readonly logGroupName?: string;
  /**
   * The landing zone version (`3.3`), `none: …` when ListLandingZones lists no landing zone, or
   * `not read: <reason>` (src/ops/control-tower/read-landing-zone.ts). Absent in a trail read live by
   * preflight or audit, which do not ask Control Tower.
   */
  readonly landingZoneVersion?: string;
  /** The landing zone GetLandingZone described, when it was read. */
  readonly landingZone?: RecordedLandingZone;
}

const REGENERATE = '(run `root-guard resolve` again instead of editing the file)';

export const recordedOrganizationTrailSchema = z.strictObject({
  trailArn: z.optional(z.string({ error: 'must be a trail ARN' }).check(z.superRefine((value, ctx) => {
    if (!TRAIL_ARN.test(value)) ctx.addIssue({ code: 'custom', message: `${showValue(value.slice(0, 120))} is not a trail ARN (arn:aws:cloudtrail:<region>:<account-id>:trail/<name>) ${REGENERATE}` });
  }))),
  isOrganizationTrail: z.optional(z.boolean({ error: 'must be true or false' })),
  isMultiRegionTrail: z.optional(z.boolean({ error: 'must be true or false' })),
  isLogging: z.optional(z.boolean({ error: 'must be true or false' })),
  logGroupArn: z.optional(z.string({ error: 'must be a log group ARN' }).check(z.superRefine((value, ctx) => {
    if (!LOG_GROUP_ARN.test(value)) ctx.addIssue({ code: 'custom', message: `${showValue(value.slice(0, 120))} is not a log group ARN (arn:aws:logs:<region>:<account-id>:log-group:<name>:*) ${REGENERATE}` });
  }))),
  logGroupName: z.optional(logGroupName),
  landingZoneVersion: z.optional(z.string({ error: 'must be the landing zone version or why it was not read' })),
  landingZone: z.optional(recordedLandingZoneSchema),
}, { error: 'must be a mapping with trailArn, isOrganizationTrail, isMultiRegionTrail, isLogging, logGroupArn, logGroupName, landingZoneVersion, landingZone' }).check(z.superRefine((value, ctx) => {
  const fromArn = value.logGroupArn ? logGroupNameOfArn(value.logGroupArn) : undefined;
  if (value.logGroupName !== undefined && fromArn !== undefined && fromArn !== value.logGroupName) {
    ctx.addIssue({ code: 'custom', path: ['logGroupName'], message: `${showValue(value.logGroupName)} is not the log group of logGroupArn (${showValue(fromArn)}) ${REGENERATE}` });
  }
  if ((value.logGroupArn === undefined) !== (value.logGroupName === undefined)) {
    ctx.addIssue({ code: 'custom', path: [value.logGroupArn === undefined ? 'logGroupArn' : 'logGroupName'], message: `is missing: logGroupArn and logGroupName come together ${REGENERATE}` });
  }
  if (value.landingZone !== undefined && value.landingZoneVersion !== undefined && !LANDING_ZONE_VERSION.test(value.landingZoneVersion)) {
    ctx.addIssue({ code: 'custom', path: ['landingZoneVersion'], message: `${showValue(value.landingZoneVersion.slice(0, 60))} is not a landing zone version such as "3.3", yet landingZone is recorded ${REGENERATE}` });
  }
  if (value.logGroupArn !== undefined && value.trailArn === undefined) {
    ctx.addIssue({ code: 'custom', path: ['trailArn'], message: `is missing: a log group is recorded without the trail that delivers to it ${REGENERATE}` });
  }
}));
