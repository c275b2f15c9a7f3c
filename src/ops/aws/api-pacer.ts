/**
 * Client-side pacing of AWS API calls at the rates AWS publishes, plus a count of every call.
 *
 * Why pace at all when the SDK retries throttled calls (`clientSettings`: adaptive mode)? The SDK's
 * adaptive limiter is one bucket per client that learns only after being throttled, and every
 * throttled call costs a backoff; Organizations publishes a separate token bucket per API
 * (ListAccounts 8/s, ListChildren 6/s, ListAccountsForParent 5/s …), so an org-wide audit that
 * spends each of those buckets at its own rate finishes near the floor the rates allow, and the
 * SDK's retries stay for what we cannot know (other callers spending the same account's budget).
 */

/** A published (or, where AWS publishes none, assumed) request rate of one API. */
export interface ApiRate {
  /** Tokens added per second. */
  readonly rate: number;
  /** Bucket size: requests that can go at once after a quiet period. */
  readonly burst: number;
  /** Where the figure comes from (a URL), or why it is assumed. */
  readonly source: string;
}

const ORGANIZATIONS_LIMITS = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html#throttling-limits';
const CLOUDWATCH_LIMITS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html';
/** "Get, describe, and list APIs: 10 transactions per second (TPS)" (read 2026-12-05); the burst is not published, 10 assumed. */
const CLOUDTRAIL_LIMITS = 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html';
/** CloudFormation, AWS Config and SNS publish no per-API request rates for these read calls (checked 2026). */
const UNPUBLISHED = 'not published by AWS; assumed 5/s (the lowest Organizations list rate), burst 5';

/**
 * Per-account rates (rate, burst) of the calls the operating commands make, keyed `service:Action`.
 * Organizations lists each API with its own rate ("Per account limit (rate, burst)"); we read each
 * row as one bucket per API. The per-organization limits are higher, so one caller is bound by these.
 */
export const API_RATES: Readonly<Record<string, ApiRate>> = {
  'organizations:ListRoots': { rate: 1, burst: 2, source: ORGANIZATIONS_LIMITS },
  'organizations:ListAccounts': { rate: 8, burst: 12, source: ORGANIZATIONS_LIMITS },
  'organizations:ListChildren': { rate: 6, burst: 10, source: ORGANIZATIONS_LIMITS },
  'organizations:ListAccountsForParent': { rate: 5, burst: 8, source: ORGANIZATIONS_LIMITS },
  'organizations:ListOrganizationalUnitsForParent': { rate: 5, burst: 8, source: ORGANIZATIONS_LIMITS },
  'organizations:ListParents': { rate: 5, burst: 8, source: ORGANIZATIONS_LIMITS },
  'organizations:ListPolicies': { rate: 5, burst: 8, source: ORGANIZATIONS_LIMITS },
  'organizations:ListTargetsForPolicy': { rate: 5, burst: 8, source: ORGANIZATIONS_LIMITS },
  // CloudWatch: "DescribeAlarms 9 TPS per Region"; SetAlarmState and DescribeAlarmHistory "3 TPS per Region".
  'cloudwatch:DescribeAlarms': { rate: 9, burst: 9, source: CLOUDWATCH_LIMITS },
  'cloudwatch:SetAlarmState': { rate: 3, burst: 3, source: CLOUDWATCH_LIMITS },
  'cloudwatch:DescribeAlarmHistory': { rate: 3, burst: 3, source: CLOUDWATCH_LIMITS },
  // test-alert's fast path makes two calls per 15 s poll. GetMetricStatistics' own row of that page was
  // not read (the stored copy lacked the table), so it is held to the lowest rate the page gives above.
  'cloudwatch:GetMetricStatistics': { rate: 3, burst: 3, source: CLOUDWATCH_LIMITS },
  'cloudformation:ListStackInstances': { rate: 5, burst: 5, source: UNPUBLISHED },
  'config:DescribeAggregateComplianceByConfigRules': { rate: 5, burst: 5, source: UNPUBLISHED },
  'config:GetAggregateComplianceDetailsByConfigRule': { rate: 5, burst: 5, source: UNPUBLISHED },
  'config:GetAggregateDiscoveredResourceCounts': { rate: 5, burst: 5, source: UNPUBLISHED },
  'sns:ListSubscriptionsByTopic': { rate: 5, burst: 5, source: UNPUBLISHED },
  // SNS's per-API quotas: https://docs.aws.amazon.com/general/latest/gr/sns.html; 5/s stays far under them.
  'sns:GetSubscriptionAttributes': { rate: 5, burst: 5, source: UNPUBLISHED },
  // The shared health rules' reads (src/ops/read-detection-health.ts): one or a few calls each per audit.
  'cloudwatch:ListAlarmMuteRules': { rate: 5, burst: 5, source: UNPUBLISHED },
  'cloudwatch:GetAlarmMuteRule': { rate: 5, burst: 5, source: UNPUBLISHED },
  'sns:GetTopicAttributes': { rate: 5, burst: 5, source: UNPUBLISHED },
  'kms:GetKeyPolicy': { rate: 5, burst: 5, source: UNPUBLISHED },
  'iam:GetRole': { rate: 5, burst: 5, source: UNPUBLISHED },
  'logs:DescribeMetricFilters': { rate: 5, burst: 5, source: UNPUBLISHED },
  'cloudtrail:DescribeTrails': { rate: 10, burst: 10, source: CLOUDTRAIL_LIMITS },
  'cloudtrail:GetTrailStatus': { rate: 10, burst: 10, source: CLOUDTRAIL_LIMITS },
  // resolve makes a few calls of each; no request rate for them was found in AWS's Control Tower pages.
  'controltower:ListLandingZones': { rate: 5, burst: 5, source: UNPUBLISHED },
  'controltower:GetLandingZone': { rate: 5, burst: 5, source: UNPUBLISHED },
  'controltower:ListBaselines': { rate: 5, burst: 5, source: UNPUBLISHED },
  'controltower:ListEnabledBaselines': { rate: 5, burst: 5, source: UNPUBLISHED },
};

