/**
 * What the backtest reads from a CloudTrail record, by the field names of the CloudTrail record
 * contents reference (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
 */

/** A parsed record: a JSON object. */
export type CloudTrailRecord = Record<string, unknown>;

/** The fields a person reads first when triaging a match. */
export interface RecordSummary {
  /** `eventTime` as written (ISO 8601, UTC), or "" when absent. */
  readonly time: string;
  /** `recipientAccountId` (the account the event happened in), else `userIdentity.accountId`, else "unknown". */
  readonly account: string;
  readonly region: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  /** `userIdentity.type` and `userIdentity.arn`, e.g. "Root arn:aws:iam::111111111111:root". */
  readonly identity: string;
  /** `errorCode`/`errorMessage` when the call failed, else "". */
  readonly error: string;
  /** Whether MFA was used: "yes", "no", or "" when the record does not say (see {@link mfaOf}). */
  readonly mfa: string;
  /** `userIdentity.accessKeyId` with its kind, e.g. "AKIAEXAMPLE (long-term key)", or "". */
  readonly accessKey: string;
  /**
   * "yes" when `userIdentity.sessionContext.assumedRoot` is "true": the record belongs to an
   * sts:AssumeRoot session (docs/reference/detection.md#assumeroot), else "".
   */
  readonly assumedRoot: string;
}

/**
 * Whether a parsed value looks like a CloudTrail record: an object with a string `eventName` and
 * `eventSource` (every management, data, Insights and sign-in event has both). Used to reject files
 * that are valid JSON but not CloudTrail (a digest file, a config file, an export of something else).
 */
export function isCloudTrailRecord(value: unknown): value is CloudTrailRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as CloudTrailRecord;
  return typeof record.eventName === 'string' && typeof record.eventSource === 'string';
}

/** The account a record is grouped under. */
export function accountOf(record: CloudTrailRecord): string {
  if (typeof record.recipientAccountId === 'string' && record.recipientAccountId !== '') return record.recipientAccountId;
  const identity = record.userIdentity as Record<string, unknown> | undefined;
  if (identity && typeof identity.accountId === 'string' && identity.accountId !== '') return identity.accountId;
  return 'unknown';
}

/** The UTC day (YYYY-MM-DD) of `eventTime`, or "unknown". */
export function dayOf(record: CloudTrailRecord): string {
  const time = record.eventTime;
  return typeof time === 'string' && /^\d{4}-\d{2}-\d{2}/.test(time) ? time.slice(0, 10) : 'unknown';
}

/** `eventTime` in epoch milliseconds, or undefined when absent or unparseable. */
export function timeOf(record: CloudTrailRecord): number | undefined {
  const time = record.eventTime;
  if (typeof time !== 'string') return undefined;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : ms;
}

export function summarizeRecord(record: CloudTrailRecord): RecordSummary {
  const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  const error = [text(record.errorCode), text(record.errorMessage)].filter(Boolean).join(': ');
  return {
    time: text(record.eventTime),
    account: accountOf(record),
    region: text(record.awsRegion),
    eventSource: text(record.eventSource),
    eventName: text(record.eventName),
    sourceIPAddress: text(record.sourceIPAddress),
    userAgent: text(record.userAgent),
    identity: [text(identity.type), text(identity.arn)].filter(Boolean).join(' '),
    error,
    mfa: mfaOf(record),
    accessKey: accessKeyOf(text(identity.accessKeyId)),
    assumedRoot: assumedRootOf(record) ? 'yes' : '',
  };
}

/** Whether the record carries `userIdentity.sessionContext.assumedRoot` "true" (docs/reference/detection.md#assumeroot). */
export function assumedRootOf(record: CloudTrailRecord): boolean {
  const identity = record.userIdentity as { sessionContext?: { assumedRoot?: unknown } } | undefined;
  const value = identity?.sessionContext?.assumedRoot;
  return value === 'true' || value === true;
}

/**
 * MFA as CloudTrail records it: a console sign-in says `additionalEventData.MFAUsed` ("Yes"/"No",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html);
 * other calls made with session credentials say `userIdentity.sessionContext.attributes.mfaAuthenticated`
 * ("true"/"false", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
 */
export function mfaOf(record: CloudTrailRecord): string {
  const extra = record.additionalEventData as Record<string, unknown> | undefined;
  const used = extra && typeof extra === 'object' ? extra.MFAUsed : undefined;
  if (typeof used === 'string') return used.toLowerCase() === 'yes' ? 'yes' : 'no';
  const identity = record.userIdentity as { sessionContext?: { attributes?: { mfaAuthenticated?: unknown } } } | undefined;
  const authenticated = identity?.sessionContext?.attributes?.mfaAuthenticated;
  if (authenticated === 'true' || authenticated === true) return 'yes';
  if (authenticated === 'false' || authenticated === false) return 'no';
  return '';
}

/**
 * An access key id with its kind: AKIA is a long-term access key, ASIA a temporary one from STS
 * ("Understanding unique ID prefixes", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 */
export function accessKeyOf(keyId: string): string {
  if (keyId.startsWith('AKIA')) return `${keyId} (long-term key)`;
  if (keyId.startsWith('ASIA')) return `${keyId} (temporary credentials)`;
  return keyId;
}
