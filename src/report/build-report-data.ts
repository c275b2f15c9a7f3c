import { basename, isAbsolute } from 'node:path';
import { dayOf, summarizeRecord } from '../backtest/cloudtrail-record';
import type { AuditReport } from '../ops/audit/audit';
import type { AccountCoverage, CoverageItem } from '../ops/coverage';
import type { RootCredentialsReport } from '../ops/root-credentials/types';
import type { ActivityFilter, ActivityReport, ReportInput, ReportInputKind } from './read-report-input';

/**
 * The data the page renders, in compact rows (arrays, not objects: 5,000 accounts as objects with
 * repeated keys cost about twice the bytes). Pure: the same inputs give the same data.
 */
export interface ReportData {
  /** When and by which version the report was written. */
  readonly produced: { readonly at: string; readonly version: string; readonly commit?: string };
  readonly sources: readonly SourceInfo[];
  readonly audit?: AuditData;
  readonly credentials?: CredentialsData;
  readonly activity?: ActivityData;
}

/** Where one input came from; `unknown` where an older file has no `meta`, `not read` where the run did not learn it. */
export interface SourceInfo {
  readonly kind: ReportInputKind;
  /** The file's name (its whole path only with `report --full-paths`). */
  readonly file: string;
  readonly command: string;
  /** The arguments the command was given, joined by spaces. */
  readonly arguments: string;
  readonly generatedAt: string;
  readonly version: string;
  readonly commit: string;
  readonly configFile: string;
  readonly configSha256: string;
  readonly organizationId: string;
  readonly managementAccountId: string;
  readonly callerAccount: string;
  readonly callerArn: string;
  /** The run's exit code, or `unknown` for a file written before the envelope. */
  readonly exitCode: string;
}

/** How the report is built. */
export interface ReportDataOptions {
  /** Show each input's whole path, not only its name. @default false */
  readonly fullPaths?: boolean;
}

/** Account row: id, name, OU, result, stack sets, SCP, root checks, findings (one line each). */
export type AccountRow = readonly [string, string, string, string, string, string, string, string];

/** Coverage counts of one OU. */
export interface OuCoverage {
  readonly ou: string;
  readonly accounts: number;
  readonly counts: Readonly<Record<AccountCoverage['result'], number>>;
}

export interface AuditData {
  readonly summary: AuditReport['summary'];
  readonly orgChecks: AuditReport['orgChecks'];
  readonly unread: AuditReport['unread'];
  readonly acknowledgedGaps: AuditReport['acknowledgedGaps'];
  readonly accounts: readonly AccountRow[];
  readonly ous: readonly OuCoverage[];
}

/**
 * Credential row: id, name, OU, password (yes/no/unknown), active keys, inactive keys, certificates,
 * MFA devices, error. A count is `'?'` where that kind could not be read: unknown is never shown as 0.
 */
export type CredentialRow = readonly [string, string, string, string, number | '?', number | '?', number | '?', number | '?', string];

export interface CredentialsData {
  readonly summary: RootCredentialsReport['summary'];
  readonly unread: RootCredentialsReport['unread'];
  readonly accounts: readonly CredentialRow[];
}

/** Group row: day, account, event name, count. */
export type GroupRow = readonly [string, string, string, number];

/** A first match, as a person triages it, with the record in full. */
export interface MatchRow {
  readonly time: string;
  readonly day: string;
  readonly account: string;
  readonly region: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly identity: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly error: string;
  readonly from: string;
  readonly json: string;
}

export interface ActivityFilterData {
  readonly id: string;
  readonly filterName: string;
  readonly pattern: string;
  readonly error: string;
  readonly matched: number;
  readonly ungroupedMatches: number;
  readonly groups: readonly GroupRow[];
  readonly firstMatches: readonly MatchRow[];
}

export interface ActivityData {
  readonly events: number;
  readonly files: number | null;
  readonly problems: readonly { readonly path: string; readonly problem: string }[];
  readonly problemsOmitted: number;
  readonly filters: readonly ActivityFilterData[];
}

/** The order results are listed in: worst first. */
export const RESULT_ORDER: readonly AccountCoverage['result'][] = ['uncovered', 'non-compliant', 'unknown', 'covered', 'not-targeted', 'inactive'];

const RANK: Record<CoverageItem['status'], number> = { missing: 4, failing: 3, unknown: 2, ok: 1, 'n/a': 0 };

