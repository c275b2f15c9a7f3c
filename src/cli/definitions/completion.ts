import { Argument, type Command } from 'commander';
import type { Shell } from '../completion';
import { addExitCodes, EXIT_USAGE_LINE } from '../options';

/** `root-guard completion`: options, help and exit codes; the action loads the generator (../completion.ts). */
export function define(command: Command): void {
  command
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(['bash', 'zsh']))
    .addHelpText('after', [
      '',
      'bash: source <(root-guard completion bash) in ~/.bashrc, or save the output as',
      '      ~/.local/share/bash-completion/completions/root-guard',
      'zsh:  source <(root-guard completion zsh) in ~/.zshrc after compinit, or save the output as _root-guard',
      '      in a directory on $fpath',
      'The script is made from the commands\' own definitions, so it lists the options of this version.',
    ].join('\n'));
  addExitCodes(command, ['0 printed', EXIT_USAGE_LINE])
    .action(async (shell: Shell) => (await import('../completion')).completionAction(shell));
}
