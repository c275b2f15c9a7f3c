import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../ops/aws-call-limits';
import { type DeleteKind, parseDeleteKinds } from '../../ops/root-credentials/deletion-plan';
import { integerOption } from '../options';
import type { RootCredentialsCommandOptions } from '../root-credentials';

/** `root-guard root-credentials`: options, help and exit codes; the action loads the run (../root-credentials.ts). */
export function define(command: Command): void {
  command
    .option('--region <name>', 'Region of the STS endpoint (AssumeRoot needs a Regional one; default: AWS_REGION, else the config\'s homeRegion)')
    .option('-c, --config <file>', 'config file, read only for its homeRegion when --region and AWS_REGION are unset', DEFAULT_CONFIG_FILE)
    .option('--profile <name>', 'AWS profile of the management account or IAM delegated administrator')
    .option('--accounts <ids>', 'only these member accounts (comma-separated 12-digit ids)', parseAccountIds)
    .option('--ou <paths>', 'only accounts in these OUs and below (comma-separated CfCT paths, e.g. Workloads:Prod)', parseOuPaths)
    .option('--json', 'print the result as JSON')
    .option('--delete <kinds>', 'plan removal of PASSWORD,KEYS,CERTS,MFA (prints the plan; removes nothing without --apply)', parseKinds)
    .option('--apply', 'remove what the plan lists (needs --delete, or --resume)')
    .option('--resume <journal>', 'continue the removals of a run that stopped (with --apply)')
    .option('--journal <file>', 'where --apply writes its journal (default: root-credentials-journal-<time>.jsonl; never overwritten)')
    .option('--concurrency <n>', 'accounts worked on at once (1-64)', integerOption({ max: 64 }), 16)
    .addOption(new Option('--request-timeout <seconds>', `longest wait for one Organizations or IAM request (default ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}; a call that times out stops with one line naming it)`)
      .argParser(integerOption({ max: 3600, unit: 'seconds' })))
    .showHelpAfterError(false)
    .addHelpText('after', HELP)
    .action(async (options: RootCredentialsCommandOptions, command: Command) => (await import('../root-credentials')).rootCredentialsAction(options, command));
}

const HELP = [
  '',
  'Reads, in every active member account (or --accounts / --ou), the root user\'s password, access keys',
  '(with last use), MFA devices and signing certificates, each in a 15-minute AssumeRoot session scoped to',
  'IAMAuditRootUserCredentials. Runs as the management account or IAM\'s delegated administrator, with',
  'centralized root access enabled (RootCredentialsManagement, RootSessions). See docs/root-credentials.md.',
  '',
  'Removal: --delete KINDS prints the plan only. --delete KINDS --apply prints the plan, then removes exactly',
  'what it lists with IAMDeleteRootUserCredentials, journalling each step (JSON lines) before and after.',
  '--resume JOURNAL --apply continues a run that stopped, never repeating a step the journal shows done.',
  'MFA devices are deactivated only when MFA is named.',
  '',
  'Exit codes: 0 nothing found and everything read (with --apply: every step done);',
  '1 a member root user holds a password, access key or signing certificate (with --apply: a step failed);',
  '2 wrong usage; 3 nothing found but some account could not be read (partial);',
  '4 cannot run: centralized root access not enabled, or the caller may not use it.',
].join('\n');

function parseAccountIds(value: string): string[] {
  const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = ids.filter((id) => !/^\d{12}$/.test(id));
  if (ids.length === 0 || bad.length > 0) throw new InvalidArgumentError(`${bad.length > 0 ? `"${bad.join(',')}" is not` : 'names no'} a 12-digit account id (e.g. --accounts 222222222222,333333333333)`);
  return ids;
}

function parseOuPaths(value: string): string[] {
  const paths = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (paths.length === 0) throw new InvalidArgumentError('names no OU (e.g. --ou Workloads:Prod)');
  const bad = paths.find((p) => p.includes('/'));
  if (bad) throw new InvalidArgumentError(`"${bad}" is not a CfCT OU path (use ":" between levels, e.g. Workloads:Prod)`);
  return paths;
}

function parseKinds(value: string): DeleteKind[] {
  try {
    return parseDeleteKinds(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}
