/**
 * Settings shared by every AWS SDK v3 client the operating commands create.
 *
 * Credentials and region come from the standard chain (env, profiles, SSO, instance roles).
 * Throttling is handled by the SDK's `adaptive` retry mode, which adds client-side rate limiting
 * on top of exponential backoff (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
 */
export interface ClientSettings {
  readonly region?: string;
  readonly retryMode: 'standard' | 'adaptive';
  readonly maxAttempts: number;
}

/** Client settings for a region (the home region unless a command says otherwise). */
export function clientSettings(region?: string): ClientSettings {
  return { region, retryMode: 'adaptive', maxAttempts: 8 };
}
