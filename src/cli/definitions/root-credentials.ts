import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/file-names';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../ops/aws/aws-call-limits';
import { type DeleteKind, parseDeleteKinds } from '../../ops/root-credentials/deletion-plan';
import { integerOption } from '../options';
import type { RootCredentialsCommandOptions } from '../root-credentials';

/** `root-guard root-credentials`: options, help and exit codes; the action loads the run (../root-credentials.ts). */
export function define(command: Command): void {
  command
    .option('--region <name>', 'Region of the STS endpoint (AssumeRoot needs a Regional one; default: AWS_REGION, else the config\'s homeRegion)')
    .option('-c, --config <file>', 'config file, read for its homeRegion (when --region and AWS_REGION are unset) and the alarm\'s name', DEFAULT_CONFIG_FILE)
    .option('--profile <name>', 'AWS profile of the management account or IAM delegated administrator')
    .option('--accounts <ids>', 'only these member accounts (comma-separated 12-digit ids)', parseAccountIds)
    .option('--ou <paths>', 'only accounts in these OUs and below (comma-separated CfCT paths, e.g. Workloads:Prod; Root = all)', parseOuPaths)
    .option('--json', 'print the result as JSON')
    .option('--delete <kinds>', 'plan removal of PASSWORD,KEYS,CERTS,MFA (prints the plan and its digest; removes nothing)', parseKinds)
    .option('--plan-out <file>', 'write the plan to this file for review (needs --delete and --accounts or --ou; never overwrites)')
    .option('--apply [plan]', 'remove exactly what the plan file lists (after checking it is unchanged and still true)')
    .option('--resume <journal>', 'finish the removals of a run that stopped (with --apply FILE)')
    .option('--journal <file>', 'where --apply writes its journal (default: root-credentials-journal-<time>.jsonl; never overwritten)')
    .option('--concurrency <n>', 'accounts worked on at once (1-64; AssumeRoot is paced at the STS quota whatever this is)', integerOption({ max: 64 }), 64)
    .addOption(new Option('--request-timeout <seconds>', `longest wait for one AWS request (default ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}; a call that times out stops the run with one line naming it)`)
      .argParser(integerOption({ max: 3600, unit: 'seconds' })))
    .showHelpAfterError(false)
    .addHelpText('after', HELP)
    .action(async (options: RootCredentialsCommandOptions, command: Command) => (await import('../root-credentials')).rootCredentialsAction(options, command));
}

const HELP = [
  '',
  'Reads, in the member accounts in scope (every active one, or --accounts / --ou), the root user\'s password,',
  'access keys (with last use), MFA devices and signing certificates, each in a 15-minute AssumeRoot session',
  'scoped to IAMAuditRootUserCredentials. Runs as the management account or IAM\'s delegated administrator, with',
  'centralized root access enabled (RootCredentialsManagement, RootSessions). A kind that could not be read is',
  'shown as ? (null in --json), never as 0. See docs/root-credentials.md.',
  '',
  'Removal, in two steps:',
  '  1. --delete KINDS (--accounts IDS | --ou PATHS) --plan-out FILE   reads, prints the plan and its digest,',
  '     writes it to FILE; removes nothing. The scope must be explicit (--ou Root for every member account).',
  '     A plan that would deactivate MFA where a password stays (or is unknown) is refused, naming the accounts.',
  '  2. --apply FILE   checks the digest, reads the planned accounts again and refuses if any account\'s',
  '     credentials changed since the plan (naming them); then removes exactly the plan, per account the',
  '     password, access keys and signing certificates first and MFA last (MFA is kept where an earlier step',
  '     failed), journalling each step before and after (JSON lines; the journal\'s name is printed first).',
  '  --resume JOURNAL --apply FILE finishes a run that stopped (Ctrl-C, failure); the journal must belong to the',
  '  plan and every line must be one the plan allows; a done step is never repeated.',
  'The removal runs as each member account\'s root user (AssumeRoot): it raises the root-activity alarm, and the',
  'fast alert where enabled; the command says so, with what they will show, before it starts.',
  '',
  'Exit codes: 0 nothing found and everything read (with --apply: every planned step done);',
  '1 a member root user holds a password, access key or signing certificate (with --apply: a step failed);',
  '2 wrong usage; 3 partial: nothing found but something could not be read (with --apply: no step failed,',
  'but not every planned removal was made: a kind not read, MFA kept); 4 cannot run: centralized root access',
  'not enabled, or the caller may not use it; 5 refused, nothing removed: the plan would leave a password without',
  'MFA, the plan file was edited, an account\'s credentials changed since the plan, or the journal does not belong',
  'to the plan; 130 interrupted (Ctrl-C; 143 for SIGTERM): the journal is consistent, finish with --resume.',
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
