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
import { describeAwsError, unreadReason } from '../describe-aws-error';
import { type DeletionStep, type DeletionWhat, stepKey } from './deletion-plan';
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

/** The outcome of one step in this run (`skipped`: settled in an earlier run, per the journal). */
export interface StepOutcome {
  readonly step: DeletionStep;
  readonly result: StepResult | 'skipped';
  readonly reason?: string;
}

/** Options of {@link applyDeletions}. */
export interface ApplyOptions {
  readonly pacer: Pacer;
  /** Results already in the journal (resume): settled steps are never repeated. */
  readonly previous?: ReadonlyMap<string, StepResult>;
  /** Accounts worked on at once; each account's steps run one after another. @default 8 */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Removes exactly the plan's steps, each in an AssumeRoot session scoped to
 * IAMDeleteRootUserCredentials, journalling `started` before each IAM call and its result after.
 * A step the journal shows settled is skipped. A step that was `started` but never finished (the run
 * died) is tried again: if it had gone through, IAM answers NoSuchEntity and it is recorded `absent`.
 */
export async function applyDeletions(sessions: RootSessionFactory, steps: readonly DeletionStep[], journal: Journal, options: ApplyOptions): Promise<StepOutcome[]> {
  const { pacer } = options;
  const byAccount = new Map<string, DeletionStep[]>();
  for (const step of steps) byAccount.set(step.accountId, [...(byAccount.get(step.accountId) ?? []), step]);
  let done = 0;
  const outcomes = await mapWithConcurrency([...byAccount.entries()], options.concurrency ?? 8, async ([accountId, accountSteps]) => {
    const out: StepOutcome[] = [];
    const todo = accountSteps.filter((s) => !isSettled(options.previous?.get(stepKey(s))));
    for (const s of accountSteps) if (!todo.includes(s)) out.push({ step: s, result: 'skipped' });
    if (todo.length === 0) {
      options.onProgress?.(++done, byAccount.size);
      return out;
    }
    let session;
    try {
      session = await sessions.open(accountId, TASK_POLICY.delete, pacer);
    } catch (err) {
      const reason = unreadReason(describeAwsError(err));
      for (const s of todo) {
        journal.append({ account: accountId, what: s.what, identifiers: s.identifiers, result: 'failed', api: 'sts:AssumeRoot', reason });
        out.push({ step: s, result: 'failed', reason: `sts:AssumeRoot: ${reason}` });
      }
      options.onProgress?.(++done, byAccount.size);
      return out;
    }
    for (const s of todo) {
      const api = DELETE_API[s.what];
      const line = { account: accountId, what: s.what, identifiers: s.identifiers, api, sessionAccessKeyId: session.accessKeyId };
      journal.append({ ...line, result: 'started' });
      try {
        await removeOne(session.iam, s, pacer);
        journal.append({ ...line, result: 'done' });
        out.push({ step: s, result: 'done' });
      } catch (err) {
        const info = describeAwsError(err);
        if (info.kind === 'not-found') {
          journal.append({ ...line, result: 'absent', reason: `${info.code}: already removed` });
          out.push({ step: s, result: 'absent' });
        } else {
          const reason = unreadReason(info);
          journal.append({ ...line, result: 'failed', reason });
          out.push({ step: s, result: 'failed', reason: `${api}: ${reason}` });
        }
      }
    }
    options.onProgress?.(++done, byAccount.size);
    return out;
  });
  return outcomes.flat();
}
