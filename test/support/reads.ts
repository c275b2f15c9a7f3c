import { describeAwsError, unreadReason } from '../../src/ops/aws/describe-aws-error';
import type { Read } from '../../src/ops/preflight';
import { accessDenied } from './fake-organization';

/** A fact read from AWS, as the preflight rules take it. */
export const read = <T>(value: T): Read<T> => ({ ok: true, value });

/** A fact whose call failed with `error` (access denied by default). */
export function failed<T>(target: string, api: string, error: Error = accessDenied()): Read<T> {
  const info = describeAwsError(error);
  return { ok: false, failure: { target, api, reason: unreadReason(info), error: info } };
}
