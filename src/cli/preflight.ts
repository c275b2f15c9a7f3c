import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { PreflightClients, PreflightResult } from '../ops/preflight';
import { type AwsOptions, type ClientFactory, loadCommandContext } from './context';
import type { AggregatorOptions } from './options';
import { noteRun, renderEnvelope } from './json-output';
import { createProgress, outputWidth, renderFittedTable, renderTable, wrapText } from './output';

/** Options of `root-guard preflight`. */
export interface PreflightCommandOptions extends AwsOptions, AggregatorOptions {
  readonly config: string;
  readonly json?: boolean;
  readonly scpLimit: number;
  readonly concurrency: number;
  readonly enrolmentStackSet?: string;
}

/** What `root-guard preflight` does once its options are parsed (the action of definitions/preflight.ts). */
export async function preflightAction(options: PreflightCommandOptions): Promise<void> {
  process.exitCode = await runPreflightCommand(options, (text) => process.stdout.write(text));
}

/** The preflight's SDK clients from the command's client factory, each client package loaded only now (see runPreflightCommand). */
async function createPreflightClients(clients: ClientFactory, options: AggregatorOptions, sts: STSClient): Promise<PreflightClients> {
  const readAggregator = options.aggregator !== undefined || options.aggregatorProfile !== undefined;
  const [{ OrganizationsClient }, { CloudFormationClient }, { CloudWatchLogsClient }, { IAMClient }, { SNSClient }, { CloudTrailClient }, { ConfigServiceClient }] = await Promise.all([
    import('@aws-sdk/client-organizations'),
    import('@aws-sdk/client-cloudformation'),
    import('@aws-sdk/client-cloudwatch-logs'),
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-sns'),
    import('@aws-sdk/client-cloudtrail'),
    import('@aws-sdk/client-config-service'),
  ]);
  return {
    sts,
    organizations: clients.create(OrganizationsClient),
    cloudformation: clients.create(CloudFormationClient),
    logs: clients.create(CloudWatchLogsClient),
    iam: clients.create(IAMClient),
    sns: clients.create(SNSClient),
    cloudtrail: clients.create(CloudTrailClient),
    ...(readAggregator ? { aggregatorConfig: clients.create(ConfigServiceClient, { profile: options.aggregatorProfile }) } : {}),
  };
}

/** Runs the command; returns the exit code. */
export async function runPreflightCommand(options: PreflightCommandOptions, print: (text: string) => void): Promise<number> {
  const { file, config, clients } = loadCommandContext(options);
  const progress = createProgress('preflight: reading the organization');
  let result: PreflightResult;
  try {
    // The caller check goes out first, with the one client it needs: the preflight's rules and its other
    // SDK clients (~0.3 s of loading) load while it is on the network (npm run bench:cli).
    const sts = clients.create(STSClient);
    const callerIdentity = sts.send(new GetCallerIdentityCommand({}));
    callerIdentity.catch(() => undefined); // read by the preflight below; not an unhandled rejection meanwhile
    const [{ runPreflight }, preflightClients] = await Promise.all([import('../ops/preflight'), createPreflightClients(clients, options, sts)]);
    result = await runPreflight({
      config,
      configFile: file,
      clients: preflightClients,
      callerIdentity,
      ...(options.aggregator ? { aggregatorName: options.aggregator } : {}),
      scpLimit: options.scpLimit,
      concurrency: options.concurrency,
      ...(options.enrolmentStackSet ? { enrolmentStackSet: options.enrolmentStackSet } : {}),
      onProgress: (done, total, label) => progress.update(done, total, label),
    });
  } finally {
    progress.done();
    clients.destroy();
  }
  const exitCode = result.ok ? 0 : 1;
  if (result.caller.account) noteRun({ callerAccount: result.caller.account, callerArn: result.caller.arn });
  if (result.organizationId) noteRun({ organizationId: result.organizationId });
  print(options.json ? renderEnvelope('preflight', result, exitCode) : renderPreflight(result));
  return exitCode;
}

/** The readable report: one row per finding with its message below, then the totals and what to do. */
export function renderPreflight(result: PreflightResult, width: number = outputWidth()): string {
  // Fitted to the terminal: messages wrap under their finding (src/render/fit-width.ts).
  const lines = [
    ...wrapText(`Preflight of ${result.configFile}: management account ${result.managementAccountId}, home region ${result.homeRegion}, as ${result.caller.arn}`, width, '', '  '),
    '',
  ];
  // One table row per finding (status, check, target, API call), its message on the line below it:
  // messages are sentences with the fix, too long to share a row with the other columns.
  const table = renderTable(['STATUS', 'CHECK', 'TARGET', 'API'], result.findings.map((f) => [f.status.toUpperCase(), f.check, f.target, f.api])).trimEnd().split('\n');
  if (table[0].length > width) {
    // Too wide for the terminal: the API call moves to the start of its finding's message.
    const rows = result.findings.map((f) => [f.status.toUpperCase(), f.check, f.target]);
    const findings = renderFittedTable(['STATUS', 'CHECK', 'TARGET'], rows, width, (i) => wrapText(`${result.findings[i].api}: ${result.findings[i].message}`, width, '        '));
    lines.push(...findings.trimEnd().split('\n'));
  } else {
    lines.push(...table.slice(0, 2));
    result.findings.forEach((f, i) => lines.push(table[i + 2], ...wrapText(f.message, width, '        ')));
  }
  lines.push('');
  const { pass, warn, fail } = result.summary;
  lines.push(`${result.findings.length} findings: ${pass} pass, ${warn} warn, ${fail} fail.`);
  if (result.unread.length > 0) {
    lines.push(`Partial result: ${result.unread.length} item(s) could not be read:`);
    for (const u of result.unread) lines.push(...wrapText(`${u.target} (${u.api}): ${u.reason}`, width, '  ', '      '));
  }
  lines.push(fail > 0 ? 'Fix the failures above before committing the package.' : 'Ready: commit the package, then `root-guard publish`.');
  return `${lines.join('\n')}\n`;
}
