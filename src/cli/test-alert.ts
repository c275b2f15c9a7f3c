import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { SFNClient } from '@aws-sdk/client-sfn';
import { STSClient } from '@aws-sdk/client-sts';
import { DEFAULT_CONFIG_FILE } from '../config/load';
import { createPlan, resourceNames, securityAccountId, securityEventBusArn, securityTopicArn } from '../plan';
import { API_RATES, createPacer, type Pacer } from '../ops/aws/api-pacer';
import { runFastPathDrill } from '../ops/test-alert/fast-path-drill';
import { runSentinelNow } from '../ops/test-alert/sentinel-run';
import { runTestAlert } from '../ops/test-alert/test-alert';
import {
  type AlertPath, alarmPathReport, EXIT_INTERRUPTED, errorReport, exitCodeOf, fastPathNotTested, fastPathReport, type PathReport, sentinelReport, type TestAlertReport,
} from '../ops/test-alert/test-alert-report';
import { type AwsOptions, type CommandContext, loadCommandContext } from './context';
import { UsageError } from './options';
import { noteRun, renderEnvelope } from './json-output';
import { renderTable } from './output';

/** Options of `root-guard test-alert`. */
export interface TestAlertCommandOptions extends AwsOptions {
  readonly config: string;
  readonly json?: boolean;
  readonly force?: boolean;
  /** Which paths to drive; default: both when fastAlerts is configured, else the alarm path. `sentinel` runs one verification now. */
  readonly path?: 'alarm' | 'fast' | 'both' | 'sentinel';
  /** AWS profile of the security account (bus and topic), for the fast path. */
  readonly securityProfile?: string;
  /** Seconds to wait for the notification in the alarm history. */
  readonly timeout: number;
  /** Seconds to wait for the test rule's metrics. */
  readonly fastTimeout: number;
}

/** What `root-guard test-alert` does once its options are parsed (the action of definitions/test-alert.ts). */
export async function testAlertAction(options: TestAlertCommandOptions): Promise<void> {
  process.exitCode = await runTestAlertCommand(options, (text) => process.stdout.write(text));
}

