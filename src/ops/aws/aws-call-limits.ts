/**
 * The time bounds and attempts of every AWS call (applied in aws-clients.ts, which says why each is
 * what it is), alone in a module without dependencies: `--help` states them without loading the SDK.
 */

/** Connecting (TCP + TLS) longer than this fails the attempt: AWS endpoints connect in well under a second. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
/** One attempt (request sent, whole response read) longer than this fails; `--timeout` raises it. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
/** Attempts for any one call; throttled calls are retried up to this many times (adaptive mode). */
export const MAX_ATTEMPTS = 8;
/**
 * Attempts when an attempt times out: one retry (a dropped packet, a cold proxy), then give up, so
 * a silent endpoint costs 2 x the request timeout rather than 8 x.
 */
export const TIMEOUT_ATTEMPTS = 2;
