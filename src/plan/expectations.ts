import type { RootGuardConfig } from '../config/schema';
import { securityAccountId } from './accounts';
import { CFCT_STACK_SET_PREFIX, resourceNames } from './names';

/** The fast-alert stack sets a config with `fastAlerts` deploys. */
export interface FastAlertExpectations {
  /** The central bus, in the security account, home region (full CfCT name). */
  readonly eventBusStackSet: string;
  /**
   * The stack set carrying the forwarder, in every root-check account and the management account, in every
   * Region below (full CfCT name): the member stack set itself, `rootChecksStackSet` (one stack set for the
   * root checks and the forwarder, src/plan/stack-sets.ts).
   */
  readonly forwarderStackSet: string;
  /** `fastAlerts.regions`. */
  readonly regions: readonly string[];
  /** The account of the bus: the security topic's. */
  readonly securityAccountId: string;
}

/** A Config rule `audit` reads results of, and what NON_COMPLIANT means for it. */
export interface ExpectedRule {
  readonly name: string;
  readonly failing: string;
}

/** What `audit` expects to find: the stack sets (full CfCT names) and Config rules the config deploys. */
export interface Expectations {
  /** Absent when the config names an existing topic (the package creates none). */
  readonly topicStackSet?: string;
  readonly alarmStackSet: string;
  readonly rootChecksStackSet: string;
  /** The tamper alerts (docs/tamper-alerts.md), in the management account, home region; absent when `tamperAlerts: false`. */
  readonly tamperStackSet?: string;
  /**
   * The sentinel's stack sets (docs/tamper-alerts.md, "The sentinel"): the read-only role and canary in
   * the management account, the verifier in the security account; absent when `sentinel.enabled` is false.
   */
  readonly sentinel?: { readonly readerStackSet: string; readonly verifierStackSet: string; readonly securityAccountId: string };
  /** Config rule name and what NON_COMPLIANT means for it. */
  readonly rules: readonly ExpectedRule[];
  /** Present when `fastAlerts` is on. */
  readonly fastAlerts?: FastAlertExpectations;
}

/** The stack sets and rules a config deploys, as `audit` finds them in the organization. */
export function expectationsOf(config: RootGuardConfig): Expectations {
  const names = resourceNames(config.namePrefix);
  const rules: ExpectedRule[] = [{ name: names.configRules.rootMfa, failing: 'root user has no MFA (ROOT_ACCOUNT_MFA_ENABLED: NON_COMPLIANT)' }];
  if (config.rootChecks.hardwareMfa) {
    rules.push({ name: names.configRules.rootHardwareMfa, failing: 'root user MFA is not a hardware device (ROOT_ACCOUNT_HARDWARE_MFA_ENABLED: NON_COMPLIANT)' });
  }
  if (config.rootChecks.accessKeys) {
    rules.push({ name: names.configRules.rootAccessKey, failing: 'root user has an access key (IAM_ROOT_ACCESS_KEY_CHECK: NON_COMPLIANT)' });
  }
  return {
    ...(config.securityTopic.arn === undefined ? { topicStackSet: CFCT_STACK_SET_PREFIX + names.topicStackSet } : {}),
    alarmStackSet: CFCT_STACK_SET_PREFIX + names.alarmStackSet,
    rootChecksStackSet: CFCT_STACK_SET_PREFIX + names.rootChecksStackSet,
    ...(config.tamperAlerts ? { tamperStackSet: CFCT_STACK_SET_PREFIX + names.tamperStackSet } : {}),
    ...(config.sentinel.enabled
      ? { sentinel: { readerStackSet: CFCT_STACK_SET_PREFIX + names.sentinelReaderStackSet, verifierStackSet: CFCT_STACK_SET_PREFIX + names.sentinelStackSet, securityAccountId: securityAccountId(config) } }
      : {}),
    rules,
    ...(config.fastAlerts
      ? {
        fastAlerts: {
          eventBusStackSet: CFCT_STACK_SET_PREFIX + names.eventBusStackSet,
          forwarderStackSet: CFCT_STACK_SET_PREFIX + names.rootChecksStackSet,
          regions: [...config.fastAlerts.regions],
          securityAccountId: securityAccountId(config),
        },
      }
      : {}),
  };
}
