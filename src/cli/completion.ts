import { Command, type Option } from 'commander';
import { addCommands } from './commands';

/**
 * `root-guard completion bash|zsh`: a completion script made from the commands' own definitions
 * (every command of commands.ts, each with its definition loaded), so it names the commands, aliases,
 * options and choices of this version and cannot drift from them.
 */

/** The shells a script is made for. */
export type Shell = 'bash' | 'zsh';

/** What completion needs to know of one command. */
interface CommandShape {
  readonly names: readonly string[];
  readonly description: string;
  readonly options: readonly OptionShape[];
  /** Choices of a positional argument (`completion <shell>`), if any. */
  readonly argumentChoices?: readonly string[];
  /** Takes file or directory arguments (`backtest <paths...>`). */
  readonly takesPaths: boolean;
}

interface OptionShape {
  /** `-c` and `--config`, whichever the option has. */
  readonly flags: readonly string[];
  readonly description: string;
  /** The option takes a value. */
  readonly takesValue: boolean;
  readonly choices?: readonly string[];
  /** Its value names a file or directory (`<file>`, `<dir>`, `<journal>` …). */
  readonly valueIsPath: boolean;
}

/** Every command of the table, with its definition. */
export async function definedCommands(): Promise<readonly Command[]> {
  const program = new Command('root-guard');
  await addCommands(program, 'all');
  return program.commands;
}

/** Prints the script for `shell`. */
export async function completionAction(shell: Shell): Promise<void> {
  const commands = await definedCommands();
  process.stdout.write(shell === 'bash' ? bashCompletion(commands) : zshCompletion(commands));
}

const PATH_VALUE = /<(file|dir|journal|paths?)(\.\w+)?(\.\.\.)?>/;

function shapeOf(command: Command): CommandShape {
  const options: OptionShape[] = command.options.filter((o) => !o.hidden).map((o: Option) => ({
    flags: [o.short, o.long].filter((f): f is string => !!f),
    description: o.description,
    takesValue: o.required || o.optional,
    ...(o.argChoices ? { choices: o.argChoices } : {}),
    valueIsPath: PATH_VALUE.test(o.flags),
  }));
  options.push({ flags: ['-h', '--help'], description: 'display help for the command', takesValue: false, valueIsPath: false });
  const args = command.registeredArguments;
  const choices = args.find((a) => a.argChoices)?.argChoices;
  return {
    names: [command.name(), ...command.aliases()],
    description: command.description(),
    options,
    ...(choices ? { argumentChoices: choices } : {}),
    takesPaths: args.some((a) => /^paths?$|file|dir/.test(a.name())),
  };
}

/** A bash completion function for `root-guard` (bash 4+, with or without the bash-completion package). */
export function bashCompletion(commands: readonly Command[]): string {
  const shapes = commands.map(shapeOf);
  const words = (list: readonly string[]) => list.join(' ');
  const caseLabel = (shape: CommandShape) => shape.names.join('|');
  const valueOptions = shapes.flatMap((s) => s.options.filter((o) => o.takesValue && !o.choices).flatMap((o) => o.flags.map((f) => `${s.names[0]} ${f}`)));
  const choiceCases = shapes.flatMap((s) => s.options.filter((o) => o.choices).flatMap((o) => o.flags.map((f) =>
    `    "${s.names[0]} ${f}") COMPREPLY=($(compgen -W "${words(o.choices ?? [])}" -- "$cur")); return ;;`)));
  return [
    '# bash completion for root-guard, made by `root-guard completion bash` from the commands\' definitions.',
    '# Load it: source <(root-guard completion bash)   (e.g. in ~/.bashrc)',
    '_root_guard() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" command="" i',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "${COMP_WORDS[i]}" in -*) ;; *) command="${COMP_WORDS[i]}"; break ;; esac',
    '  done',
    '  if [[ -z "$command" ]]; then',
    `    COMPREPLY=($(compgen -W "${words([...shapes.flatMap((s) => s.names), 'help', '--help', '--version'])}" -- "$cur"))`,
    '    return',
    '  fi',
    '  if [[ "$command" == help ]]; then',
    `    COMPREPLY=($(compgen -W "${words(shapes.flatMap((s) => s.names))}" -- "$cur"))`,
    '    return',
    '  fi',
    '  local options="" arguments="" paths=""',
    '  case "$command" in',
    ...shapes.map((s) => `    ${caseLabel(s)}) options="${words(s.options.flatMap((o) => o.flags))}"${s.argumentChoices ? ` arguments="${words(s.argumentChoices)}"` : ''}${s.takesPaths ? ' paths=1' : ''} ;;`),
    '    *) return ;;',
    '  esac',
    '  command="${command/#resolve-ous/resolve}"',
    '  case "$command $prev" in',
    ...choiceCases,
    // An option that takes a value: leave COMPREPLY empty, so `complete -o default` offers file names.
    `    ${valueOptions.map((v) => `"${v}"`).join('|')}) return ;;`,
    '  esac',
    '  if [[ "$cur" == -* || ( -z "$arguments" && -z "$paths" ) ]]; then',
    '    COMPREPLY=($(compgen -W "$options" -- "$cur"))',
    '  elif [[ -n "$arguments" ]]; then',
    '    COMPREPLY=($(compgen -W "$arguments" -- "$cur"))',
    '  fi',
    '}',
    'complete -o default -F _root_guard root-guard',
    '',
  ].join('\n');
}

