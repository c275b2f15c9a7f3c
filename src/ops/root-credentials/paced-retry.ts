import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError } from '../aws/describe-aws-error';

/** Options of {@link pacedWithRetry}. */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 4 */
  readonly attempts?: number;
  /** Backoff before the second attempt, doubled each time. @default 250 */
  readonly baseDelayMs?: number;
  /** Sleep (tests). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Takes a pacer token for `api`, makes the call, and when the call still fails with throttling
 * (after the SDK's own retries inside `send`, adaptive mode), backs off and goes through the pacer
 * again. Over 5,000 accounts a throttle that outlives the SDK's retries would otherwise cost an
 * account its result; retrying through the pacer keeps the retry inside the published bucket.
 * Any other error is thrown at once.
 */
export async function pacedWithRetry<T>(pacer: Pacer, api: string, call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 250;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await paced(pacer, api, call);
    } catch (err) {
      if (attempt >= attempts || describeAwsError(err).kind !== 'throttled') throw err;
      await sleep(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
    }
  }
}
