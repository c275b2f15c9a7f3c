import type { Stack } from 'aws-cdk-lib';
import { partitionOf } from '../aws/regions';
import type { RootGuardConfig } from '../config/schema';
import type { CisMonitoringProps } from '../constructs/cis-monitoring';
import { cisAlarms } from '../detection/metric-filters';
import { fastAlertNames } from '../fast-alert-names';
import { CONTROL_TOWER_LOG_GROUP } from '../naming';
import type { ManifestResource } from './manifest';
import type { TemplateSpec } from './synthesize';

/*
 * The constructs of the two opt-in features are loaded with `require` when a stack needs them, not
 * imported: a build without fastAlerts or cisMonitoring (the default) then never evaluates them nor
 * aws-cdk-lib/aws-events. That saves about 4 ms of a cold `root-guard build` (measured in-process, median of 15).
 */
const loadSecurityEventBusStack = () => (require('../stacks/security-event-bus-stack') as typeof import('../stacks/security-event-bus-stack')).SecurityEventBusStack;
const loadRootEventForwarderStack = () => (require('../stacks/root-event-forwarder-stack') as typeof import('../stacks/root-event-forwarder-stack')).RootEventForwarderStack;
const loadCisMonitoring = () => (require('../constructs/cis-monitoring') as typeof import('../constructs/cis-monitoring')).CisMonitoring;

/** Templates of the fast-alert stack sets (part of the package layout, PACKAGE_PATHS). */
export const FAST_ALERT_PATHS = {
  securityEventBusTemplate: 'templates/security-event-bus.json',
  rootEventForwarderTemplate: 'templates/root-event-forwarder.json',
} as const;

/** The security account: where the topic is (created there, or the existing topic's account). */
export function securityAccountId(config: RootGuardConfig): string {
  if (config.securityTopic.accountId) return config.securityTopic.accountId;
  const fromArn = config.securityTopic.arn?.split(':')[4];
  if (!fromArn) throw new Error('internal error: the config names no security account');
  return fromArn;
}

/** The central bus's ARN: security account, home region. */
export function securityEventBusArn(config: RootGuardConfig): string {
  return `arn:${partitionOf(config.homeRegion)}:events:${config.homeRegion}:${securityAccountId(config)}:event-bus/${fastAlertNames(config.namePrefix).eventBus}`;
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

/** What {@link fastAlertStacks} needs from the generator. */
export interface FastAlertContext {
  /** Template description in the generator's wording. */
  readonly description: (what: string) => string;
  /** The security topic's ARN. */
  readonly topicArn: string;
  /** OUs of the root checks (expanded to nested OUs when asked): the forwarder covers the same accounts. */
  readonly organizationalUnits: readonly string[];
}

/**
 * The two fast-alert stack sets, in manifest order (CfCT runs stack sets one at a time, in order): the
 * central bus in the security account, then the forwarders in every covered account and Region.
 * Empty when `fastAlerts` is off.
 */
export function fastAlertStacks(config: RootGuardConfig, context: FastAlertContext): { specs: TemplateSpec[]; resources: ManifestResource[] } {
  const fast = config.fastAlerts;
  if (!fast) return { specs: [], resources: [] };
  const names = fastAlertNames(config.namePrefix);
  const busArn = securityEventBusArn(config);
  return {
    specs: [
      {
        file: FAST_ALERT_PATHS.securityEventBusTemplate,
        stackId: 'SecurityEventBus',
        create: (app, id, props) => new (loadSecurityEventBusStack())(app, id, {
          ...props,
          description: context.description('central EventBridge bus and alert formatting rules for fast root alerts (security account)'),
          eventBusName: names.eventBus,
          organizationId: fast.organizationId,
          forwarderRoleNamePrefix: names.forwarderRolePrefix,
          ruleNamePrefix: names.formattingRulePrefix,
          topicArn: context.topicArn,
          accountNames: alertAccountNames(config),
        }),
      },
      {
        file: FAST_ALERT_PATHS.rootEventForwarderTemplate,
        stackId: 'RootEventForwarder',
        create: (app, id, props) => new (loadRootEventForwarderStack())(app, id, {
          ...props,
          description: context.description('EventBridge rule forwarding root activity to the security event bus (every covered account and Region)'),
          ruleName: names.forwarderRule,
          roleNamePrefix: names.forwarderRolePrefix,
          targetEventBusArn: busArn,
        }),
      },
    ],
    resources: [
      {
        name: names.eventBusStackSet,
        description: 'Central event bus and alert formatting for fast root alerts, in the security account',
        resourceFile: FAST_ALERT_PATHS.securityEventBusTemplate,
        deployMethod: 'stack_set',
        accounts: [securityAccountId(config)],
        regions: [config.homeRegion],
      },
      {
        name: names.forwarderStackSet,
        description: 'Forwards root activity to the security event bus, in every root-check account and the management account',
        resourceFile: FAST_ALERT_PATHS.rootEventForwarderTemplate,
        deployMethod: 'stack_set',
        // The management account is never reached through OUs (RULES.md R13): its root matters most.
        accounts: [config.managementAccountId],
        organizationalUnits: [...context.organizationalUnits],
        regions: [...fast.regions],
      },
    ],
  };
}

/** Props of the CIS monitoring in the alarm stack, or undefined when `cisMonitoring` is off. */
export function cisMonitoringProps(config: RootGuardConfig, topicArn: string): CisMonitoringProps | undefined {
  const alarms = cisAlarms({ namePrefix: config.namePrefix, cisMonitoring: config.cisMonitoring });
  if (alarms.length === 0) return undefined;
  return {
    logGroupName: CONTROL_TOWER_LOG_GROUP,
    alarms,
    topicArn,
    periodSeconds: config.alarm.periodSeconds,
    evaluationPeriods: config.alarm.evaluationPeriods,
    threshold: config.alarm.threshold,
  };
}

/**
 * Adds the CIS filters and alarms to the management-account alarm stack: same account, Region and log
 * group as the root alarm, and one stack set less for CfCT to run. Returns the stack.
 */
export function addCisMonitoring<T extends Stack>(stack: T, props: CisMonitoringProps | undefined): T {
  if (!props) return stack;
  new (loadCisMonitoring())(stack, 'CisMonitoring', props);
  const ids = props.alarms.map((a) => a.cisId).join(', ');
  stack.templateOptions.description = stack.templateOptions.description?.replace(
    'root-activity metric filter and alarm',
    `root-activity metric filter and alarm, and CIS AWS Foundations ${ids} monitoring filters and alarms,`,
  );
  return stack;
}