/** Text inside a single-quoted zsh word. */
const zshQuote = (text: string) => text.replace(/'/g, `'\\''`);
/** A description on one line, with the brackets that would end an _arguments description escaped. */
const zshDescription = (text: string) => zshQuote(text.replace(/\s+/g, ' ').replace(/([[\]\\])/g, '\\$1'));

/** One _arguments spec per option: `'(-c --config)'{-c,--config}'[config file]:file:_files'`. */
function zshOptionSpecs(option: OptionShape): string {
  const exclusive = option.flags.length > 1 ? `'(${option.flags.join(' ')})'{${option.flags.join(',')}}` : option.flags[0];
  const value = !option.takesValue ? ''
    : option.choices ? `:value:(${option.choices.join(' ')})`
      : option.valueIsPath ? ':file:_files' : ':value: ';
  return `${exclusive}'[${zshDescription(option.description)}]${value}'`;
}

/** A zsh completion function for `root-guard` (compsys: after compinit). */
export function zshCompletion(commands: readonly Command[]): string {
  const shapes = commands.map(shapeOf);
  const commandList = shapes.flatMap((s) => s.names.map((n) => `    '${zshQuote(n.replace(/:/g, '\\:'))}:${zshDescription(s.description)}'`));
  return [
    '#compdef root-guard',
    '# zsh completion for root-guard, made by `root-guard completion zsh` from the commands\' definitions.',
    '# Load it: source <(root-guard completion zsh) after compinit, or save it as _root-guard on $fpath.',
    '_root_guard_commands() {',
    '  local -a commands',
    '  commands=(',
    ...commandList,
    '    \'help:display help for a command\'',
    '  )',
    '  _describe -t commands \'root-guard command\' commands',
    '}',
    '_root_guard() {',
    '  local curcontext="$curcontext" state line',
    '  _arguments -C \\',
    '    \'(- *)\'{-h,--help}\'[display help]\' \\',
    '    \'(- *)\'{-V,--version}\'[print the version]\' \\',
    '    \'1: :_root_guard_commands\' \\',
    '    \'*:: :->args\' && return',
    '  [[ $state == args ]] || return',
    '  case $line[1] in',
    ...shapes.map((s) => [
      `    ${s.names.join('|')})`,
      '      _arguments \\',
      ...s.options.map((o) => `        ${zshOptionSpecs(o)} \\`),
      ...(s.argumentChoices ? [`        '1:argument:(${s.argumentChoices.join(' ')})' \\`] : []),
      ...(s.takesPaths ? ['        \'*:path:_files\' \\'] : []),
      '      ;;',
    ].join('\n').replace(/ \\\n      ;;$/, '\n      ;;')),
    '    help) _root_guard_commands ;;',
    '  esac',
    '}',
    'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _root_guard "$@"; else compdef _root_guard root-guard; fi',
    '',
  ].join('\n');
}
