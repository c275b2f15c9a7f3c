/**
 * Wraps a CloudTrail record as the event EventBridge delivers for it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html): the record
 * is `detail`, `detail-type` follows `eventType`, `source` is `aws.<service>`, `account` and `region`
 * are where the event happened.
 */

const DETAIL_TYPES: Record<string, string> = {
  AwsApiCall: 'AWS API Call via CloudTrail',
  AwsConsoleSignIn: 'AWS Console Signin via CloudTrail',
  AwsConsoleAction: 'AWS Console Action via CloudTrail',
  AwsServiceEvent: 'AWS Service Event via CloudTrail',
};

/** The EventBridge envelope around one CloudTrail record. */
export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}

/**
 * The EventBridge event for `record`. Records without `eventType` (some AWS documentation samples
 * leave it out) are API calls: they are delivered as `AWS API Call via CloudTrail`.
 */
export function toEventBridgeEvent(record: Record<string, unknown>): EventBridgeEvent {
  const eventType = typeof record.eventType === 'string' ? record.eventType : 'AwsApiCall';
  const detailType = DETAIL_TYPES[eventType];
  if (!detailType) throw new Error(`no EventBridge detail-type for eventType ${eventType}`);
  const eventSource = String(record.eventSource ?? '');
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  return {
    version: '0',
    id: String(record.eventID ?? '00000000-0000-0000-0000-000000000000'),
    'detail-type': detailType,
    source: `aws.${eventSource.replace(/\.amazonaws\.com$/, '')}`,
    account: String(record.recipientAccountId ?? identity.accountId ?? ''),
    time: String(record.eventTime ?? ''),
    region: String(record.awsRegion ?? ''),
    resources: [],
    detail: record,
  };
}
