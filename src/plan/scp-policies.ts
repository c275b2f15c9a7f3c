import type { RootGuardConfig } from '../config/schema';
import { buildBaselinePolicies, type ScpPolicy } from '../scps';
import { resourceNames } from './names';

/**
 * The SCP baseline policies the config asks for (empty when every switch is off): what `build`
 * writes to policies/ and what `audit` looks for by name. Throws UserError over budget.
 */
export function baselinePolicies(config: RootGuardConfig): ScpPolicy[] {
  const names = resourceNames(config.namePrefix);
  const createsTopic = !config.securityTopic.arn;
  return buildBaselinePolicies({
    namePrefix: config.namePrefix,
    homeRegion: config.homeRegion,
    denyRootActions: config.scp.denyRootActions,
    denyRootAccessKeys: config.scp.denyRootAccessKeys,
    protectBaseline: config.scp.protectBaseline,
    exemptRoleNames: config.scp.exemptRoleNames,
    protect: {
      stackSetNames: [
        ...(createsTopic ? [names.topicStackSet] : []), names.rootChecksStackSet,
        ...(config.fastAlerts ? [names.eventBusStackSet] : []),
        ...(config.tamperAlerts ? [names.tamperReceiverStackSet] : []),
        // The sentinel's verifier in the security account (docs/tamper-alerts.md, "The sentinel").
        ...(config.sentinel.enabled ? [names.sentinelStackSet] : []),
      ],
      configRules: true,
      topic: createsTopic ? { name: names.topic, keyAlias: names.topicKeyAlias } : undefined,
      forwarder: config.fastAlerts ? { ruleName: names.forwarderRule, roleNamePattern: names.forwarderRoleNamePattern } : undefined,
      tamperReceiver: config.tamperAlerts ? { eventBusName: names.tamperBus, topic: { name: names.tamperTopic, keyAlias: names.tamperTopicKeyAlias } } : undefined,
    },
  });
}
