import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { HealthFinding } from '../../health/findings';
import { UNHEALTHY_ERROR } from '../../health/state-machine';
import { UserError } from '../../errors';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';

/**
 * `test-alert --path sentinel`: starts one verification of the sentinel's state machine now (security
 * account, home region), waits for it, and reports what it found. The run is a real one: with findings
 * it publishes them to the security topic, as a scheduled run would.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html,
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html (read 2026-12-08).
 */

/** Options of {@link runSentinelNow}. */
export interface SentinelRunOptions {
  readonly stateMachineArn: string;
  readonly pacer: Pacer;
  /** How long to wait for the run to end. @default 120000 */
  readonly timeoutMs?: number;
  /** Between two DescribeExecution calls. @default 3000 */
  readonly pollMs?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onProgress?: (message: string) => void;
}

/**
 * - `healthy`: the run succeeded: the detection is healthy;
 * - `unhealthy`: it ended in the Unhealthy state with its findings (published to the topic);
 * - `failed`: it failed otherwise (the verifier itself is broken), timed out or was aborted;
 * - `not-finished`: still running when the wait ended.
 */
export interface SentinelRunResult {
  readonly stateMachineArn: string;
  readonly executionArn: string;
  readonly status: 'healthy' | 'unhealthy' | 'failed' | 'not-finished';
  readonly findings: readonly HealthFinding[];
  /** One line: what happened. */
  readonly detail: string;
}

/** Step Functions execution names: 1-80 of letters, digits, - and _. */
function executionName(now: Date): string {
  return `root-guard-test-alert-${now.toISOString().replace(/[^0-9A-Za-z]/g, '')}`;
}

/** The findings of a run's `output` or `cause` (JSON `{ healthy, findings }`), or undefined when it is not that shape. */
function findingsOf(text: string | undefined): HealthFinding[] | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as { findings?: HealthFinding[] };
    return Array.isArray(parsed.findings) ? parsed.findings : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one verification now and waits for it. Throws UserError when the run cannot be started or read. */
export async function runSentinelNow(sfn: SFNClient, options: SentinelRunOptions): Promise<SentinelRunResult> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pollMs = options.pollMs ?? 3000;
  const arn = options.stateMachineArn;
  let executionArn: string;
  try {
    const started = await paced(options.pacer, 'states:StartExecution', () => sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: executionName(now()), input: '{}' })));
    executionArn = started.executionArn ?? '';
  } catch (err) {
    const info = describeAwsError(err);
    const hint = info.kind === 'not-found' ? ' (is the sentinel stack set deployed in this account and Region?)' : '';
    throw new UserError(`states:StartExecution on ${arn}: ${unreadReason(info)}${hint}`);
  }
  options.onProgress?.(`started ${executionArn}`);
  const startedAt = now().getTime();
  for (;;) {
    let out;
    try {
      out = await paced(options.pacer, 'states:DescribeExecution', () => sfn.send(new DescribeExecutionCommand({ executionArn })));
    } catch (err) {
      throw new UserError(`states:DescribeExecution on ${executionArn}: ${unreadReason(describeAwsError(err))}`);
    }
    const base = { stateMachineArn: arn, executionArn };
    if (out.status === 'SUCCEEDED') {
      return { ...base, status: 'healthy', findings: findingsOf(out.output) ?? [], detail: 'the detection is healthy: every check passed' };
    }
    if (out.status === 'FAILED' && out.error === UNHEALTHY_ERROR) {
      const findings = findingsOf(out.cause);
      return {
        ...base,
        status: 'unhealthy',
        findings: findings ?? [],
        detail: findings ? `${findings.length} finding(s), published to the security topic` : `findings published to the security topic (not readable here: ${(out.cause ?? '').slice(0, 200)})`,
      };
    }
    if (out.status && out.status !== 'RUNNING') {
      return { ...base, status: 'failed', findings: [], detail: `the verifier itself ${out.status}: ${out.error ?? ''} ${out.cause ?? ''}`.trim() };
    }
    if (now().getTime() - startedAt >= timeoutMs) {
      return { ...base, status: 'not-finished', findings: [], detail: `still running after ${Math.round(timeoutMs / 1000)} s (see the execution in the Step Functions console)` };
    }
    await sleep(pollMs);
  }
}
