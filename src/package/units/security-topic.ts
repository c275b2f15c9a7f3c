import { PACKAGE_PATHS, type Plan } from '../../plan';
import { SecurityTopicStack } from '../../stacks/security-topic-stack';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/**
 * The security team's topic, in the security account, home region: first in the manifest (CfCT runs
 * stack sets one at a time, in order, and the alarm notifies it). Undefined when the config names an
 * existing topic.
 */
export function securityTopicUnit(plan: Plan): PackageUnit | undefined {
  const stackSet = plan.stackSets.find((s) => s.key === 'securityTopic');
  const created = plan.securityTopic.created;
  if (!stackSet || !created) return undefined;
  const file = PACKAGE_PATHS.securityTopicTemplate;
  return {
    template: {
      file,
      // Each address is one AWS::SNS::Subscription in this template.
      growsWith: { key: ['securityTopic', 'emails'], count: created.emails.length, noun: 'address', resourcesEach: 1 },
      stackId: 'SecurityTopic',
      create: (app, id, props) => new SecurityTopicStack(app, id, {
        ...props,
        description: templateDescription('SNS topic for root-activity alerts (security account)'),
        topicName: plan.names.topic,
        keyAlias: plan.names.topicKeyAlias,
        alarmAccountId: plan.accounts.management,
        alarmRegion: plan.homeRegion,
        alarmNamePrefix: plan.namePrefix,
        emails: created.emails,
        allowEventBusRules: [
          ...(plan.fastAlerts ? [{ eventBusName: plan.names.eventBus, region: plan.homeRegion }] : []),
          ...(plan.tamperAlerts ? [{ eventBusName: plan.tamperAlerts.receiver.eventBusName, region: plan.homeRegion }] : []),
        ],
        allowLocalAlarms: plan.sentinel ? [plan.sentinel.silenceAlarmName] : undefined,
      }),
    },
    resources: [stackSetResource(stackSet, 'SNS topic for root-activity alerts, in the security account', file)],
  };
}
