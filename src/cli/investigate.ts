import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { type AccountLabel, readAccountLabels } from '../ops/investigate/account-labels';
import { organizationTrailLogGroupName } from '../plan/organization-trail';
import { API_RATES, createPacer } from '../ops/aws/api-pacer';
import { investigateRootActivity, type InvestigateResult } from '../ops/investigate/investigate';
import { describeTaskPolicy } from '../ops/root-credentials/task-policies';
import { type AwsOptions, loadCommandContext } from './context';
import { INVESTIGATE_ROOT_CREDENTIALS_USED } from './definitions/investigate';
import { UsageError } from './options';

export { INVESTIGATE_ROOT_CREDENTIALS_USED } from './definitions/investigate';
import { renderEnvelope } from './json-output';
import { createProgress, renderTable } from './output';

/** Options of `root-guard investigate`. */
export interface InvestigateCommandOptions extends AwsOptions {
  readonly config: string;
  readonly json?: boolean;
  /** Milliseconds before now (parsed from `30m`, `1h`, `2d`). */
  readonly since?: number;
  readonly start?: Date;
  readonly end?: Date;
  readonly limit: number;
  readonly timeout: number;
  /** Default: the config's organizationTrail.logGroupName, else the one `root-guard resolve` recorded, else aws-controltower/CloudTrailLogs. */
  readonly logGroup?: string;
  /** Exit 4 when an event used the root user's own credentials (not an AssumeRoot session). */
  readonly failOnRootCredentials?: boolean;
}


/** The `--json` result: the query's result and, per account found, its name and OU. */
export interface InvestigateOutput extends InvestigateResult {
  /** Per account found: its name and OU path, or why they could not be read. */
  readonly accounts: Readonly<Record<string, AccountLabel>>;
}

/** Default window when neither --since nor --start is given. */
const DEFAULT_SINCE_MS = 60 * 60 * 1000;

/** What `root-guard investigate` does once its options are parsed (the action of definitions/investigate.ts). */
export async function investigateAction(options: InvestigateCommandOptions): Promise<void> {
  process.exitCode = await runInvestigateCommand(options, (text) => process.stdout.write(text));
}

/** The query window from the options. Throws UserError for contradictory options. */
export function windowOf(options: Pick<InvestigateCommandOptions, 'since' | 'start' | 'end'>, now: Date): { start: Date; end: Date } {
  if (options.since !== undefined && options.start) throw new UsageError('--since and --start both give the window start: use one of them');
  if (options.since !== undefined && options.end) throw new UsageError('--since ends the window now: use --start with --end for a window in the past');
  const end = options.end ?? now;
  const start = options.start ?? new Date(end.getTime() - (options.since ?? DEFAULT_SINCE_MS));
  if (start.getTime() >= end.getTime()) throw new UsageError(`--start ${start.toISOString()} is not before --end ${end.toISOString()}`);
  return { start, end };
}

/** Runs the query; returns the exit code (0: the query ran, whether or not it found root events). */
export async function runInvestigateCommand(options: InvestigateCommandOptions, write: (text: string) => void): Promise<number> {
  const { start, end } = windowOf(options, new Date());
  const context = loadCommandContext(options);
  const logGroupName = options.logGroup ?? organizationTrailLogGroupName(context.config, context.ouResolution());
  const client = context.clients.create(CloudWatchLogsClient);
  const progress = createProgress('Logs Insights query');
  try {
    const result = await investigateRootActivity(client, {
      logGroupName,
      start,
      end,
      limit: options.limit,
      pacer: createPacer(API_RATES),
      timeoutMs: options.timeout * 1000,
      onProgress: (status, scanned) => progress.update(scanned, undefined, `records scanned (${status})`),
    });
    progress.done();
    // Names and OUs of the accounts found, so a responder knows whose account it is (issue 28 §7).
    const labels = result.events.length === 0 ? new Map<string, AccountLabel>()
      : await readAccountLabels(context.clients.create(OrganizationsClient), createPacer(API_RATES), result.events.map((e) => e.accountId));
    const ownCredentials = result.events.some((e) => !e.assumeRoot);
    const exitCode = options.failOnRootCredentials && ownCredentials ? INVESTIGATE_ROOT_CREDENTIALS_USED : 0;
    const output: InvestigateOutput = { ...result, accounts: Object.fromEntries(labels) };
    write(options.json ? renderEnvelope('investigate', output, exitCode) : renderInvestigation(result, labels));
    return exitCode;
  } finally {
    progress.done();
    context.clients.destroy();
  }
}

/** The readable result: one row per root event, then the AssumeRoot sessions behind them. */
export function renderInvestigation(result: InvestigateResult, labels: ReadonlyMap<string, AccountLabel> = new Map()): string {
  const out: string[] = [`Root activity in ${result.logGroupName} from ${result.start} to ${result.end}: ${result.events.length} event(s).`];
  if (result.events.length > 0) {
    out.push(renderTable(
      ['TIME', 'ACCOUNT', 'NAME', 'OU', 'EVENT', 'SOURCE', 'SOURCE IP', 'REGION', 'MFA', 'USER AGENT', 'ASSUMEROOT'],
      result.events.map((e) => [
        e.time.replace('T', ' '),
        e.accountId,
        labels.get(e.accountId)?.name ?? '?',
        labels.get(e.accountId)?.ou ?? '?',
        e.consoleLogin ? `${e.eventName} (${e.consoleLogin})` : e.errorCode ? `${e.eventName} (${e.errorCode})` : e.eventName,
        e.eventSource.replace(/\.amazonaws\.com$/, ''),
        e.sourceIp,
        e.region,
        e.mfa,
        e.userAgent.length > 40 ? `${e.userAgent.slice(0, 39)}…` : e.userAgent,
        e.assumeRoot ? 'yes' : 'no',
      ]),
    ).trimEnd());
  }
  const sessions = new Map<string, { count: number; line: string }>();
  for (const e of result.events) {
    if (!e.assumeRoot || !e.accessKeyId) continue;
    const s = e.assumeRoot;
    const entry = sessions.get(e.accessKeyId) ?? {
      count: 0,
      line: `${e.accessKeyId}: issued ${s.issuedAt} by ${s.callerArn} (account ${s.callerAccount}, from ${s.sourceIp}) for account ${s.targetAccount}${s.taskPolicyArn ? `, task policy ${s.taskPolicyArn.replace(/^.*:policy\//, '')}` : ''}${describeTaskPolicy(s.taskPolicyArn) ? ` (${describeTaskPolicy(s.taskPolicyArn)})` : ''}`,
    };
    entry.count++;
    sessions.set(e.accessKeyId, entry);
  }
  if (sessions.size > 0) {
    out.push('', 'AssumeRoot sessions (privileged tasks run centrally, not the root user\'s own credentials):');
    for (const { count, line } of sessions.values()) out.push(`  ${line}: ${count} event(s)`);
  }
  const own = result.events.filter((e) => !e.assumeRoot);
  if (own.length > 0) out.push('', `${own.length} event(s) used the root user's own credentials: treat them as an incident unless someone owns them.`);
  const unlabelled = [...labels].filter(([, l]) => l.unread);
  if (unlabelled.length > 0) out.push('', `Account names and OUs not read for ${unlabelled.map(([id]) => id).join(', ')}: ${unlabelled[0][1].unread}`);
  if (result.truncated) out.push('', `The query returned its limit of rows: older events may be missing (narrow the window, or raise --limit).`);
  return `${out.join('\n')}\n`;
}

