import { ListStackInstancesCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import { eachPage } from '../aws/each-page';

/** One stack instance of a stack set, in one account and region. */
export interface StackInstanceState {
  readonly account: string;
  readonly region: string;
  /** `CURRENT`, `OUTDATED` or `INOPERABLE` (ListStackInstances `Status`). */
  readonly status: string;
  /** `SUCCEEDED`, `FAILED`, `RUNNING`, `PENDING` … (`StackInstanceStatus.DetailedStatus`). */
  readonly detailedStatus?: string;
  readonly reason?: string;
}

/** What ListStackInstances said about one stack set. */
export type StackSetInstances =
  | { readonly kind: 'found'; readonly stackSetName: string; readonly instances: ReadonlyMap<string, StackInstanceState> }
  | { readonly kind: 'absent'; readonly stackSetName: string }
  | { readonly kind: 'unread'; readonly stackSetName: string; readonly reason: string };

/**
 * Lists every instance of a stack set in one region, every page (100 a page), keyed by account:
 * one stream of calls for the whole organization instead of one call per account.
 * A stack set that does not exist is `absent` (CfCT has not deployed it); a call that fails
 * otherwise is `unread`, never thrown.
 */
export async function readStackSetInstances(
  client: CloudFormationClient,
  stackSetName: string,
  region: string,
  pacer: Pacer,
): Promise<StackSetInstances> {
  const instances = new Map<string, StackInstanceState>();
  try {
    await eachPage(async (token) => {
      const page = await paced(pacer, 'cloudformation:ListStackInstances', () =>
        client.send(new ListStackInstancesCommand({ StackSetName: stackSetName, StackInstanceRegion: region, NextToken: token, MaxResults: 100 })));
      for (const s of page.Summaries ?? []) {
        if (!s.Account || (s.Region && s.Region !== region)) continue;
        instances.set(s.Account, {
          account: s.Account,
          region: s.Region ?? region,
          status: s.Status ?? 'UNKNOWN',
          ...(s.StackInstanceStatus?.DetailedStatus ? { detailedStatus: s.StackInstanceStatus.DetailedStatus } : {}),
          ...(s.StatusReason ? { reason: s.StatusReason } : {}),
        });
      }
      return page.NextToken;
    });
  } catch (err) {
    const info = describeAwsError(err);
    if (info.code === 'StackSetNotFoundException') return { kind: 'absent', stackSetName };
    return { kind: 'unread', stackSetName, reason: unreadReason(info) };
  }
  return { kind: 'found', stackSetName, instances };
}
