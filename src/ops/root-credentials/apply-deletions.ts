import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { Pacer } from '../api-pacer';
import { pacedWithRetry as paced } from './paced-retry';
import { mapWithConcurrency } from '../concurrency';
import { isTimeoutError } from '../aws-timeouts';
import { describeAwsError, unreadReason } from '../describe-aws-error';
import { removalDeniedReason, sessionDeniedReason } from './removal-denied';
import { type DeletionStep, type DeletionWhat, REMOVAL_ORDER, stepKey } from './deletion-plan';
import { isSettled, type Journal, type StepResult } from './journal';
import type { RootSessionFactory } from './root-session';
import { TASK_POLICY } from './task-policies';

/** The IAM call that removes each kind; every one omits UserName (the root user in an AssumeRoot session). */
export const DELETE_API: Readonly<Record<DeletionWhat, string>> = {
  password: 'iam:DeleteLoginProfile',
  'access-key': 'iam:DeleteAccessKey',
  'signing-certificate': 'iam:DeleteSigningCertificate',
  'mfa-device': 'iam:DeactivateMFADevice',
};

function removeOne(iam: IAMClient, step: DeletionStep, pacer: Pacer): Promise<unknown> {
  const id = step.identifiers[0];
  const api = DELETE_API[step.what];
  switch (step.what) {
    case 'password':
      return paced(pacer, api, () => iam.send(new DeleteLoginProfileCommand({})));
    case 'access-key':
      return paced(pacer, api, () => iam.send(new DeleteAccessKeyCommand({ AccessKeyId: id })));
    case 'signing-certificate':
      return paced(pacer, api, () => iam.send(new DeleteSigningCertificateCommand({ CertificateId: id })));
    case 'mfa-device':
      return paced(pacer, api, () => iam.send(new DeactivateMFADeviceCommand({ SerialNumber: id })));
  }
}

/**
 * The outcome of one step in this run. `skipped`: settled in an earlier run, per the journal;
 * `kept`: an MFA device left active because a step before it in the same account did not go through
 * (removing MFA then could leave a password without MFA); `not-started`: the run was interrupted first.
 */
export interface StepOutcome {
  readonly step: DeletionStep;
  readonly result: StepResult | 'skipped' | 'kept' | 'not-started';
  readonly reason?: string;
}

/** Counts for the progress line, after each step. */
export interface ApplyProgress {
  readonly accountsDone: number;
  readonly accounts: number;
  readonly removed: number;
  readonly failed: number;
}

/** Options of {@link applyDeletions}. */
export interface ApplyOptions {
  readonly pacer: Pacer;
  /** Results already in the journal (resume): settled steps are never repeated. */
  readonly previous?: ReadonlyMap<string, StepResult>;
  /** Accounts worked on at once; each account's steps run one after another. @default 8 */
  readonly concurrency?: number;
  readonly onProgress?: (progress: ApplyProgress) => void;
  /** Checked before each account and each step: true once the user interrupted (Ctrl-C). */
  readonly shouldStop?: () => boolean;
}

const orderOf = (s: DeletionStep) => REMOVAL_ORDER.indexOf(s.what);

/**
 * Removes exactly the plan's steps, each account in an AssumeRoot session scoped to
 * IAMDeleteRootUserCredentials, in {@link REMOVAL_ORDER} (password, keys, certificates, MFA last),
 * journalling `started` before each IAM call and its result after. A step the journal shows settled
 * is skipped. A step that was `started` but never finished (the run died) is tried again: if it had
 * gone through, IAM answers NoSuchEntity and it is recorded `absent`. MFA is kept in an account where
 * any earlier step did not go through. An interrupt lets the call in flight finish and be journalled,
 * then starts nothing more. A call that times out stops the run (its step stays `started`).
 */
export async function applyDeletions(sessions: RootSessionFactory, steps: readonly DeletionStep[], journal: Journal, options: ApplyOptions): Promise<StepOutcome[]> {
  const { pacer } = options;
  const stop = options.shouldStop ?? (() => false);
  const byAccount = new Map<string, DeletionStep[]>();
  for (const step of steps) byAccount.set(step.accountId, [...(byAccount.get(step.accountId) ?? []), step]);
  const counts = { accountsDone: 0, accounts: byAccount.size, removed: 0, failed: 0 };
  const report = () => options.onProgress?.({ ...counts });
  const outcomes = await mapWithConcurrency([...byAccount.entries()], options.concurrency ?? 8, async ([accountId, unordered]) => {
    const accountSteps = [...unordered].sort((a, b) => orderOf(a) - orderOf(b));
    const out: StepOutcome[] = [];
    const todo = accountSteps.filter((s) => !isSettled(options.previous?.get(stepKey(s))));
    for (const s of accountSteps) if (!todo.includes(s)) out.push({ step: s, result: 'skipped' });
    const finish = () => {
      counts.accountsDone += 1;
      report();
      return out;
    };
    if (todo.length === 0) return finish();
    if (stop()) {
      for (const s of todo) out.push({ step: s, result: 'not-started' });
      return out;
    }
    let session;
    try {
      session = await sessions.open(accountId, TASK_POLICY.delete, pacer);
    } catch (err) {
      if (isTimeoutError(err)) throw err;
      const info = describeAwsError(err);
      const reason = info.kind === 'access-denied' ? sessionDeniedReason(info) : unreadReason(info);
      for (const s of todo) {
        journal.append({ account: accountId, what: s.what, identifiers: s.identifiers, result: 'failed', api: 'sts:AssumeRoot', reason });
        out.push({ step: s, result: 'failed', reason: `sts:AssumeRoot: ${reason}` });
        counts.failed += 1;
      }
      return finish();
    }
    let blocked: string | undefined;
    for (const s of todo) {
      if (stop()) {
        out.push({ step: s, result: 'not-started' });
        continue;
      }
      if (s.what === 'mfa-device' && blocked) {
        out.push({ step: s, result: 'kept', reason: `MFA kept: ${blocked} did not go through, and deactivating MFA now could leave a password without MFA (finish with --resume)` });
        continue;
      }
      const api = DELETE_API[s.what];
      const line = { account: accountId, what: s.what, identifiers: s.identifiers, api, sessionAccessKeyId: session.accessKeyId };
      journal.append({ ...line, result: 'started' });
      try {
        await removeOne(session.iam, s, pacer);
        journal.append({ ...line, result: 'done' });
        out.push({ step: s, result: 'done' });
        counts.removed += 1;
      } catch (err) {
        if (isTimeoutError(err)) throw err;
        const info = describeAwsError(err);
        if (info.kind === 'not-found') {
          journal.append({ ...line, result: 'absent', reason: `${info.code}: already removed` });
          out.push({ step: s, result: 'absent' });
        } else {
          const reason = info.kind === 'access-denied' ? removalDeniedReason(api, info) : unreadReason(info);
          journal.append({ ...line, result: 'failed', reason });
          out.push({ step: s, result: 'failed', reason: `${api}: ${reason}` });
          counts.failed += 1;
          blocked ??= `${WHAT_NAMES[s.what]} ${s.identifiers.join(',')}`;
        }
      }
      report();
    }
    return finish();
  });
  return outcomes.flat();
}

const WHAT_NAMES: Readonly<Record<DeletionWhat, string>> = {
  password: 'deleting the password',
  'access-key': 'deleting access key',
  'signing-certificate': 'deleting signing certificate',
  'mfa-device': 'deactivating MFA device',
};