/** Turns the validated inputs into the page's data. */
export function buildReportData(inputs: readonly ReportInput[], produced: ReportData['produced'], options: ReportDataOptions = {}): ReportData {
  const sources = inputs.map((i) => sourceOf(i, options));
  const audit = inputs.find((i) => i.kind === 'audit');
  const credentials = inputs.find((i) => i.kind === 'root-credentials');
  const activity = inputs.find((i) => i.kind === 'activity');
  return {
    produced,
    sources,
    ...(audit?.kind === 'audit' ? { audit: auditData(audit.data) } : {}),
    ...(credentials?.kind === 'root-credentials' ? { credentials: credentialsData(credentials.data) } : {}),
    ...(activity?.kind === 'activity' ? { activity: activityData(activity.data, options.fullPaths ? (path) => path : archivePath) } : {}),
  };
}

function sourceOf(input: ReportInput, options: ReportDataOptions): SourceInfo {
  const meta = input.meta ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : 'unknown');
  // A field of an envelope's meta that the run did not learn is null or absent: "not read", not "unknown".
  const fact = (v: unknown) => (typeof v === 'string' && v !== '' ? v : input.exitCode === undefined ? 'unknown' : 'not read');
  return {
    kind: input.kind,
    file: options.fullPaths ? input.file : basename(input.file),
    command: text(meta.command),
    // A path among the arguments is shown by its name too (`--config /home/jane/…/root-guard.config.yaml`).
    arguments: Array.isArray(meta.arguments) ? meta.arguments.map((a) => (options.fullPaths || !looksLikeLocalPath(a) ? a : basename(a))).join(' ') : 'unknown',
    generatedAt: text(meta.generatedAt),
    version: text(meta.version),
    commit: text(meta.commit),
    configFile: meta.configFile ? basename(meta.configFile) : input.exitCode === undefined ? 'unknown' : 'none read',
    configSha256: text(meta.configSha256),
    organizationId: fact(meta.organization?.id),
    managementAccountId: fact(meta.organization?.managementAccountId),
    callerAccount: fact(meta.caller?.account),
    callerArn: fact(meta.caller?.arn),
    exitCode: input.exitCode === undefined ? 'unknown' : String(input.exitCode),
  };
}

