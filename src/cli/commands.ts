import type { Command } from 'commander';
import { OU_RESOLUTION_FILE } from '../config/file-names';

/**
 * Every `root-guard` command: its name, alias and one-line description, which the top-level `--help`
 * lists, and where its definition is. Nothing else is loaded until a command is chosen: then only its
 * definition (src/cli/definitions/: options, help, exit codes), and only when it runs, the code that
 * runs it and the AWS SDK clients that code needs. So `--version`, `--help` and `<command> --help`
 * answer without loading any command (test/cli/lazy-commands.test.ts; `npm run bench:cli`).
 */

/** What a command's definition module exports. */
export interface CommandDefinition {
  /** Adds the command's options, arguments, help text and action to `command` (already named and described). */
  define(command: Command): void;
}

/** One command of the table. */
export interface CommandEntry {
  readonly name: string;
  /** Other names the command answers to. */
  readonly aliases?: readonly string[];
  readonly description: string;
  /** Loads the command's definition. */
  readonly load: () => Promise<CommandDefinition>;
}

/** The commands, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'build',
    description: 'Generate the CfCT package (manifest.yaml, templates/, policies/) from the config',
    load: () => import('./definitions/build'),
  },
  {
    name: 'backtest',
    description: 'Replay every metric filter the package deploys (root activity, CIS, tamper; or --pattern) over CloudTrail files and count what they would have matched',
    load: () => import('./definitions/backtest'),
  },
  {
    name: 'hunt',
    description: 'Run the package\'s metric filters (or --pattern) as Athena SQL over the organization trail\'s S3 archive; same report as backtest',
    load: () => import('./definitions/hunt'),
  },
  {
    name: 'preflight',
    description: 'Check the organization is ready for the package (home region, log group, execution role, OU paths, enrolment, SCP slots, security topic); run with the management account\'s credentials',
    load: () => import('./definitions/preflight'),
  },
  {
    name: 'resolve',
    // The command's former name, kept as its alias.
    aliases: ['resolve-ous'],
    description: `Record the organization trail's CloudWatch Logs log group and the landing zone (version, AWS Config and logging integrations), and resolve OU targets that include nested OUs (rootChecks.includeNestedOUs) against the live organization, into ${OU_RESOLUTION_FILE} beside the config; needs the management account's credentials`,
    load: () => import('./definitions/resolve-ous'),
  },
  {
    name: 'publish',
    description: 'Zip the package as CfCT\'s S3 source expects and upload it to CfCT\'s bucket in the home region, or write it with --out; refuses a package that is out of date with the config',
    load: () => import('./definitions/publish'),
  },
  {
    name: 'audit',
    description: 'Check every account of the organization against the config: stack instances, SCP, Config root checks, alarm and topic',
    load: () => import('./definitions/audit'),
  },
  {
    name: 'test-alert',
    description: 'Send a real notification through each alert path: the root-activity alarm (ALARM, then back to OK) and, with fastAlerts, the central event bus',
    load: () => import('./definitions/test-alert'),
  },
  {
    name: 'investigate',
    description: 'List root activity in the organization trail (who, what, where) and mark AssumeRoot sessions',
    load: () => import('./definitions/investigate'),
  },
  {
    name: 'report',
    description: 'Write one self-contained HTML report (coverage, root credentials, root activity) from the JSON other commands print',
    load: () => import('./definitions/report'),
  },
  {
    name: 'root-credentials',
    description: 'Inventory member accounts\' root credentials with centralized root access (AssumeRoot), and remove them',
    load: () => import('./definitions/root-credentials'),
  },
  {
    name: 'completion',
    description: 'Print the shell completion script for bash or zsh, made from these commands\' own definitions (e.g. source <(root-guard completion bash))',
    load: () => import('./definitions/completion'),
  },
];

/** The entry named (or aliased) `name`, if any. */
export function findCommand(name: string | undefined): CommandEntry | undefined {
  return name === undefined ? undefined : COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

/**
 * Names and describes every command of the table on `program`, and loads the definitions of `define`:
 * the chosen command's (main.ts), or all of them (`completion`, which reads every option).
 */
export async function addCommands(program: Command, define: CommandEntry | 'all' | undefined): Promise<void> {
  for (const entry of COMMANDS) {
    const command = program.command(entry.name).description(entry.description);
    for (const alias of entry.aliases ?? []) command.alias(alias);
    if (define === 'all' || define === entry) (await entry.load()).define(command);
  }
}
