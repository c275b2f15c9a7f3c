import { deliveryGroups } from './delivery-groups';
import { deploymentGroups } from './deployment-groups';
import { detectionGroups } from './detection-groups';
import type { TamperCallGroup, TamperNames } from './types';

/**
 * The tamper call groups, in the order of the filters: the detection itself, who deploys and governs
 * it, how alerts are delivered. The groups are split so that each filter stays below CloudWatch Logs'
 * 1,024-character pattern limit (test/detection/tamper-patterns.test.ts).
 */
export function tamperCallGroups(names: TamperNames): TamperCallGroup[] {
  const groups = [...detectionGroups(names), ...deploymentGroups(names), ...deliveryGroups(names)];
  const ids = new Set<string>();
  for (const group of groups) {
    if (ids.has(group.id)) throw new Error(`two tamper groups have the id ${group.id}`);
    ids.add(group.id);
  }
  return groups;
}
