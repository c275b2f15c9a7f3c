/**
 * The sentinel's canary (docs/tamper-alerts.md, "The sentinel"): every verification calls
 * `cloudtrail:GetTrailStatus` on the organization trail with the read-only role in the management
 * account, and this filter on the trail's log group counts that call. The alarm on its metric fires
 * when the count stops, which proves trail -> log group -> filter -> metric -> alarm end to end.
 *
 * Why this call (docs/reference/detection.md#read-events-on-the-trail):
 * - It is a management event, and a read-only one (`readOnly: true`). The organization trail records
 *   it only if the trail logs read events: trails created without event selectors log "all read and
 *   write management events" (EventSelector, https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html,
 *   read 2026-12-08), Control Tower sets no other selector on its trail ("logs all events for the
 *   management account and all member accounts", https://docs.aws.amazon.com/controltower/latest/userguide/about-logging.html,
 *   read 2026-12-08), and CIS 4.3 / Security Hub CloudWatch.1 require ReadWriteType All on the trail
 *   anyway (docs/reference/detection.md#cis-43). A trail switched to write-only stops the canary, which
 *   is an alert, not a silence.
 * - The verifier needs the trail's status anyway (IsLogging, last delivery time and error): the
 *   canary costs no extra call.
 * - It matches no other root-guard filter: the root filter needs `userIdentity.type = Root`, every CIS
 *   filter but 4.1 names write calls, 4.1 needs an `AccessDenied*` or `*UnauthorizedOperation` error
 *   code, and the tamper filters name write calls (test/detection/sentinel-canary.test.ts runs them
 *   all over the canary's record). The CIS patterns stay Security Hub's strings byte for byte
 *   (CloudWatch.2-14 fail on any added term), so a canary call that is *denied* does count in CIS 4.1:
 *   an unauthorized call by the sentinel's role is one, and the sentinel reports the failed read too.
 *
 * The filter names the role's ARN as CloudTrail records an assumed role's issuer
 * (`userIdentity.sessionContext.sessionIssuer.arn`, https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html):
 * only sessions of that role count, and only the verifier's role may assume it.
 */
export const SENTINEL_CANARY_EVENT = { eventSource: 'cloudtrail.amazonaws.com', eventName: 'GetTrailStatus' } as const;

/** The canary filter for the read-only role `readerRoleArn` (`arn:<partition>:iam::<management>:role/<name>`). */
export function sentinelCanaryPattern(readerRoleArn: string): string {
  if (/["\\]/.test(readerRoleArn)) throw new Error(`sentinelCanaryPattern: ${readerRoleArn} must not contain quotes or backslashes`);
  return `{ ($.eventSource = "${SENTINEL_CANARY_EVENT.eventSource}") && ($.eventName = "${SENTINEL_CANARY_EVENT.eventName}") && ($.userIdentity.sessionContext.sessionIssuer.arn = "${readerRoleArn}") }`;
}
