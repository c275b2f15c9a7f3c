import { ListPoliciesCommand, ListTargetsForPolicyCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import { eachPage } from '../aws/each-page';

/** Where one SCP is attached. */
export type ScpAttachment =
  | { readonly kind: 'found'; readonly policyName: string; readonly policyId: string; readonly targetIds: ReadonlySet<string> }
  | { readonly kind: 'absent'; readonly policyName: string }
  | { readonly kind: 'unread'; readonly policyName: string; readonly api: string; readonly reason: string };

/**
 * Finds SCPs by name (CfCT finds its policies by name across the organization, docs/reference/cfct.md#policies-scp-and-rcp) and
 * lists every root, OU and account each is attached to: one ListPolicies stream and one
 * ListTargetsForPolicy stream per policy, whatever the organization's size, where
 * ListPoliciesForTarget would cost one call per account and OU. Never throws.
 */
export async function readScpAttachments(client: OrganizationsClient, policyNames: readonly string[], pacer: Pacer): Promise<ScpAttachment[]> {
  if (policyNames.length === 0) return [];
  const ids = new Map<string, string>();
  try {
    await eachPage(async (token) => {
      const page = await paced(pacer, 'organizations:ListPolicies', () =>
        client.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken: token, MaxResults: 20 })));
      for (const p of page.Policies ?? []) if (p.Name && p.Id && policyNames.includes(p.Name)) ids.set(p.Name, p.Id);
      return ids.size === policyNames.length ? undefined : page.NextToken;
    });
  } catch (err) {
    const reason = unreadReason(describeAwsError(err));
    return policyNames.map((policyName) => ({ kind: 'unread', policyName, api: 'organizations:ListPolicies', reason }));
  }
  return Promise.all(policyNames.map(async (policyName): Promise<ScpAttachment> => {
    const policyId = ids.get(policyName);
    if (!policyId) return { kind: 'absent', policyName };
    const targetIds = new Set<string>();
    try {
      await eachPage(async (token) => {
        const page = await paced(pacer, 'organizations:ListTargetsForPolicy', () =>
          client.send(new ListTargetsForPolicyCommand({ PolicyId: policyId, NextToken: token, MaxResults: 20 })));
        for (const target of page.Targets ?? []) if (target.TargetId) targetIds.add(target.TargetId);
        return page.NextToken;
      });
    } catch (err) {
      return { kind: 'unread', policyName, api: 'organizations:ListTargetsForPolicy', reason: unreadReason(describeAwsError(err)) };
    }
    return { kind: 'found', policyName, policyId, targetIds };
  }));
}
