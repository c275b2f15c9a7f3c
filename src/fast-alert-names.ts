/**
 * Names of the fast-alert and CIS resources, derived from `namePrefix` like src/naming.ts (kept apart
 * so the feature's names are in one place; every name carries the prefix, RULES.md R7).
 */
export interface FastAlertNames {
  /** CfCT resource (stack set) with the central bus, in the security account. */
  readonly eventBusStackSet: string;
  /** CfCT resource (stack set) with the forwarding rule, in every covered account and Region. */
  readonly forwarderStackSet: string;
  /** The central event bus. */
  readonly eventBus: string;
  /** The forwarding rule on each account's default bus. */
  readonly forwarderRule: string;
  /** Prefix of the forwarder roles (`<prefix>-<region>`: IAM is global, the stack is per Region). */
  readonly forwarderRolePrefix: string;
  /** Prefix of the formatting rules on the central bus. */
  readonly formattingRulePrefix: string;
}

/** Names for a given prefix. */
export function fastAlertNames(prefix: string): FastAlertNames {
  return {
    eventBusStackSet: `${prefix}-root-event-bus`,
    forwarderStackSet: `${prefix}-root-event-forwarder`,
    eventBus: `${prefix}-root-activity`,
    forwarderRule: `${prefix}-root-activity-forwarder`,
    forwarderRolePrefix: `${prefix}-root-event-forwarder`,
    formattingRulePrefix: `${prefix}-root-alert`,
  };
}
