import type { Command } from 'commander';

/** `root-guard build` (implemented in the package generator). */
export function registerBuild(program: Command): void {
  program.command('build').description('Generate the CfCT package (manifest.yaml, templates/, policies/) from the config');
}
