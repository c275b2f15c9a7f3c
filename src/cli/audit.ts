import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type OuResolution, ouResolutionPath } from '../config/ou-resolution';
import { UserError } from '../errors';
import { operatingLogGroup } from '../plan/organization-trail';
import { API_RATES, createPacer } from '../ops/aws/api-pacer';
import type { AuditClients, AuditReport } from '../ops/audit/audit';
import { AUDIT_EXIT } from '../ops/audit/audit-exit';
import type { AccountCoverage, CoverageItem, ItemStatus } from '../ops/coverage';
import { type AwsOptions, type ClientFactory, loadCommandContext } from './context';
import type { AggregatorOptions } from './options';
import { noteRun, renderEnvelope } from './json-output';
import { createProgress, outputWidth, renderFittedTable, renderTable, wrapText } from './output';

/** Options of `root-guard audit`. */
export interface AuditCommandOptions extends AwsOptions, AggregatorOptions {
  readonly config: string;
  readonly json?: boolean;
  /** List every account, not only those with gaps or unknowns. */
  readonly all?: boolean;
  /** AWS profile of the security topic's account, to read its subscriptions' attributes. */
  readonly topicProfile?: string;
  readonly concurrency: number;
}

/** What `root-guard audit` does once its options are parsed (the action of definitions/audit.ts). */
export async function auditAction(options: AuditCommandOptions): Promise<void> {
  process.exitCode = await runAuditCommand(options, (text) => process.stdout.write(text));
}

/** Runs the audit with clients from the standard credential chain; returns the exit code. */
export async function runAuditCommand(options: AuditCommandOptions, write: (text: string) => void): Promise<number> {
  const context = loadCommandContext(options);
  const { config, clients: factory } = context;
  const progress = createProgress('Reading the organization');
  try {
    // Only STS is loaded before the first call: the caller check is sent, and the audit's code and its
    // eight other SDK clients (~0.2 s of loading) load while it is on the network (npm run bench:cli).
    const caller = checkCaller(factory.create(STSClient), config.managementAccountId);
    caller.catch(() => undefined); // awaited below; not an unhandled rejection while the rest loads
    const [{ runAudit }, clients] = await Promise.all([import('../ops/audit/audit'), createAuditClients(factory, options)]);
    await caller;
    const report = await runAudit(clients, {
      config,
      logGroup: operatingLogGroup(config, context.ouResolution()),
      recordFile: ouResolutionPath(context.file),
      pacer: createPacer(API_RATES),
      concurrency: options.concurrency,
      aggregatorName: options.aggregator,
      resolvedRootCheckPaths: resolvedRootCheckPaths(context.ouResolution),
      onProgress: (p) => progress.update(p.accounts, undefined, `accounts listed, ${p.parentsDone}/${p.parentsKnown} OUs mapped`),
    });
    progress.done();
    write(options.json ? renderEnvelope('audit', report, report.summary.exitCode) : renderAuditReport(report, { all: options.all }));
    return report.summary.exitCode;
  } finally {
    progress.done();
    factory.destroy();
  }
}

/** The audit's SDK clients, each client package loaded only now (see runAuditCommand). */
async function createAuditClients(factory: ClientFactory, options: AuditCommandOptions): Promise<AuditClients> {
  const [{ OrganizationsClient }, { CloudFormationClient }, { CloudWatchClient }, { CloudWatchLogsClient }, { SNSClient }, { ConfigServiceClient }, { CloudTrailClient }, { IAMClient }, { KMSClient }] = await Promise.all([
    import('@aws-sdk/client-organizations'),
    import('@aws-sdk/client-cloudformation'),
    import('@aws-sdk/client-cloudwatch'),
    import('@aws-sdk/client-cloudwatch-logs'),
    import('@aws-sdk/client-sns'),
    import('@aws-sdk/client-config-service'),
    import('@aws-sdk/client-cloudtrail'),
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-kms'),
  ]);
  return {
    organizations: factory.create(OrganizationsClient),
    cloudformation: factory.create(CloudFormationClient),
    cloudwatch: factory.create(CloudWatchClient),
    logs: factory.create(CloudWatchLogsClient),
    sns: factory.create(SNSClient),
    ...(options.topicProfile ? { topicSns: factory.create(SNSClient, { profile: options.topicProfile }), topicKms: factory.create(KMSClient, { profile: options.topicProfile }) } : {}),
    config: factory.create(ConfigServiceClient, { profile: options.aggregatorProfile }),
    cloudtrail: factory.create(CloudTrailClient),
    iam: factory.create(IAMClient),
  };
}

/**
 * The OU paths the recorded resolution gives the root checks, so the audit tells only accounts in an
 * OU outside it to run `root-guard resolve`. A missing or stale file is not the audit's to report (build and
 * preflight do): then every nested account gets the hint.
 */
function resolvedRootCheckPaths(read: () => OuResolution | undefined): readonly string[] | undefined {
  try {
    return read()?.targets['rootChecks.organizationalUnits']?.paths;
  } catch (err) {
    if (err instanceof UserError) return undefined;
    throw err;
  }
}

/**
 * Stops before reading anything when the credentials are not the management account's: otherwise
 * every stack instance and SCP would be reported "missing" when the truth is "wrong account".
 * GetCallerIdentity needs no permission (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
 */
