import { ListPoliciesCommand, ListTargetsForPolicyCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { paced, type Pacer } from './api-pacer';
import { describeAwsError, unreadReason } from './describe-aws-error';
import { eachPage } from './org-accounts';

/** Where one SCP is attached. */
export type ScpAttachment =
  | { readonly kind: 'found'; readonly policyName: string; readonly policyId: string; readonly targetIds: ReadonlySet<string> }
  | { readonly kind: 'absent'; readonly policyName: string }
  | { readonly kind: 'unread'; readonly policyName: string; readonly api: string; readonly reason: string };

/**
 * Finds an SCP by name (CfCT finds its policies by name across the organization, RULES.md §6) and
 * lists every root, OU and account it is attached to. Two short streams of calls whatever the
 * organization's size, where ListPoliciesForTarget would cost one call per account and OU.
 */
export async function readScpAttachment(client: OrganizationsClient, policyName: string, pacer: Pacer): Promise<ScpAttachment> {
  let policyId: string | undefined;
  try {
    await eachPage(async (token) => {
      const page = await paced(pacer, 'organizations:ListPolicies', () =>
        client.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken: token, MaxResults: 20 })));
      policyId ??= page.Policies?.find((p) => p.Name === policyName)?.Id;
      return policyId ? undefined : page.NextToken;
    });
  } catch (err) {
    return { kind: 'unread', policyName, api: 'organizations:ListPolicies', reason: unreadReason(describeAwsError(err)) };
  }
  if (!policyId) return { kind: 'absent', policyName };
  const id = policyId;
  const targetIds = new Set<string>();
  try {
    await eachPage(async (token) => {
      const page = await paced(pacer, 'organizations:ListTargetsForPolicy', () =>
        client.send(new ListTargetsForPolicyCommand({ PolicyId: id, NextToken: token, MaxResults: 20 })));
      for (const target of page.Targets ?? []) if (target.TargetId) targetIds.add(target.TargetId);
      return page.NextToken;
    });
  } catch (err) {
    return { kind: 'unread', policyName, api: 'organizations:ListTargetsForPolicy', reason: unreadReason(describeAwsError(err)) };
  }
  return { kind: 'found', policyName, policyId: id, targetIds };
}
