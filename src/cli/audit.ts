import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SNSClient } from '@aws-sdk/client-sns';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load';
import { loadOuResolution } from '../config/ou-resolution';
import { organizationTrailLogGroupName } from '../plan/organization-trail';
import { API_RATES, createPacer } from '../ops/api-pacer';
import { clientSettings } from '../ops/aws-clients';
import { AUDIT_EXIT, runAudit, type AuditReport } from '../ops/audit';
import { CONTROL_TOWER_AGGREGATOR } from '../ops/config-compliance';
import type { AccountCoverage, CoverageItem, ItemStatus } from '../ops/coverage';
import { createProgress, renderJson, renderTable } from './output';

/** Options of `root-guard audit`. */
export interface AuditCommandOptions {
  readonly config: string;
  readonly json?: boolean;
  /** List every account, not only those with gaps or unknowns. */
  readonly all?: boolean;
  /** AWS profile for the management account; default: the standard credential chain. */
  readonly profile?: string;
  readonly aggregator: string;
  /** AWS profile for the aggregator's account (Control Tower's is in the Audit account). */
  readonly aggregatorProfile?: string;
  readonly concurrency: number;
}

/** `root-guard audit`: is every account covered by what the package deploys? */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Check every account of the organization against the config: stack instances, SCP, Config root checks, alarm and topic')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--json', 'print the full result as JSON (for CI)')
    .option('--all', 'list every account, not only those with gaps')
    .option('--profile <name>', 'AWS profile of the management account (default: the standard credential chain)')
    .option('--aggregator <name>', 'AWS Config aggregator with the root checks\' results', CONTROL_TOWER_AGGREGATOR)
    .option('--aggregator-profile <name>', 'AWS profile of the aggregator\'s account (Control Tower\'s is in the Audit account)')
    .option('--concurrency <n>', 'Organizations parents listed at once per API', parsePositiveInt, 3)
    .addHelpText('after', [
      '',
      'Exit codes: 0 every account covered; 1 gaps (an account uncovered or non-compliant, or an',
      'org-level check missing or failing); 3 no gap found but something could not be read (partial).',
    ].join('\n'))
    .action(async (options: AuditCommandOptions) => {
      process.exitCode = await runAuditCommand(options, (text) => process.stdout.write(text));
    });
}

/** Runs the audit with clients from the standard credential chain; returns the exit code. */
export async function runAuditCommand(options: AuditCommandOptions, write: (text: string) => void): Promise<number> {
  const { file, config } = loadConfig(options.config);
  const settings = { ...clientSettings(config.homeRegion), ...(options.profile ? { profile: options.profile } : {}) };
  const aggregatorProfile = options.aggregatorProfile ?? options.profile;
  const clients = {
    organizations: new OrganizationsClient(settings),
    cloudformation: new CloudFormationClient(settings),
    cloudwatch: new CloudWatchClient(settings),
    logs: new CloudWatchLogsClient(settings),
    sns: new SNSClient(settings),
    config: new ConfigServiceClient({ ...clientSettings(config.homeRegion), ...(aggregatorProfile ? { profile: aggregatorProfile } : {}) }),
  };
  const progress = createProgress('Reading the organization');
  try {
    const report = await runAudit(clients, {
      config,
      logGroupName: organizationTrailLogGroupName(config, loadOuResolution(file)),
      pacer: createPacer(API_RATES),
      concurrency: options.concurrency,
      aggregatorName: options.aggregator,
      onProgress: (p) => progress.update(p.accounts, undefined, `accounts listed, ${p.parentsDone}/${p.parentsKnown} OUs mapped`),
    });
    progress.done();
    write(options.json ? renderJson(report) : renderAuditReport(report, { all: options.all }));
    return report.summary.exitCode;
  } finally {
    progress.done();
    for (const client of Object.values(clients)) client.destroy();
  }
}

const RANK: Record<ItemStatus, number> = { missing: 4, failing: 3, unknown: 2, ok: 1, 'n/a': 0 };

/** The worst status among items, for one table cell; `-` when none applies. */
function cell(items: readonly CoverageItem[]): string {
  if (items.length === 0) return '-';
  return items.reduce((worst, item) => (RANK[item.status] > RANK[worst.status] ? item : worst)).status;
}

/** The readable report: org-level checks, accounts with gaps, the gaps, what could not be read, a summary. */
export function renderAuditReport(report: AuditReport, options: { all?: boolean } = {}): string {
  const { summary } = report;
  const out: string[] = [];
  out.push('Organization checks');
  out.push(renderTable(['CHECK', 'STATUS', 'DETAIL'], report.orgChecks.map((c) => [c.label, c.status, c.detail])));

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
    out.push(gaps.map((g) => `  ${g}`).join('\n') + '\n');
  }
  if (report.unread.length > 0) {
    out.push('Could not read (the audit is partial)');
    out.push(report.unread.map((u) => `  ${u.target}: ${u.api}: ${u.reason}`).join('\n') + '\n');
  }
  out.push(
    `Summary: ${summary.accounts} accounts: ${summary.covered} covered, ${summary.uncovered} uncovered, ${summary.nonCompliant} non-compliant, `
    + `${summary.unknown} unknown, ${summary.notTargeted} not targeted by the config, ${summary.inactive} inactive; `
    + `${summary.orgGaps} org-level gap(s).`,
  );
  out.push(exitLine(summary.exitCode));
  return out.join('\n') + '\n';
}

function hasFinding(account: AccountCoverage): boolean {
  return account.result !== 'covered' && account.result !== 'not-targeted' && account.result !== 'inactive';
}

function exitLine(code: number): string {
  if (code === AUDIT_EXIT.gaps) return 'Result: gaps found (exit 1).';
  if (code === AUDIT_EXIT.partial) return 'Result: no gap found, but the audit is partial (exit 3): fix the access listed above and run again.';
  return 'Result: every account is covered (exit 0).';
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new InvalidArgumentError('must be a whole number from 1 to 20');
  return n;
}
