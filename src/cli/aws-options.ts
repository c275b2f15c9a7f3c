import { type Command, Option } from 'commander';
import { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, MAX_ATTEMPTS, TIMEOUT_ATTEMPTS } from '../ops/aws/aws-call-limits';
import { integerOption } from './options';

/**
 * `--profile`, `--region` and `--request-timeout`, which every AWS command takes, and the time bounds its
 * help states. Apart from context.ts (which makes the clients) so that a command's definition, and so
 * `--help`, loads no AWS SDK code.
 */

/** Options every AWS command takes (see {@link addAwsOptions}). */
export interface AwsOptions {
  /** AWS profile (shared config/credentials files); default: the standard credential chain. */
  readonly profile?: string;
  /** Region for the clients; default: the command's own (usually the config's homeRegion). */
  readonly region?: string;
  /** Longest wait for one attempt of one AWS request, in seconds. */
  readonly requestTimeout?: number;
}

/** Longest `--request-timeout` accepted: an hour (no single AWS API call the tool makes needs more). */
const MAX_REQUEST_TIMEOUT_S = 3600;

/** Adds `--profile`, `--region` and `--request-timeout` to an AWS command, and says its time bounds in its help. */
export function addAwsOptions(command: Command, defaultRegion = 'the config\'s homeRegion'): Command {
  const s = (ms: number) => ms / 1000;
  return command
    .option('--profile <name>', 'AWS profile (default: the standard credential chain: AWS_PROFILE, SSO, environment)')
    .option('--region <name>', `Region of the AWS clients (default: ${defaultRegion})`)
    .addOption(new Option('--request-timeout <seconds>', `longest wait for one AWS request (default ${s(DEFAULT_REQUEST_TIMEOUT_MS)})`)
      .argParser(integerOption({ min: 1, max: MAX_REQUEST_TIMEOUT_S, unit: 'seconds' })))
    .addHelpText('after', [
      '',
      `Time bounds: connecting to an AWS endpoint may take ${s(DEFAULT_CONNECTION_TIMEOUT_MS)} s and one request ${s(DEFAULT_REQUEST_TIMEOUT_MS)} s (--request-timeout);`,
      `a request that times out is tried ${TIMEOUT_ATTEMPTS} times in all, then the command stops (exit 1) with one line naming`,
      `the service, the endpoint and the timeout. Throttled requests are retried with backoff, up to ${MAX_ATTEMPTS} attempts.`,
    ].join('\n'));
}
