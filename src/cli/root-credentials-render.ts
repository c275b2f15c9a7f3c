import type { StepOutcome } from '../ops/root-credentials/apply-deletions';
import type { DeletionPlan, DeletionWhat } from '../ops/root-credentials/deletion-plan';
import { holdsLongTermCredentials } from '../ops/root-credentials/summary';
import type { AccountRootCredentials, RootCredentialsReport } from '../ops/root-credentials/types';
import { renderTable } from './output';

/** Readable output of `root-guard root-credentials`. */

const WHAT: Readonly<Record<DeletionWhat, string>> = {
  password: 'delete password',
  'access-key': 'delete access key',
  'signing-certificate': 'delete signing certificate',
  'mfa-device': 'deactivate MFA device',
};

function keysCell(a: AccountRootCredentials): string {
  if (a.accessKeys.length === 0) return a.loginProfile === null ? '?' : '-';
  return a.accessKeys.map((k) => `${k.accessKeyId} ${k.status}${k.lastUsed ? ` used ${k.lastUsed.slice(0, 10)}` : ' never used'}`).join('; ');
}

/** The accounts that hold anything or could not be read, what could not be read, and the summary naming the holders. */
export function renderInventory(report: RootCredentialsReport): string {
  const out: string[] = [];
  const shown = report.accounts.filter((a) => holdsLongTermCredentials(a) || a.mfaDevices.length > 0 || a.error);
  if (shown.length > 0) {
    out.push(`Member accounts with root credentials, or not read (${shown.length} of ${report.accounts.length})`);
    out.push(renderTable(
      ['ACCOUNT', 'NAME', 'OU', 'PASSWORD', 'ACCESS KEYS', 'MFA', 'CERTS'],
      shown.map((a) => [
        a.accountId, a.accountName, a.ou ?? '?',
        a.loginProfile === null ? '?' : a.loginProfile ? 'yes' : 'no',
        keysCell(a),
        String(a.mfaDevices.length),
        String(a.signingCertificates.length),
      ]),
    ));
  }
  const failures = report.accounts.filter((a) => a.error);
  if (failures.length > 0 || report.unread.length > 0) {
    out.push('Could not read (the inventory is partial)');
    const lines = [
      ...failures.flatMap((a) => (a.unreadParts ?? [a.error!]).map((p) => `  account ${a.accountId} (${a.accountName}): ${p.api}: ${p.reason}`)),
      ...report.unread.map((u) => `  ${u.target}: ${u.api}: ${u.reason}`),
    ];
    out.push(`${lines.join('\n')}\n`);
  }
  const s = report.summary;
  out.push(`Summary: ${s.accounts} member accounts, ${s.read} read completely, ${s.failed} not; ${s.withPassword} with a password, ${s.withAccessKeys} with access keys, `
    + `${s.withSigningCertificates} with signing certificates, ${s.withMfa} with MFA.`);
  const holders = report.accounts.filter(holdsLongTermCredentials);
  out.push(holders.length > 0
    ? `Root users with a password or a long-term credential (${holders.length}): ${holders.map((a) => `${a.accountId} (${a.accountName})`).join(', ')}`
    : 'No member root user holds a password, an access key or a signing certificate.');
  return `${out.join('\n')}\n`;
}

/** The removal plan, step by step. */
export function renderPlan(plan: DeletionPlan, applying: boolean, title?: string): string {
  const out: string[] = [''];
  out.push(title ?? `Removal plan (${plan.kinds.join(',')}): ${plan.steps.length} step(s) in ${new Set(plan.steps.map((s) => s.accountId)).size} account(s)`);
  if (plan.steps.length > 0) {
    out.push(renderTable(['ACCOUNT', 'NAME', 'ACTION', 'IDENTIFIER'], plan.steps.map((s) => [s.accountId, s.accountName, WHAT[s.what], s.identifiers.join(',')])).trimEnd());
  }
  for (const s of plan.skipped) out.push(`  skipped ${s.accountId}: ${s.reason}`);
  if (!plan.kinds.includes('MFA')) out.push('MFA devices are left as they are (add MFA to --delete to deactivate them).');
  out.push(applying ? 'Applying: each step is journalled before and after its IAM call.' : 'Nothing was removed: add --apply to remove exactly these.');
  return `${out.join('\n')}\n`;
}

/** What --apply did. */
export function renderApplyResult(outcomes: readonly StepOutcome[], journalPath: string): string {
  const count = (r: StepOutcome['result']) => outcomes.filter((o) => o.result === r).length;
  const out: string[] = [''];
  const failed = outcomes.filter((o) => o.result === 'failed');
  if (failed.length > 0) {
    out.push('Failed steps');
    out.push(failed.map((o) => `  ${o.step.accountId} (${o.step.accountName}): ${WHAT[o.step.what]} ${o.step.identifiers.join(',')}: ${o.reason ?? ''}`).join('\n'));
  }
  out.push(`Removed: ${count('done')} done, ${count('absent')} already gone, ${count('skipped')} done in an earlier run, ${failed.length} failed. Journal: ${journalPath}`);
  if (failed.length > 0) out.push(`To retry the failed steps: root-guard root-credentials --resume ${journalPath} --apply`);
  return `${out.join('\n')}\n`;
}
