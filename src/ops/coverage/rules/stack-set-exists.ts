import type { OrgCheck } from '../../readers/detection-checks';
import type { StackSetInstances } from '../../readers/stack-instances';

/** What {@link checkStackSetExists} needs. */
export interface StackSetExistsFacts {
  /** Full CfCT name of the stack set. */
  readonly stackSet: string;
  /** The home region, where CfCT creates its stack sets. */
  readonly region: string;
  /** Its instances (cloudformation:ListStackInstances). */
  readonly read: StackSetInstances | undefined;
}

/** A stack set of the package exists in the home region: CfCT has run with this package. */
export function checkStackSetExists(facts: StackSetExistsFacts): OrgCheck {
  const { stackSet: name, region, read } = facts;
  return {
    id: `stack-set:${name}`,
    label: `stack set ${name}`,
    status: read?.kind === 'found' ? 'ok' : read?.kind === 'absent' ? 'missing' : 'unknown',
    detail: read?.kind === 'found'
      ? `${read.instances.size} instance(s) in ${region}`
      : read?.kind === 'absent'
        ? `does not exist in ${region} (has the CfCT pipeline run with this package?)`
        : `cloudformation:ListStackInstances: ${read?.reason ?? 'not read'}`,
  };
}
