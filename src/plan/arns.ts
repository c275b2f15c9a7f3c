import { partitionOf } from '../aws/regions';
import type { RootGuardConfig } from '../config/schema';
import { securityAccountId } from './accounts';
import { resourceNames } from './names';

/** The ARN of the topic alarms notify: the configured one, or the one the package creates. */
export function securityTopicArn(config: RootGuardConfig): string {
  if (config.securityTopic.arn) return config.securityTopic.arn;
  const names = resourceNames(config.namePrefix);
  return `arn:${partitionOf(config.homeRegion)}:sns:${config.homeRegion}:${config.securityTopic.accountId}:${names.topic}`;
}

/** The central fast-alert bus's ARN: security account, home region. */
export function securityEventBusArn(config: RootGuardConfig): string {
  return `arn:${partitionOf(config.homeRegion)}:events:${config.homeRegion}:${securityAccountId(config)}:event-bus/${resourceNames(config.namePrefix).eventBus}`;
}
