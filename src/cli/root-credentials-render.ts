import { regionName } from '../aws/region-names';
import type { ApplyProgress, StepOutcome } from '../ops/root-credentials/apply-deletions';
import type { DeletionPlan, DeletionWhat } from '../ops/root-credentials/deletion-plan';
import type { PlanFile } from '../ops/root-credentials/plan-file';
import { hasUnknownKind, holdsLongTermCredentials } from '../ops/root-credentials/summary';
import type { AccountRootCredentials, RootCredentialsReport } from '../ops/root-credentials/types';
import { renderTable } from './output';

/** Readable output of `root-guard root-credentials`. */

const WHAT: Readonly<Record<DeletionWhat, string>> = {
  password: 'delete password',
  'access-key': 'delete access key',
  'signing-certificate': 'delete signing certificate',
  'mfa-device': 'deactivate MFA device',
};

/** A count, or `?` when the kind could not be read: unknown is never shown as 0. */
const count = (list: readonly unknown[] | null): string => (list === null ? '?' : String(list.length));

function keysCell(a: AccountRootCredentials): string {
  if (a.accessKeys === null) return '?';
  if (a.accessKeys.length === 0) return '-';
  return a.accessKeys.map((k) => `${k.accessKeyId} ${k.status}${k.lastUsed ? ` used ${k.lastUsed.slice(0, 10)}` : ' never used'}`).join('; ');
}

/** At most `max` ids, then how many more. */
function someIds(ids: readonly string[], max = 10): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/**
 * What could not be read, each reason once with the accounts it affects: 5,000 accounts refused by
 * one SCP are one line, not 5,000; organization-level failures are listed once, apart.
 */
export function renderUnread(report: RootCredentialsReport): string[] {
  const byReason = new Map<string, string[]>();
  const names = new Map(report.accounts.map((a) => [a.accountId, a.accountName]));
  for (const a of report.accounts) {
    for (const p of a.unreadParts ?? (a.error ? [a.error] : [])) {
      const key = `${p.api}: ${p.reason}`;
      byReason.set(key, [...(byReason.get(key) ?? []), a.accountId]);
    }
  }
  return [
    ...report.unread.map((u) => `  organization (${u.target}): ${u.api}: ${u.reason}`),
    ...[...byReason].map(([reason, ids]) => `  ${ids.length === 1 ? `account ${ids[0]} (${names.get(ids[0])})` : `${ids.length} accounts (${someIds(ids)})`}: ${reason}`),
  ];
}

/** The accounts that hold anything or could not be read, what could not be read, and the summary naming the holders. */
export function renderInventory(report: RootCredentialsReport): string {
  const out: string[] = [];
  const shown = report.accounts.filter((a) => holdsLongTermCredentials(a) || (a.mfaDevices?.length ?? 0) > 0 || hasUnknownKind(a));
  if (shown.length > 0) {
    out.push(`Member accounts with root credentials, or not read (${shown.length} of ${report.accounts.length}; ? = could not be read)`);
    out.push(renderTable(
      ['ACCOUNT', 'NAME', 'OU', 'PASSWORD', 'ACCESS KEYS', 'MFA', 'CERTS'],
      shown.map((a) => [
        a.accountId, a.accountName, a.ou ?? '?',
        a.loginProfile === null ? '?' : a.loginProfile ? 'yes' : 'no',
        keysCell(a),
        count(a.mfaDevices),
        count(a.signingCertificates),
      ]),
    ));
  }
  const unread = renderUnread(report);
  if (unread.length > 0) {
    out.push('Could not read (the inventory is partial)');
    out.push(`${unread.join('\n')}\n`);
  }
  const s = report.summary;
  const unknown = (n: number | undefined) => (n ? ` (+${n} unknown)` : '');
  out.push(`Summary: ${s.accounts} member accounts, ${s.read} read completely, ${s.failed} not; ${s.withPassword} with a password${unknown(s.unknownPassword)}, `
    + `${s.withAccessKeys} with access keys${unknown(s.unknownAccessKeys)}, ${s.withSigningCertificates} with signing certificates${unknown(s.unknownSigningCertificates)}, `
    + `${s.withMfa} with MFA${unknown(s.unknownMfa)}.`);
  const holders = report.accounts.filter(holdsLongTermCredentials);
  out.push(holders.length > 0
    ? `Root users with a password or a long-term credential (${holders.length}): ${holders.map((a) => `${a.accountId} (${a.accountName})`).join(', ')}`
    : `No member root user ${s.failed > 0 || report.unread.length > 0 ? 'that could be read ' : ''}holds a password, an access key or a signing certificate.`);
  return `${out.join('\n')}\n`;
}

