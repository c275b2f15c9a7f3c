import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/load';
import { resourceNames, securityTopicArn } from '../plan';
import { API_RATES, createPacer } from '../ops/api-pacer';
import { runTestAlert, type TestAlertResult } from '../ops/test-alert';
import { addAwsOptions, type AwsOptions, loadCommandContext } from './context';
import { addExitCodes, EXIT_USAGE_LINE, integerOption } from './options';
import { renderJson } from './output';

/** Options of `root-guard test-alert`. */
export interface TestAlertCommandOptions extends AwsOptions {
  readonly config: string;
  readonly json?: boolean;
  readonly force?: boolean;
  /** Seconds to wait for the notification in the alarm history. */
  readonly timeout: number;
}

/** `root-guard test-alert`: a real notification through the real path, then back to OK. */
export function registerTestAlert(program: Command): void {
  const command = program
    .command('test-alert')
    .description('Set the root-activity alarm to ALARM and back to OK, so the security team receives a real notification')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--json', 'print the result as JSON')
    .option('--force', 'run even if the alarm is in ALARM now (it is set to OK first)')
    .option('--timeout <seconds>', 'how long to wait for CloudWatch to report the notification', integerOption({ min: 5, max: 900, unit: 'seconds' }), 90)
    .addHelpText('after', [
      '',
      'Needs cloudwatch:DescribeAlarms, SetAlarmState and DescribeAlarmHistory on the alarm in the',
      'management account, home region (--profile of the management account).',
    ].join('\n'));
  addAwsOptions(command);
  addExitCodes(command, ['0 CloudWatch reports the notification sent', '1 otherwise (not sent, not seen in time, or an AWS call failed or timed out)', EXIT_USAGE_LINE])
    .action(async (options: TestAlertCommandOptions) => {
      process.exitCode = await runTestAlertCommand(options, (text) => process.stdout.write(text));
    });
}

/** Runs the drill; returns the exit code. */
export async function runTestAlertCommand(options: TestAlertCommandOptions, write: (text: string) => void): Promise<number> {
  const { config, region, clients: factory } = loadCommandContext(options);
  const clients = { cloudwatch: factory.create(CloudWatchClient), sns: factory.create(SNSClient), sts: factory.create(STSClient) };
  try {
    const result = await runTestAlert(clients, {
      alarmName: resourceNames(config.namePrefix).alarm,
      topicArn: securityTopicArn(config),
      region,
      pacer: createPacer(API_RATES),
      force: options.force,
      timeoutMs: options.timeout * 1000,
      // Progress on a terminal only: pipes and CI logs get the result alone (docs/operating.md).
      onProgress: options.json || !process.stderr.isTTY ? undefined : (message) => process.stderr.write(`${message}\n`),
    });
    write(options.json ? renderJson(result) : renderTestAlert(result));
    return result.notification.status === 'sent' ? 0 : 1;
  } finally {
    factory.destroy();
  }
}

/** The readable result: what happened, and what to expect where. */
export function renderTestAlert(result: TestAlertResult): string {
  const lines = [
    `Alarm ${result.alarmName} (${result.region}) was set to ALARM by ${result.caller}.`,
    `Reason recorded on the alarm: "${result.reason}"`,
    result.notification.status === 'sent'
      ? `CloudWatch published to ${result.topicArn}: ${result.notification.detail}`
      : result.notification.status === 'failed'
        ? `CloudWatch could NOT publish to ${result.topicArn}: ${result.notification.detail}`
        : `No notification seen: ${result.notification.detail}`,
    result.resetToOk ? 'The alarm is back to OK.' : `The alarm was not set back to OK: ${result.resetError}`,
    '',
    'What to expect:',
    ...result.expect.map((line) => `  - ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}
