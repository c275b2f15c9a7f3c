import { spawnSync } from 'node:child_process';
import { COMMANDS } from '../../src/cli/commands';
import { bashCompletion, definedCommands, zshCompletion } from '../../src/cli/completion';
import { runCli } from '../support/cli';

/** What bash offers for the words typed so far (the last one being completed), with the script loaded. */
function bashOffers(script: string, words: readonly string[]): string[] {
  const program = [
    script,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}`,
    '_root_guard; printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean).sort();
}

describe('root-guard completion', () => {
  let bash: string;
  let zsh: string;

  beforeAll(async () => {
    bash = (await runCli(['completion', 'bash'])).stdout;
    zsh = (await runCli(['completion', 'zsh'])).stdout;
  });

  test('bash: commands, then the chosen command\'s options, choices and the shells', () => {
    expect(bashOffers(bash, ['root-guard', 'au'])).toEqual(['audit']);
    expect(bashOffers(bash, ['root-guard', 're'])).toEqual(['report', 'resolve', 'resolve-ous']);
    expect(bashOffers(bash, ['root-guard', 'audit', '--co'])).toEqual(['--concurrency', '--config']);
    expect(bashOffers(bash, ['root-guard', 'resolve-ous', '--js'])).toEqual(['--json']);
    expect(bashOffers(bash, ['root-guard', 'test-alert', '--json', '--path', ''])).toEqual(['alarm', 'both', 'fast', 'sentinel']);
    expect(bashOffers(bash, ['root-guard', 'completion', ''])).toEqual(['bash', 'zsh']);
    expect(bashOffers(bash, ['root-guard', 'help', 'inv'])).toEqual(['investigate']);
    // An option's value (a file here): nothing from the script, so bash's own file names (complete -o default).
    expect(bashOffers(bash, ['root-guard', 'build', '--config', ''])).toEqual([]);
  });

  test('is made from the definitions: every option each command\'s --help lists is offered for it, in both shells', async () => {
    for (const { name } of COMMANDS) {
      const help = (await runCli([name, '--help'])).stdout;
      const options = [...help.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]);
      expect(options.length).toBeGreaterThan(0);
      expect(bashOffers(bash, ['root-guard', name, '--'])).toEqual([...new Set(options)].sort());
      for (const option of options) expect(`${name}: ${zsh.slice(zsh.indexOf(`\n    ${name}`))}`).toContain(option);
    }
    const commands = await definedCommands();
    expect(bashCompletion(commands)).toBe(bash);
    expect(zshCompletion(commands)).toBe(zsh);
  });

  test('an unknown shell is a usage error, exit 2', async () => {
    const result = await runCli(['completion', 'fish']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: command-argument value 'fish' is invalid for argument 'shell'. Allowed choices are bash, zsh. (see root-guard completion --help)\n");
  });

  // Like Chromium for the report, zsh is needed to run this test: a missing one fails it, saying how to install it.
  test('zsh: the script parses, and once sourced after compinit it completes root-guard', () => {
    if (spawnSync('zsh', ['--version']).error) throw new Error('zsh not found: the zsh completion test needs it (Linux: apt-get install zsh, which .ci/run does; macOS ships it)');
    const result = spawnSync('zsh', ['-fc', 'autoload -Uz compinit; compinit -u -D; eval "$(cat)"; print -r -- $_comps[root-guard]; whence -w _root_guard_commands'], { input: zsh, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('_root_guard\n_root_guard_commands: function\n');
  });
});
