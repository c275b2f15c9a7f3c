import type { EventPattern } from './root-event-pattern';

/**
 * The fast-path drill event `root-guard test-alert` puts on the central bus, and the pattern of the
 * one rule that formats it. Shared by the package (the rule, src/constructs/security-event-bus.ts)
 * and the operating command (the PutEvents call, src/ops/test-alert/fast-path-drill.ts), which must agree.
 *
 * A drill cannot travel through the formatting rules themselves: they match `aws.signin` and
 * CloudTrail events, and a customer cannot put an event whose `source` starts with `aws.`
 * ("Customer-generated events can have any value here, as long as it doesn't begin with aws.",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html).
 * So the drill has a source of its own, which no AWS service event can carry.
 */

/** `Source` of the drill event (reverse-domain style without `aws.`). */
export const DRILL_EVENT_SOURCE = 'root-guard.test-alert';

/** `DetailType` of the drill event. */
export const DRILL_DETAIL_TYPE = 'root-guard test alert';

/** The test rule's pattern: the drill event and nothing else (no CloudTrail event has this source). */
export const DRILL_EVENT_PATTERN: EventPattern = {
  source: [DRILL_EVENT_SOURCE],
  'detail-type': [DRILL_DETAIL_TYPE],
};

/** The drill event's `Detail`: what the test message prints, so the security team can tell drills apart. */
export interface DrillDetail {
  /** Unique per run; the message and the command's output both show it. */
  readonly drillId: string;
  /** ARN of the principal that ran the drill (sts:GetCallerIdentity). */
  readonly caller: string;
  /** When the drill started, ISO 8601 UTC. */
  readonly time: string;
}

/** The first words of the drill message: anyone who reads only the subject line knows it is a test. */
export const DRILL_MESSAGE_PREFIX = 'TEST — root-guard fast-path drill, no action needed';