/** Paces calls per API and counts them. */
export interface Pacer {
  /** Waits until a call to `api` (`service:Action`) may go, and counts it. */
  take(api: string): Promise<void>;
  /** Calls made so far, per API. */
  counts(): Record<string, number>;
}

/** Options of {@link createPacer}. */
export interface PacerOptions {
  /**
   * Fraction of each published rate to use, so that timer jitter never puts a call ahead of the
   * service's bucket.
   * @default 0.98
   */
  readonly headroom?: number;
  /** Clock in milliseconds (tests). @default performance.now (sub-millisecond: at 8 calls/s a whole-ms clock is already 1 % off) */
  readonly now?: () => number;
  /** Sleep (tests). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * A pacer with one token bucket per API in `rates`, mirroring the service's bucket: a call goes
 * when a whole token is there, and spends it at the moment it goes. (Reserving future tokens
 * instead would drift from the service whenever a woken caller runs late: the service's bucket
 * stops filling at `burst` in the meantime, the reservation's does not.) APIs without a rate are
 * only counted.
 */
export function createPacer(rates: Readonly<Record<string, ApiRate>> = {}, options: PacerOptions = {}): Pacer {
  const headroom = options.headroom ?? 0.98;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const buckets = new Map<string, { tokens: number; at: number; perMs: number; burst: number }>();
  const calls: Record<string, number> = {};
  return {
    async take(api) {
      calls[api] = (calls[api] ?? 0) + 1;
      const limit = rates[api];
      if (!limit) return;
      let bucket = buckets.get(api);
      if (!bucket) {
        bucket = { tokens: limit.burst, at: now(), perMs: (limit.rate * headroom) / 1000, burst: limit.burst };
        buckets.set(api, bucket);
      }
      for (;;) {
        const t = now();
        bucket.tokens = Math.min(bucket.burst, bucket.tokens + (t - bucket.at) * bucket.perMs);
        bucket.at = t;
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return;
        }
        // +1 ms: Node's timers run off a cached loop clock and can fire up to a millisecond early.
        await sleep(Math.ceil((1 - bucket.tokens) / bucket.perMs) + 1);
      }
    },
    counts: () => ({ ...calls }),
  };
}

/**
 * The least time in which `calls` can be made under `rates`: per API, the calls beyond the burst
 * at the API's rate; APIs have independent buckets, so the slowest one sets the floor.
 */
export function rateFloorSeconds(calls: Readonly<Record<string, number>>, rates: Readonly<Record<string, ApiRate>>): number {
  let floor = 0;
  for (const [api, count] of Object.entries(calls)) {
    const limit = rates[api];
    if (limit) floor = Math.max(floor, Math.max(0, count - limit.burst) / limit.rate);
  }
  return floor;
}

/** Takes a token for `api`, then makes the call. */
export async function paced<T>(pacer: Pacer, api: string, call: () => Promise<T>): Promise<T> {
  await pacer.take(api);
  return call();
}