/** An argument that names a local file or directory: absolute, or relative with a directory part. */
function looksLikeLocalPath(arg: string): boolean {
  return !arg.startsWith('-') && !arg.startsWith('{') && (isAbsolute(arg) || /^~?\.{0,2}\//.test(arg) || (arg.includes('/') && !/^[a-z0-9-]+:/i.test(arg) && !arg.includes(' ')));
}

function auditData(report: AuditReport): AuditData {
  const ous = new Map<string, Record<AccountCoverage['result'], number>>();
  const accounts = report.accounts.map((a): AccountRow => {
    let counts = ous.get(a.ouPath);
    if (!counts) ous.set(a.ouPath, (counts = { uncovered: 0, 'non-compliant': 0, unknown: 0, covered: 0, 'not-targeted': 0, inactive: 0 }));
    counts[a.result]++;
    const findings = a.items
      .filter((i) => i.status === 'missing' || i.status === 'failing' || i.status === 'unknown')
      .map((i) => `${i.label}: ${i.status}: ${i.detail}`)
      .join('\n');
    return [
      a.id, a.name, a.ouPath, a.result,
      worst(a.items.filter((i) => i.id.startsWith('stack-set:'))),
      worst(a.items.filter((i) => i.id === 'scp')),
      rootChecksCell(a.items.filter((i) => i.id.startsWith('config:'))),
      findings,
    ];
  });
  return {
    summary: report.summary,
    orgChecks: report.orgChecks,
    unread: report.unread,
    acknowledgedGaps: report.acknowledgedGaps ?? [],
    accounts,
    ous: [...ous].map(([ou, counts]) => ({ ou, accounts: Object.values(counts).reduce((s, n) => s + n, 0), counts })).sort((x, y) => (x.ou < y.ou ? -1 : x.ou > y.ou ? 1 : 0)),
  };
}

/** The worst status among items, for one cell; `-` when none applies (as `root-guard audit` prints it). */
function worst(items: readonly CoverageItem[]): string {
  if (items.length === 0) return '-';
  return items.reduce((w, item) => (RANK[item.status] > RANK[w.status] ? item : w)).status;
}

/**
 * The root checks' cell: the worst status, and `ok (NOT_APPLICABLE)` when the rules pass because the
 * account has no root credentials left, as `audit` counts it (docs/reference/detection.md#config-rules):
 * never shown as missing or unknown. The page colours a cell by its first word.
 */
function rootChecksCell(items: readonly CoverageItem[]): string {
  const status = worst(items);
  return status === 'ok' && items.some((i) => i.detail.startsWith('NOT_APPLICABLE')) ? 'ok (NOT_APPLICABLE: no root credentials)' : status;
}

function credentialsData(report: RootCredentialsReport): CredentialsData {
  return {
    summary: report.summary,
    unread: report.unread,
    accounts: report.accounts.map((a): CredentialRow => {
      // Unknown when root-credentials says so (null), and, for a file written before it did, when the
      // call that reads that kind failed (unreadParts, error).
      const unread = unreadKinds(a);
      const keys = unread.has('keys') || !Array.isArray(a.accessKeys) ? null : a.accessKeys;
      return [
        a.accountId,
        a.accountName,
        a.ou === undefined ? '?' : a.ou === '' ? 'Root' : a.ou,
        a.loginProfile === null || a.loginProfile === undefined ? 'unknown' : a.loginProfile ? 'yes' : 'no',
        keys === null ? '?' : keys.filter((k) => k.status === 'Active').length,
        keys === null ? '?' : keys.filter((k) => k.status !== 'Active').length,
        unread.has('certs') || !Array.isArray(a.signingCertificates) ? '?' : a.signingCertificates.length,
        unread.has('mfa') || !Array.isArray(a.mfaDevices) ? '?' : a.mfaDevices.length,
        a.error ? `${a.error.api}: ${a.error.reason}` : '',
      ];
    }),
  };
}

/** The IAM call that reads each kind of root credential (docs/root-credentials.md). */
const KIND_OF_API: Readonly<Record<string, CredentialKind>> = {
  'iam:GetLoginProfile': 'password',
  'iam:ListAccessKeys': 'keys',
  'iam:ListSigningCertificates': 'certs',
  'iam:ListMFADevices': 'mfa',
};
type CredentialKind = 'password' | 'keys' | 'certs' | 'mfa';

/**
 * The kinds an account's read did not cover: the kind of each IAM call that failed, and every kind
 * when a call before them failed (AssumeRoot, or a call the report does not know), so an empty list
 * after a failure reads as unknown, not as none.
 */
function unreadKinds(account: RootCredentialsReport['accounts'][number]): ReadonlySet<CredentialKind> {
  const failed = [...(account.unreadParts ?? []), ...(account.error ? [account.error] : [])];
  const kinds = new Set<CredentialKind>();
  for (const part of failed) {
    const kind = KIND_OF_API[part.api];
    if (kind) kinds.add(kind);
    else return new Set<CredentialKind>(['password', 'keys', 'certs', 'mfa']);
  }
  return kinds;
}

/**
 * A CloudTrail file's path as the report shows it: from `AWSLogs/` on (the archive's own layout,
 * which says account, Region and day), else the file's name, so the operator's local directories
 * do not travel with the page (`report --full-paths` keeps them).
 */
export function archivePath(path: string): string {
  const at = path.lastIndexOf('AWSLogs/');
  return at >= 0 ? path.slice(at) : basename(path);
}

function activityData(report: ActivityReport, shown: (path: string) => string): ActivityData {
  return {
    events: report.events,
    files: report.files ?? null,
    problems: (report.problems ?? []).map((p) => ({ path: shown(p.path), problem: p.problem })),
    problemsOmitted: report.problemsOmitted ?? 0,
    filters: report.filters.map((f) => filterData(f, shown)),
  };
}

function filterData(filter: ActivityFilter, shown: (path: string) => string): ActivityFilterData {
  return {
    id: filter.id,
    filterName: filter.filterName ?? '',
    pattern: filter.pattern,
    error: filter.error ?? '',
    matched: filter.matched ?? 0,
    ungroupedMatches: filter.ungroupedMatches ?? 0,
    groups: (filter.groups ?? []).map((g): GroupRow => [g.day, g.account, g.eventName, g.count]),
    firstMatches: (filter.firstMatches ?? []).map((m) => matchRow(shown(m.file), m.record, m.event)),
  };
}

function matchRow(file: string, record: number, event: Record<string, unknown>): MatchRow {
  // The same reading of a record as the backtest's text report, so both show the same fields.
  const s = summarizeRecord(event);
  return {
    time: s.time,
    day: dayOf(event),
    account: s.account,
    region: s.region,
    eventName: s.eventName,
    eventSource: s.eventSource,
    identity: s.identity,
    sourceIp: s.sourceIPAddress,
    userAgent: s.userAgent,
    error: s.error,
    from: `${file}, record ${record}`,
    json: JSON.stringify(event, null, 2),
  };
}