/** The clock both drills wait by (tests pass a fake one). */
export interface DrillClock {
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Runs the drills; returns the exit code. */
export async function runTestAlertCommand(options: TestAlertCommandOptions, write: (text: string) => void, clock: DrillClock = {}): Promise<number> {
  const context = loadCommandContext(options);
  const paths = choosePaths(options, context);
  const pacer = createPacer(API_RATES);
  // Progress on a terminal only: pipes and CI logs get the result alone (docs/operating.md).
  const progress = (path: AlertPath) => (options.json || !process.stderr.isTTY ? undefined : (message: string) => process.stderr.write(`[${path}] ${message}\n`));
  // Ctrl-C must not leave the alarm in ALARM: a real root event would then notify nobody until the
  // metric's next evaluation. The first SIGINT stops the waiting and lets the alarm path set the alarm
  // back to OK; a second one quits at once, saying how to do it by hand.
  const interrupt = new AbortController();
  const alarmName = resourceNames(context.config.namePrefix).alarm;
  const onSigint = () => {
    if (interrupt.signal.aborted) {
      process.stderr.write(`Interrupted again: quitting now. If ${alarmName} is still in ALARM, set it back: aws cloudwatch set-alarm-state --region ${context.region} --alarm-name ${alarmName} --state-value OK --state-reason "root-guard test-alert interrupted"\n`);
      process.exit(EXIT_INTERRUPTED);
    }
    process.stderr.write(paths.includes('alarm')
      ? `Interrupted: setting ${alarmName} back to OK before exiting (Ctrl-C again to quit at once)…\n`
      : 'Interrupted: stopping the drill (the fast path changes nothing that needs restoring)…\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    // The two drills are independent (two accounts, two services): run them at once, and let both end
    // (the alarm path sets the alarm back to OK) before a timed-out call stops the command.
    const drill = (path: AlertPath) => {
      const run = { pacer, ...clock, onProgress: progress(path), signal: interrupt.signal };
      if (path === 'alarm') return alarmPath(context, options, run);
      return path === 'fast' ? fastPath(context, options, run) : sentinelPath(context, options, run);
    };
    const settled = await Promise.allSettled(paths.map(drill));
    const stopped = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (stopped) throw stopped.reason;
    const reports = settled.map((s) => (s as PromiseFulfilledResult<PathReport>).value);
    const interrupted = interrupt.signal.aborted;
    const report: TestAlertReport = { paths: reports, exitCode: interrupted ? EXIT_INTERRUPTED : exitCodeOf(reports), ...(interrupted ? { interrupted } : {}) };
    const alarmCaller = reports.find((r) => r.alarm)?.alarm?.caller;
    if (alarmCaller) noteRun({ callerArn: alarmCaller, ...(accountOfArn(alarmCaller) ? { callerAccount: accountOfArn(alarmCaller) } : {}) });
    write(options.json ? renderEnvelope('test-alert', report, report.exitCode) : renderTestAlert(report));
    return report.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    context.clients.destroy();
  }
}

/** The account of an ARN (`arn:aws:sts::111111111111:assumed-role/…`), or undefined. */
function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** The paths to drive: `--path`, else both when fastAlerts is configured. */
function choosePaths(options: TestAlertCommandOptions, context: CommandContext): AlertPath[] {
  if (options.path === 'sentinel') {
    if (!context.config.sentinel.enabled) throw new UsageError(`--path sentinel: ${context.file} has sentinel.enabled: false, so there is no sentinel to run`);
    if (!options.securityProfile) throw new UsageError(`--path sentinel needs --security-profile <profile of the security account ${securityAccountId(context.config)}>: the sentinel runs there`);
    return ['sentinel'];
  }
  const fastConfigured = context.config.fastAlerts !== undefined;
  const choice = options.path ?? (fastConfigured ? 'both' : 'alarm');
  if (choice !== 'alarm' && !fastConfigured) {
    throw new UsageError(`--path ${choice}: ${context.file} has no fastAlerts, so there is no fast path to test (use --path alarm, or configure fastAlerts)`);
  }
  if (choice === 'fast' && !options.securityProfile) {
    throw new UsageError(`--path fast needs --security-profile <profile of the security account ${securityAccountId(context.config)}>: the central bus and the topic are there`);
  }
  if (options.securityProfile && choice === 'alarm') {
    throw new UsageError('--security-profile is for the fast path, which --path alarm leaves out (drop one of them)');
  }
  return choice === 'both' ? ['alarm', 'fast'] : [choice];
}

/** What both drills share: the pacer, the clock, a progress line. */
interface DrillRun extends DrillClock {
  readonly pacer: Pacer;
  readonly onProgress?: (message: string) => void;
  /** Aborted by Ctrl-C. */
  readonly signal?: AbortSignal;
}

async function alarmPath(context: CommandContext, options: TestAlertCommandOptions, run: DrillRun): Promise<PathReport> {
  const { config, region, clients: factory } = context;
  try {
    const result = await runTestAlert(
      { cloudwatch: factory.create(CloudWatchClient), sns: factory.create(SNSClient), sts: factory.create(STSClient) },
      {
        alarmName: resourceNames(config.namePrefix).alarm,
        topicArn: securityTopicArn(config),
        region,
        ...run,
        force: options.force,
        timeoutMs: options.timeout * 1000,
      },
    );
    return alarmPathReport(result);
  } catch (err) {
    return errorReport('alarm', err);
  }
}

async function fastPath(context: CommandContext, options: TestAlertCommandOptions, run: DrillRun): Promise<PathReport> {
  const { config, region, clients: factory } = context;
  const security = securityAccountId(config);
  const profile = options.securityProfile;
  if (!profile) return fastPathNotTested(fastPathCommand(options, security), security);
  // The same client set-up as every command (timeouts, retries, --region), with the security account's profile.
  const own = { profile };
  const names = resourceNames(config.namePrefix);
  try {
    const result = await runFastPathDrill(
      { events: factory.create(EventBridgeClient, own), cloudwatch: factory.create(CloudWatchClient, own), sns: factory.create(SNSClient, own), sts: factory.create(STSClient, own) },
      {
        eventBusName: names.eventBus,
        eventBusArn: securityEventBusArn(config),
        ruleName: names.alertTestRule,
        topicArn: securityTopicArn(config),
        securityAccountId: security,
        profile,
        region,
        ...run,
        timeoutMs: options.fastTimeout * 1000,
      },
    );
    return fastPathReport(result);
  } catch (err) {
    return errorReport('fast', err);
  }
}

async function sentinelPath(context: CommandContext, options: TestAlertCommandOptions, run: DrillRun): Promise<PathReport> {
  const sentinel = createPlan({ ...context.config, rootChecks: { ...context.config.rootChecks, includeNestedOUs: false } }).sentinel!;
  try {
    const result = await runSentinelNow(context.clients.create(SFNClient, { profile: options.securityProfile }), {
      stateMachineArn: sentinel.stateMachineArn,
      ...run,
      timeoutMs: options.timeout * 1000,
    });
    return sentinelReport(result);
  } catch (err) {
    return errorReport('sentinel', err);
  }
}

/** The command that runs the fast path alone, with the options that change what it tests. */
function fastPathCommand(options: TestAlertCommandOptions, securityAccount: string): string {
  const parts = ['root-guard test-alert --path fast'];
  if (options.config !== DEFAULT_CONFIG_FILE) parts.push(`--config ${options.config}`);
  if (options.region) parts.push(`--region ${options.region}`);
  parts.push(`--security-profile <profile of account ${securityAccount}>`);
  return parts.join(' ');
}

const STATUS_TEXT: Record<PathReport['status'], string> = {
  delivered: 'delivered', failed: 'FAILED', 'not-seen': 'NOT SEEN', error: 'ERROR', 'not-tested': 'not tested', healthy: 'healthy', unhealthy: 'UNHEALTHY',
};

/** The readable result: one row per path, then what each drill did and what to expect where. */
export function renderTestAlert(report: TestAlertReport): string {
  const out: string[] = [renderTable(['PATH', 'STATUS', 'DETAIL'], report.paths.map((p) => [p.path, STATUS_TEXT[p.status], p.detail])).trimEnd()];
  for (const p of report.paths) {
    if (p.alarm) {
      const a = p.alarm;
      out.push('', `Alarm path (management account, ${a.region})`,
        `  Alarm ${a.alarmName} was set to ALARM by ${a.caller}.`,
        `  Reason recorded on the alarm: "${a.reason}"`,
        `  ${p.detail}${a.notification.status === 'sent' ? `: ${a.notification.detail}` : ''}`,
        a.resetToOk ? `  The alarm is back to OK${a.interrupted ? ' (set back after the interrupt)' : ''}.` : `  The alarm was not set back to OK: ${a.resetError}`,
        '  What to expect:', ...a.expect.map((line) => `    - ${line}`));
    }
    if (p.fast) {
      const f = p.fast;
      out.push('', `Fast path (security account, ${f.region})`,
        `  Drill ${f.drill.drillId} was put on ${f.eventBusArn} by ${f.caller}${f.eventId ? ` (event id ${f.eventId})` : ''}.`,
        `  ${f.delivery.detail}`,
        '  The rule\'s metrics are sums per minute, sent once a minute and sometimes late; they count every drill of that minute.',
        '  What to expect:', ...f.expect.map((line) => `    - ${line}`));
    }
    if (p.sentinel) {
      const s = p.sentinel;
      out.push('', `Sentinel (security account): ${s.executionArn}`, `  ${s.detail}`,
        ...s.findings.map((f) => `  - [${f.check}] ${f.subject}: ${f.detail}`));
    }
  }
  out.push('', report.interrupted ? interruptedLine(report) : resultLine(report.exitCode));
  return `${out.join('\n')}\n`;
}

function interruptedLine(report: TestAlertReport): string {
  const alarm = report.paths.find((p) => p.alarm)?.alarm;
  const restored = !alarm ? 'nothing was changed' : alarm.resetToOk ? `${alarm.alarmName} was set back to OK` : `${alarm.alarmName} could NOT be set back to OK (see above)`;
  return `Result: interrupted (exit ${EXIT_INTERRUPTED}): ${restored}.`;
}

function resultLine(code: number): string {
  if (code === 0) return 'Result: every path run was delivered, or found healthy (exit 0).';
  if (code === 3) return 'Result: delivered, but the fast path was not tested (exit 3): run the command above with the security account\'s profile.';
  return 'Result: a path was not delivered, or the sentinel found the detection unhealthy (exit 1): see its row above.';
}