/** The removal plan, step by step, in the order it runs. */
export function renderPlan(plan: Pick<DeletionPlan, 'kinds' | 'steps' | 'skipped'>, title?: string): string {
  const out: string[] = [''];
  out.push(title ?? `Removal plan (${plan.kinds.join(',')}): ${plan.steps.length} step(s) in ${new Set(plan.steps.map((s) => s.accountId)).size} account(s), per account in this order: password, access keys, signing certificates, MFA last`);
  if (plan.steps.length > 0) {
    out.push(renderTable(['ACCOUNT', 'NAME', 'ACTION', 'IDENTIFIER'], plan.steps.map((s) => [s.accountId, s.accountName, WHAT[s.what], s.identifiers.join(',')])).trimEnd());
  }
  for (const s of plan.skipped) out.push(`  skipped ${s.accountId}: ${s.reason}`);
  if (!plan.kinds.includes('MFA')) out.push('MFA devices are left as they are (add MFA to --delete to deactivate them).');
  return `${out.join('\n')}\n`;
}

/** Why a plan is refused: the accounts it would leave with a password and no MFA. */
export function renderUnsafe(plan: DeletionPlan): string {
  const unsafe = plan.unsafe ?? [];
  return [
    `Refused: this plan would deactivate MFA where a password could stay, in ${unsafe.length} account(s); nothing was written or removed:`,
    ...unsafe.map((u) => `  ${u.accountId} (${u.accountName}): ${u.reason}`),
    '',
  ].join('\n');
}

/** After a dry run: the digest and how to go on. */
export function renderDryRunTail(digest: string, planOut: string | undefined): string {
  return planOut
    ? `Plan ${digest} written to ${planOut}. Nothing was removed. Review it, then: root-guard root-credentials --apply ${planOut}\n`
    : `Plan ${digest}. Nothing was removed. To remove exactly these: add --plan-out FILE (with --accounts or --ou), review the file, then --apply FILE.\n`;
}

/** The alarm and fast-alert names a removal run will trip, when a config names them. */
export interface AlertNames {
  readonly alarm: string;
  readonly homeRegion: string;
  readonly fastAlerts: boolean;
}

/**
 * Said before the first removal (and before the re-read that precedes it): the run works as the root
 * user of each member account, so the security team's root alerts will fire, and what they will
 * show (the alarm's email subject as CloudWatch sends it; the fast alert's first lines, as
 * src/constructs/security-event-bus.ts renders them).
 */
export function renderRootSessionNotice(plan: Pick<PlanFile, 'steps'>, caller: string | undefined, alerts: AlertNames | undefined): string {
  const accounts = new Set(plan.steps.map((s) => s.accountId)).size;
  const example = plan.steps[0];
  const alarm = alerts ? `"${alerts.alarm}"` : 'your root-activity alarm ("<namePrefix>-root-activity")';
  return [
    '',
    `Before it starts: this run opens root sessions (sts:AssumeRoot, task policy IAMDeleteRootUserCredentials, 15 minutes each) in ${accounts} member account(s)${caller ? `, as ${caller}` : ''},`,
    'first to read each account again (IAMAuditRootUserCredentials), then to remove. CloudTrail records every call in the member account as its root user',
    '(userIdentity.type Root, an ASIA… session key), so the root-activity alerts fire for each account:',
    `  alarm:      an email with subject ALARM: ${alarm} in ${alerts ? regionName(alerts.homeRegion) : '<the home Region\'s name>'} (CIS 4.3 / Security Hub CloudWatch.1), within about 5-10 minutes`,
    `  fast alert: ${alerts && !alerts.fastAlerts ? '(fastAlerts is off in the config: none)' : `"ROOT USER ACTIVITY in AWS account ${example?.accountId ?? '<account>'} (…)", "What: ${example ? DELETE_EVENT[example.what] : 'DeleteLoginProfile'} on iam.amazonaws.com", "Credentials: access key ASIA…"`}`,
    'Tell the security team before you go on: the journal records each step\'s session key (sessionAccessKeyId), and `root-guard investigate`',
    'links each alert to this run\'s AssumeRoot.',
    '',
  ].join('\n');
}

/** The CloudTrail eventName of each removal. */
const DELETE_EVENT: Readonly<Record<DeletionWhat, string>> = {
  password: 'DeleteLoginProfile',
  'access-key': 'DeleteAccessKey',
  'signing-certificate': 'DeleteSigningCertificate',
  'mfa-device': 'DeactivateMFADevice',
};

/** The command that finishes a run from its journal. */
export function resumeCommand(journalPath: string, planPath: string): string {
  return `root-guard root-credentials --resume ${journalPath} --apply ${planPath}`;
}

/** The journal's name and how to finish, printed before the first step and on an interrupt. */
export function renderJournalLine(journalPath: string, planPath: string): string {
  return `Journal: ${journalPath} (if this run stops, finish it with: ${resumeCommand(journalPath, planPath)})\n`;
}

/** One progress line: accounts done, removed, failed, remaining, rate. */
export function applyProgressLine(p: ApplyProgress, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (p.accountsDone / (elapsedMs / 1000)) : 0;
  return `${p.accountsDone}/${p.accounts} accounts done, ${p.removed} removed, ${p.failed} failed, ${p.accounts - p.accountsDone} remaining, ${rate.toFixed(1)} accounts/s`;
}

/** Counts of what a run did, for the summary and `--json`. */
export interface ApplyTotals {
  readonly removed: Readonly<Record<DeletionWhat, number>>;
  readonly absent: number;
  readonly skipped: number;
  readonly failed: number;
  readonly kept: number;
  readonly notStarted: number;
  readonly accountsWithFailure: readonly string[];
}

