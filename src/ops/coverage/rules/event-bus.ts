import type { OrgCheck } from '../../readers/detection-checks';
import type { StackSetInstances } from '../../readers/stack-instances';
import { regionalInstance } from '../regional-instance';

/** What {@link checkEventBus} needs. */
export interface EventBusFacts {
  /** Full CfCT name of the central bus's stack set. */
  readonly stackSet: string;
  /** The home region: the bus lives there. */
  readonly region: string;
  /** The security account: the bus's account. */
  readonly securityAccountId: string;
  /** Its instances in the home region. */
  readonly read: StackSetInstances | undefined;
}

/** The central bus: its stack set exists and has a CURRENT instance in the security account, home region. */
export function checkEventBus(facts: EventBusFacts): OrgCheck {
  const { stackSet: name, region, securityAccountId } = facts;
  const base = { id: `stack-set:${name}`, label: `stack set ${name}` };
  const found = regionalInstance(name, region, facts.read, securityAccountId);
  switch (found.kind) {
    case 'ok':
      return { ...base, status: 'ok', detail: `central event bus: instance in the security account ${securityAccountId} CURRENT` };
    case 'absent':
      return { ...base, status: 'missing', detail: `does not exist in ${region} (has the CfCT pipeline run with this package?)` };
    case 'no-instance':
      return {
        ...base,
        status: 'missing',
        detail: `no instance in the security account ${securityAccountId} in ${region}: fast alerts reach no one (run the CfCT pipeline; the account must be enrolled in Control Tower)`,
      };
    case 'not-current':
      return { ...base, status: 'missing', detail: `central event bus: ${found.detail}` };
    case 'unread':
      return { ...base, status: 'unknown', detail: found.detail };
  }
}
