import { UserError } from '../../errors';
import type { FastPathResult } from './fast-path-drill';
import type { SentinelRunResult } from './sentinel-run';
import type { TestAlertResult } from './test-alert';

/**
 * `test-alert` drives up to two notification paths and reports each on its own: the alarm path
 * (management account: metric filter → alarm → topic) and the fast path (security account: central
 * bus → test rule → topic). This module turns each path's outcome into one row and the rows into the
 * exit code, so the text and the `--json` output say the same thing.
 */

/** The two paths a root alert takes to the security topic, and the sentinel that verifies them (docs/tamper-alerts.md). */
export type AlertPath = 'alarm' | 'fast' | 'sentinel';

/**
 * - `delivered`: the AWS service reports the message handed to SNS;
 * - `failed`: it reports a failure (or PutEvents rejected the drill);
 * - `not-seen`: nothing reported within the timeout;
 * - `error`: the drill could not run (a check failed, a call was denied or timed out);
 * - `not-tested`: the path was not run (the fast path without `--security-profile`);
 * - `healthy` / `unhealthy`: the sentinel's verification found nothing / found something (its findings).
 */
export type PathStatus = 'delivered' | 'failed' | 'not-seen' | 'error' | 'not-tested' | 'healthy' | 'unhealthy';

/** One path's row, with the full result of the drill when it ran. */
export interface PathReport {
  readonly path: AlertPath;
  readonly status: PathStatus;
  /** One line: what was seen, or the error, or the command that runs the path. */
  readonly detail: string;
  /** Alarm path: the drill's result. */
  readonly alarm?: TestAlertResult;
  /** Fast path: the drill's result. */
  readonly fast?: FastPathResult;
  /** Sentinel: the verification's result. */
  readonly sentinel?: SentinelRunResult;
}

/** What `test-alert --json` prints. */
export interface TestAlertReport {
  readonly paths: readonly PathReport[];
  readonly exitCode: number;
  /** Ctrl-C stopped the drills (the alarm path still set the alarm back to OK). */
  readonly interrupted?: boolean;
}

/** Exit code after an interrupt: 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** Exit codes: 0 only when every path that ran was delivered and none was left untested. */
export const TEST_ALERT_EXIT = { delivered: 0, notDelivered: 1, notTested: 3 } as const;

/** The alarm path's row. */
export function alarmPathReport(result: TestAlertResult): PathReport {
  const n = result.notification;
  const status: PathStatus = n.status === 'sent' ? 'delivered' : n.status;
  const detail = n.status === 'sent' ? `CloudWatch published to ${result.topicArn}`
    : n.status === 'failed' ? `CloudWatch could NOT publish to ${result.topicArn}: ${n.detail}` : n.detail;
  return { path: 'alarm', status, detail, alarm: result };
}

/** The fast path's row. */
export function fastPathReport(result: FastPathResult): PathReport {
  return { path: 'fast', status: result.delivery.status, detail: result.delivery.detail, fast: result };
}

/** The sentinel's row: healthy, unhealthy (with findings), or the verifier failed or did not finish. */
export function sentinelReport(result: SentinelRunResult): PathReport {
  const status: PathStatus = result.status === 'healthy' ? 'healthy' : result.status === 'unhealthy' ? 'unhealthy' : result.status === 'failed' ? 'failed' : 'not-seen';
  return { path: 'sentinel', status, detail: result.detail, sentinel: result };
}

/**
 * The row of a path whose drill stopped with a UserError. Rethrown: a timed-out AWS call (every command
 * stops on one with one line naming the service, endpoint and timeout: aws-timeouts.ts), and anything
 * that is not a UserError (a bug).
 */
export function errorReport(path: AlertPath, err: unknown): PathReport {
  if (!(err instanceof UserError) || err.name === 'TimeoutError') throw err;
  return { path, status: 'error', detail: err.problems.join('; ') };
}

/** The fast path's row when it was not run: the exact command that runs it. */
export function fastPathNotTested(command: string, securityAccountId: string): PathReport {
  return {
    path: 'fast',
    status: 'not-tested',
    detail: `needs credentials of the security account ${securityAccountId}: run \`${command}\``,
  };
}

/** 0 when every path ran and was delivered (the sentinel: healthy); 3 when those that ran were but one was not tested; 1 otherwise. */
export function exitCodeOf(paths: readonly PathReport[]): number {
  if (paths.some((p) => p.status !== 'delivered' && p.status !== 'healthy' && p.status !== 'not-tested')) return TEST_ALERT_EXIT.notDelivered;
  if (paths.some((p) => p.status === 'not-tested')) return TEST_ALERT_EXIT.notTested;
  return TEST_ALERT_EXIT.delivered;
}