/** Totals of a run's outcomes. */
export function applyTotals(outcomes: readonly StepOutcome[]): ApplyTotals {
  const removed = { password: 0, 'access-key': 0, 'signing-certificate': 0, 'mfa-device': 0 };
  for (const o of outcomes) if (o.result === 'done') removed[o.step.what] += 1;
  const n = (r: StepOutcome['result']) => outcomes.filter((o) => o.result === r).length;
  return {
    removed, absent: n('absent'), skipped: n('skipped'), failed: n('failed'), kept: n('kept'), notStarted: n('not-started'),
    accountsWithFailure: [...new Set(outcomes.filter((o) => o.result === 'failed').map((o) => o.step.accountId))].sort(),
  };
}

/** What a run of `--apply` needs said at the end. */
export interface ApplyRunFacts {
  readonly planPath: string;
  readonly digest: string;
  readonly journalPath: string;
  readonly caller?: string;
  readonly started: Date;
  readonly finished: Date;
  readonly interrupted?: string;
}

/**
 * What --apply did: the failed and kept steps, then a summary a ticket can quote as it is (plan and
 * digest, who, when, counts per kind, failures by account, the journal, how to finish).
 */
export function renderApplyResult(outcomes: readonly StepOutcome[], run: ApplyRunFacts): string {
  const t = applyTotals(outcomes);
  const out: string[] = [''];
  const failed = outcomes.filter((o) => o.result === 'failed');
  if (failed.length > 0) {
    // One line per account and reason: a refused session fails every step of its account for one reason.
    const groups = new Map<string, StepOutcome[]>();
    for (const o of failed) {
      const key = `${o.step.accountId}\u0000${o.reason ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), o]);
    }
    out.push('Failed steps');
    out.push([...groups.values()].map((g) => `  ${g[0].step.accountId} (${g[0].step.accountName}): ${g.map((o) => `${WHAT[o.step.what]} ${o.step.identifiers.join(',')}`).join('; ')}: ${g[0].reason ?? ''}`).join('\n'));
  }
  const kept = outcomes.filter((o) => o.result === 'kept');
  for (const o of kept) out.push(`  kept ${o.step.accountId} (${o.step.accountName}): MFA device ${o.step.identifiers.join(',')}: ${o.reason ?? ''}`);
  const accounts = new Set(outcomes.map((o) => o.step.accountId)).size;
  const unfinished = failed.length + t.kept + t.notStarted > 0;
  out.push(
    '',
    `Summary: root-credentials --apply ${run.planPath} (plan ${run.digest})${run.interrupted ? `, interrupted by ${run.interrupted}` : ''}`,
    `  run:      ${run.started.toISOString()} to ${run.finished.toISOString()}${run.caller ? ` by ${run.caller}` : ''}`,
    `  accounts: ${accounts} in the plan, ${t.accountsWithFailure.length} with a failed step${t.accountsWithFailure.length > 0 ? ` (${someIds(t.accountsWithFailure)})` : ''}`,
    `  removed:  ${t.removed.password} password(s), ${t.removed['access-key']} access key(s), ${t.removed['signing-certificate']} signing certificate(s), ${t.removed['mfa-device']} MFA device(s) deactivated`,
    `  also:     ${t.absent} already gone, ${t.skipped} done in an earlier run, ${t.failed} failed, ${t.kept} MFA device(s) kept, ${t.notStarted} not started`,
    `  journal:  ${run.journalPath}`,
  );
  if (unfinished) out.push(`  to finish: ${resumeCommand(run.journalPath, run.planPath)}`);
  return `${out.join('\n')}\n`;
}

/** The parts of a run that `--json` reports. */
export interface JsonParts {
  readonly report?: RootCredentialsReport;
  readonly plan?: Pick<DeletionPlan, 'kinds' | 'steps' | 'skipped' | 'unsafe'> & { readonly digest?: string; readonly file?: string };
  readonly applied?: { readonly outcomes: readonly StepOutcome[]; readonly journal: string; readonly interrupted?: string };
  /** Why the run was refused before anything was removed (exit 5). */
  readonly refused?: readonly string[];
  readonly exitCode: number;
}

/**
 * The `--json` result of every form of the command, built here and nowhere else: a plain object
 * (the inventory's fields at the top level, as `root-guard report` reads them; `plan`, `applied`,
 * `refused` when there are any; `exitCode`), so that a common envelope can wrap it unchanged.
 */
export function jsonResult(parts: JsonParts): Record<string, unknown> {
  return {
    ...(parts.report ?? {}),
    ...(parts.plan ? { plan: parts.plan } : {}),
    ...(parts.applied ? { applied: { journal: parts.applied.journal, ...(parts.applied.interrupted ? { interrupted: parts.applied.interrupted } : {}), totals: applyTotals(parts.applied.outcomes), steps: parts.applied.outcomes } } : {}),
    ...(parts.refused ? { refused: parts.refused } : {}),
    exitCode: parts.exitCode,
  };
}
