import type { StackSetInstances } from '../readers/stack-instances';

/** One account's instance of a stack set in one Region, as read. */
export type RegionalInstance =
  | { readonly kind: 'ok' | 'absent' | 'no-instance' }
  | { readonly kind: 'not-current' | 'unread'; readonly detail: string };

/** Finds the account's instance in what ListStackInstances returned for one Region; CURRENT is the only good status. */
export function regionalInstance(stackSet: string, region: string, read: StackSetInstances | undefined, accountId: string): RegionalInstance {
  if (!read || read.kind === 'unread') return { kind: 'unread', detail: `cloudformation:ListStackInstances ${stackSet} in ${region}: ${read?.reason ?? 'not read'}` };
  if (read.kind === 'absent') return { kind: 'absent' };
  const instance = read.instances.get(accountId);
  if (!instance) return { kind: 'no-instance' };
  if (instance.status !== 'CURRENT') {
    const why = [instance.detailedStatus, instance.reason].filter(Boolean).join(': ');
    return { kind: 'not-current', detail: `instance of ${stackSet} in ${region} is ${instance.status}${why ? ` (${why})` : ''}` };
  }
  return { kind: 'ok' };
}
