import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { NodeHttpHandlerOptions, RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, MAX_ATTEMPTS, TIMEOUT_ATTEMPTS } from './aws-call-limits';
import { isTimeoutError } from './aws-timeouts';

export { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, MAX_ATTEMPTS, TIMEOUT_ATTEMPTS } from './aws-call-limits';

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
 * hold a command forever. The defaults (aws-call-limits.ts) bound one call to about
 * {@link TIMEOUT_ATTEMPTS} x the request timeout (45 s by default) plus a second of backoff.
 */
export interface ClientSettings {
  readonly region?: string;
  readonly maxAttempts: number;
  readonly retryStrategy: RetryStrategyV2;
  readonly requestHandler: NodeHttpHandlerOptions;
}


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