export async function checkCaller(sts: STSClient, managementAccountId: string): Promise<void> {
  const caller = await sts.send(new GetCallerIdentityCommand({})).catch((err: Error) => {
    if (err instanceof UserError) throw err; // a timeout or an unknown profile, already one line
    throw new UserError(`audit: sts:GetCallerIdentity failed: ${err.name}: ${err.message} (check the credentials: --profile, AWS_PROFILE or the environment)`);
  });
  noteRun({ ...(caller.Account ? { callerAccount: caller.Account } : {}), ...(caller.Arn ? { callerArn: caller.Arn } : {}) });
  if (caller.Account !== managementAccountId) {
    throw new UserError(`audit: wrong account: the credentials are account ${caller.Account} (${caller.Arn}), the config's managementAccountId is ${managementAccountId} (run with the management account's credentials, e.g. --profile <management-profile>)`);
  }
}

const RANK: Record<ItemStatus, number> = { missing: 4, failing: 3, unknown: 2, ok: 1, 'n/a': 0 };

/** The worst status among items, for one table cell; `-` when none applies. */
function cell(items: readonly CoverageItem[]): string {
  if (items.length === 0) return '-';
  return items.reduce((worst, item) => (RANK[item.status] > RANK[worst.status] ? item : worst)).status;
}

/** The readable report: org-level checks, accounts with gaps, the gaps, what could not be read, a summary. */
export function renderAuditReport(report: AuditReport, options: { all?: boolean; width?: number } = {}): string {
  const { summary } = report;
  // Fitted to the terminal: long details wrap under their column (src/render/fit-width.ts).
  const width = options.width ?? outputWidth();
  const out: string[] = [];
  out.push('Organization checks');
  out.push(renderFittedTable(['CHECK', 'STATUS', 'DETAIL'], report.orgChecks.map((c) => [c.label, c.status, c.detail]), width));

  const shown = options.all ? report.accounts : report.accounts.filter(hasFinding);
  if (shown.length > 0) {
    out.push(options.all ? `Accounts (${report.accounts.length})` : `Accounts with gaps or unknowns (${shown.length} of ${report.accounts.length}; --all lists every account)`);
    out.push(renderTable(
      ['ACCOUNT', 'NAME', 'OU', 'RESULT', 'STACK SETS', 'SCP', 'ROOT CHECKS'],
      shown.map((a) => [
        a.id, a.name, a.ouPath, a.result,
        cell(a.items.filter((i) => i.id.startsWith('stack-set:'))),
        cell(a.items.filter((i) => i.id === 'scp')),
        cell(a.items.filter((i) => i.id.startsWith('config:'))),
      ]),
    ));
  }

  const gaps = report.accounts.flatMap((a) => a.items
    .filter((i) => i.status === 'missing' || i.status === 'failing' || i.status === 'unknown')
    .map((i) => `${a.id} (${a.name || 'no name'}, ${a.ouPath}): ${i.label}: ${i.status}: ${i.detail}`));
  if (gaps.length > 0) {
    out.push('Gaps by account');
    out.push(gaps.flatMap((g) => wrapText(g, width, '  ', '      ')).join('\n') + '\n');
  }
  if (report.acknowledgedGaps.length > 0) {
    out.push('Acknowledged gaps (acknowledgedGaps in the config: accepted with a reason, not counted as gaps)');
    out.push(report.acknowledgedGaps.map((g) => `  ${g.check} ${g.target}: ${JSON.stringify(g.reason)}`).join('\n') + '\n');
  }
  if (report.unread.length > 0) {
    out.push('Could not read (the audit is partial)');
    out.push(report.unread.flatMap((u) => wrapText(`${u.target}: ${u.api}: ${withoutApi(u.reason, u.api)}`, width, '  ', '      ')).join('\n') + '\n');
  }
  out.push(...wrapText(
    `Summary: ${summary.accounts} accounts: ${summary.covered} covered, ${summary.uncovered} uncovered, ${summary.nonCompliant} non-compliant, `
    + `${summary.unknown} unknown, ${summary.notTargeted} not targeted by the config, ${summary.inactive} inactive; `
    + `${summary.orgGaps} org-level gap(s).`,
    width,
  ));
  out.push(...wrapText(exitLine(summary.exitCode), width));
  return out.join('\n') + '\n';
}

/** A reason without the API name it may already start with ("organizations:ListRoots failed: …"), so each line names it once. */
function withoutApi(reason: string, api: string): string {
  return reason.startsWith(`${api} failed: `) ? reason.slice(api.length + 9) : reason.startsWith(`${api}: `) ? reason.slice(api.length + 2) : reason;
}

function hasFinding(account: AccountCoverage): boolean {
  return account.result !== 'covered' && account.result !== 'not-targeted' && account.result !== 'inactive';
}

function exitLine(code: number): string {
  if (code === AUDIT_EXIT.gaps) return 'Result: gaps found (exit 1).';
  if (code === AUDIT_EXIT.partial) return 'Result: no gap found, but the audit is partial (exit 3): fix the access listed above and run again.';
  return 'Result: every account is covered (exit 0).';
}
