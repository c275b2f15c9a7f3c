import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { NodeHttpHandlerOptions, RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import type { Agent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { explainTimeouts, isTimeoutError } from './aws-timeouts';

/**
 * Settings shared by every AWS SDK v3 client the operating commands create.
 *
 * Credentials and region come from the standard chain (env, profiles, SSO, instance roles).
 * Throttling is handled by the SDK's `adaptive` retry mode, which adds client-side rate limiting
 * on top of exponential backoff (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
 *
 * Every call has a bounded time. The SDK sets no connection or request timeout by default (both are
 * 0, "no timeout", in @smithy/node-http-handler's NodeHttpHandlerOptions), so an endpoint that
 * accepts the connection and never answers (a proxy, a firewall, a wrong AWS_ENDPOINT_URL) would
 * hold a command forever. The defaults below bound one call to about
 * {@link TIMEOUT_ATTEMPTS} x the request timeout (45 s by default) plus a second of backoff.
 */
export interface ClientSettings {
  readonly region?: string;
  readonly maxAttempts: number;
  readonly retryStrategy: RetryStrategyV2;
  readonly requestHandler: NodeHttpHandlerOptions;
}

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

/** What a caller may change about the client settings. */
export interface ClientTimeouts {
  /**
   * Longest time one attempt may take, in milliseconds (a CLI `--timeout`); the connection timeout is
   * the smaller of this and {@link DEFAULT_CONNECTION_TIMEOUT_MS}.
   * @default DEFAULT_REQUEST_TIMEOUT_MS
   */
  readonly requestTimeoutMs?: number;
}

/** Client settings for a region (the home region unless a command says otherwise). */
export function clientSettings(region?: string, timeouts: ClientTimeouts = {}): ClientSettings {
  const requestTimeout = timeouts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    region,
    maxAttempts: MAX_ATTEMPTS,
    retryStrategy: new TimeoutBoundedRetryStrategy(new AdaptiveRetryStrategy(MAX_ATTEMPTS), TIMEOUT_ATTEMPTS),
    requestHandler: {
      connectionTimeout: Math.min(DEFAULT_CONNECTION_TIMEOUT_MS, requestTimeout),
      requestTimeout,
      // Without this the handler only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
}

/**
 * The settings with a shared keep-alive agent: clients that talk to the same endpoint (one IAM client
 * per AssumeRoot session) reuse its open TLS connections. The timeouts stay as they are.
 */
export function withSharedAgent<S extends ClientSettings>(settings: S, httpsAgent: Agent): S {
  return { ...settings, requestHandler: { ...settings.requestHandler, httpsAgent } };
}

/** An SDK v3 client class, as far as {@link createAwsClient} needs it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's config and stack
export type AwsClientClass<T> = new (config: any) => T;

/**
 * The one place in src/ that constructs an AWS SDK client (test/aws-client-construction.test.ts fails
 * on any other): the settings' bounded connection and request timeouts, the retry strategy that gives
 * up on a timeout after {@link TIMEOUT_ATTEMPTS} attempts, and a timed-out call reported as one line
 * naming the service, the call and the endpoint (aws-timeouts.ts). `extra` adds what is not a time
 * bound (a profile, session credentials, `useGlobalEndpoint`); it can never replace the settings.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's stack
export function createAwsClient<T extends { readonly middlewareStack: any }>(Client: AwsClientClass<T>, settings: ClientSettings, extra: Readonly<Record<string, unknown>> = {}): T {
  const bounded = { ...settings, requestHandler: { ...settings.requestHandler, throwOnRequestTimeout: true } };
  return explainTimeouts(new Client({ ...extra, ...bounded }), timeoutsOf(bounded));
}

/** The HTTP handler for requests signed by hand (Control Tower's calls): the same bounded timeouts. */
export function createHttpHandler(settings: Pick<ClientSettings, 'requestHandler'>): NodeHttpHandler {
  return new NodeHttpHandler({ ...settings.requestHandler, throwOnRequestTimeout: true });
}

/** The timeouts a client was given, for messages (see aws-timeouts.ts). */
export function timeoutsOf(settings: Pick<ClientSettings, 'requestHandler'>): { connectionTimeoutMs: number; requestTimeoutMs: number; attempts: number } {
  return {
    connectionTimeoutMs: settings.requestHandler.connectionTimeout ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: settings.requestHandler.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS,
    attempts: TIMEOUT_ATTEMPTS,
  };
}

/**
 * The SDK's adaptive strategy (throttling: up to {@link MAX_ATTEMPTS} attempts with backoff), except
 * that a timed-out call is retried only until it has made `timeoutAttempts` attempts.
 */
class TimeoutBoundedRetryStrategy implements RetryStrategyV2 {
  constructor(private readonly inner: RetryStrategyV2, private readonly timeoutAttempts: number) {}

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    return this.inner.acquireInitialRetryToken(scope);
  }

  refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    // The SDK rethrows the call's own error when this rejects (retry middleware, @smithy/core/retry).
    if (isTimeoutError(errorInfo.error) && token.getRetryCount() + 1 >= this.timeoutAttempts) {
      return Promise.reject(errorInfo.error);
    }
    return this.inner.refreshRetryTokenForRetry(token, errorInfo);
  }

  recordSuccess(token: RetryToken): void {
    this.inner.recordSuccess(token);
  }
}
