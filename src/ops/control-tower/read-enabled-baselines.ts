import type { RecordedEnabledBaseline } from '../../config/landing-zone-record';
import { describeAwsError, unreadReason } from '../describe-aws-error';
import type { ControlTowerApi } from './control-tower-api';

/**
 * The baselines enabled on OUs, for `root-guard resolve`: ListBaselines (identifier → name), then
 * every page of ListEnabledBaselines. From landing zone 4.0 an OU is governed by the baselines enabled
 * on it, and the AWS Config baseline can be on some OUs only
 * (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set); preflight names the OUs
 * with and without it. Never throws: a failure is recorded as `not read: <reason>`.
 */

/** Gives an OU's CfCT path from its id (`ou-…`), when the OU tree was read. */
export type OuPathOf = (ouId: string) => string | undefined;

async function allPages<T>(api: ControlTowerApi, operation: 'ListBaselines' | 'ListEnabledBaselines', key: string, body: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  // A bound on pages: a service that keeps returning a token must not keep resolve running.
  for (let page = 0; page < 1000; page++) {
    const answer = await api.call(operation, { ...body, ...(token ? { nextToken: token } : {}) }) as Record<string, unknown>;
    if (Array.isArray(answer[key])) out.push(...(answer[key] as T[]));
    const nextToken = typeof answer.nextToken === 'string' && answer.nextToken !== '' ? answer.nextToken : undefined;
    if (!nextToken) return out;
    token = nextToken;
  }
  throw new Error(`controltower:${operation} returned more than 1000 pages`);
}

/** The OU id at the end of an OU ARN (`arn:aws:organizations::111111111111:ou/o-…/ou-…`). */
export function ouIdOfArn(arn: string): string | undefined {
  const match = /:ou\/o-[a-z0-9]+\/(ou-[a-z0-9]+-[a-z0-9]+)$/.exec(arn);
  return match?.[1];
}

/** Reads the enabled baselines, sorted by OU then baseline; `not read: …` on failure. */
export async function readEnabledBaselines(api: ControlTowerApi, ouPathOf: OuPathOf = () => undefined): Promise<readonly RecordedEnabledBaseline[] | string> {
  try {
    const baselines = await allPages<{ arn?: unknown; name?: unknown }>(api, 'ListBaselines', 'baselines', { maxResults: 100 });
    const names = new Map(baselines.flatMap((b) => (typeof b.arn === 'string' && typeof b.name === 'string' ? [[b.arn, b.name] as const] : [])));
    const enabled = await allPages<{ baselineIdentifier?: unknown; targetIdentifier?: unknown; statusSummary?: { status?: unknown } }>(
      api, 'ListEnabledBaselines', 'enabledBaselines', { maxResults: 100, includeChildren: false });
    return enabled.flatMap((e): RecordedEnabledBaseline[] => {
      if (typeof e.baselineIdentifier !== 'string' || typeof e.targetIdentifier !== 'string') return [];
      const ouId = ouIdOfArn(e.targetIdentifier);
      const status = typeof e.statusSummary?.status === 'string' && /^[A-Z][A-Z_]{0,39}$/.test(e.statusSummary.status) ? e.statusSummary.status : undefined;
      return [{
        baseline: names.get(e.baselineIdentifier) ?? e.baselineIdentifier,
        ou: (ouId && ouPathOf(ouId)) || e.targetIdentifier,
        ...(status ? { status } : {}),
      }];
    }).sort((a, b) => (a.ou < b.ou ? -1 : a.ou > b.ou ? 1 : a.baseline < b.baseline ? -1 : a.baseline > b.baseline ? 1 : 0));
  } catch (err) {
    const info = describeAwsError(err);
    return `not read: controltower:ListEnabledBaselines failed: ${info.code === 'TimeoutError' ? info.message : unreadReason(info)}`;
  }
}
