import type { RootGuardConfig } from '../config/schema';

/** The security account: where the topic is (created there, or the existing topic's account). */
export function securityAccountId(config: RootGuardConfig): string {
  if (config.securityTopic.accountId) return config.securityTopic.accountId;
  // arn:<partition>:sns:<region>:<account>:<name>: the schema has checked the shape.
  const fromArn = config.securityTopic.arn?.split(':')[4];
  if (!fromArn) throw new Error('internal error: the config names no security account');
  return fromArn;
}

/**
 * Names printed in alerts: the two accounts the config knows by role, then the user's
 * `fastAlerts.accountNames` (which win).
 */
export function alertAccountNames(config: RootGuardConfig): Record<string, string> {
  return {
    [config.managementAccountId]: 'management account',
    [securityAccountId(config)]: 'security account',
    ...(config.fastAlerts?.accountNames ?? {}),
  };
}
