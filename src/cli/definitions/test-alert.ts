import { type Command, Option } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { FAST_PATH_DEFAULT_TIMEOUT_S } from '../../ops/defaults';
import { EXIT_INTERRUPTED } from '../../ops/test-alert/test-alert-report';
import { addAwsOptions } from '../aws-options';
import { addExitCodes, EXIT_USAGE_LINE, integerOption } from '../options';
import type { TestAlertCommandOptions } from '../test-alert';

/** `root-guard test-alert`: options, help and exit codes; the action loads the run (../test-alert.ts). */
export function define(command: Command): void {
  command
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--json', 'print the result as JSON')
    .addOption(new Option('--path <path>', 'which path to drive (default: both when fastAlerts is configured, else alarm); sentinel: run one verification of the sentinel now').choices(['alarm', 'fast', 'both', 'sentinel']))
    .option('--security-profile <name>', 'AWS profile of the security account (the central bus, the topic, the sentinel), for the fast path and the sentinel')
    .option('--force', 'run even if the alarm is in ALARM now (it is set to OK first)')
    .option('--timeout <seconds>', 'alarm path: how long to wait for CloudWatch to report the notification', integerOption({ min: 5, max: 900, unit: 'seconds' }), 90)
    .option('--fast-timeout <seconds>', 'fast path: how long to wait for the test rule\'s per-minute metrics', integerOption({ min: 60, max: 1800, unit: 'seconds' }), FAST_PATH_DEFAULT_TIMEOUT_S)
    .addHelpText('after', [
      '',
      'Alarm path: cloudwatch:DescribeAlarms, SetAlarmState and DescribeAlarmHistory on the alarm in the',
      'management account, home region (--profile of the management account).',
      'Fast path: events:PutEvents on the central bus and cloudwatch:GetMetricStatistics in the security',
      'account, home region (--security-profile). EventBridge sends the rule\'s metrics once a minute, and a',
      'data point can be late: the fast path usually takes 1-3 minutes (docs/operating.md, "test-alert").',
      'Sentinel (--path sentinel): states:StartExecution and DescribeExecution on the sentinel\'s state machine',
      'in the security account (--security-profile); waits up to --timeout seconds and prints its findings.',
      'A run with findings publishes them to the security topic, as a scheduled run does.',
    ].join('\n'));
  addAwsOptions(command);
  addExitCodes(command, [
    '0 every path run was delivered (the alarm\'s SNS action succeeded; the test rule\'s Invocations counted the drill, FailedInvocations did not)',
    '1 a path was not delivered (failed, not seen in time, or its drill could not run: an AWS call failed or timed out), or the sentinel found the detection unhealthy',
    EXIT_USAGE_LINE,
    '3 the paths run were delivered, but the fast path was not tested (no --security-profile)',
    `${EXIT_INTERRUPTED} interrupted (Ctrl-C); the alarm was set back to OK first, and the output says so`,
  ])
    .action(async (options: TestAlertCommandOptions) => (await import('../test-alert')).testAlertAction(options));
  command.addHelpText('after', `\nCtrl-C stops the drills: the alarm is set back to OK before the command exits (${EXIT_INTERRUPTED}); a second Ctrl-C quits at once.`);
}
