import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateConfigFile } from '../../src/config/load';
import { runCli } from '../support/cli';
import { minimalConfigLines } from '../support/config';

/** A repository with the config at its root and a nested working directory. */
function repository(): { root: string; nested: string } {
  const root = mkdtempSync(join(tmpdir(), 'rg-discovery-'));
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, 'root-guard.config.yaml'), minimalConfigLines().join('\n'));
  const nested = join(root, 'docs', 'notes');
  mkdirSync(nested, { recursive: true });
  return { root, nested };
}

/** Runs the CLI in-process from `cwd`. */
async function runFrom(cwd: string, args: readonly string[]) {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return await runCli(args);
  } finally {
    process.chdir(previous);
  }
}

describe('finding the config from a subdirectory', () => {
  test('the default file is looked for upward, up to the repository root, and the path is relative', () => {
    const { root, nested } = repository();
    expect(locateConfigFile('root-guard.config.yaml', nested)).toEqual({ file: join('..', '..', 'root-guard.config.yaml'), foundAbove: true });
    expect(locateConfigFile('root-guard.config.yaml', root)).toEqual({ file: 'root-guard.config.yaml', foundAbove: false });
    // An explicit --config is taken as given.
    expect(locateConfigFile('other.yaml', nested)).toEqual({ file: 'other.yaml', foundAbove: false });
  });

  test('the search stops at the repository root: a config above it is not used', () => {
    const outer = mkdtempSync(join(tmpdir(), 'rg-outer-'));
    writeFileSync(join(outer, 'root-guard.config.yaml'), minimalConfigLines().join('\n'));
    const repo = join(outer, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'src'));
    expect(locateConfigFile('root-guard.config.yaml', join(repo, 'src'))).toEqual({ file: 'root-guard.config.yaml', foundAbove: false });
  });

  test('build from a subdirectory says which file it used and writes the package beside it', async () => {
    const { root, nested } = repository();
    const result = await runFrom(nested, ['build']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`Using ${join('..', '..', 'root-guard.config.yaml')} (found above the current directory; the package is written beside it).`);
    expect(existsSync(join(root, 'manifest.yaml'))).toBe(true);
    expect(existsSync(join(nested, 'manifest.yaml'))).toBe(false);
    const check = await runFrom(nested, ['build', '--check']);
    expect(check.code).toBe(0);
  });

  test('the AWS commands find it too, and say so on stderr (stdout may be --json): publish --out from a subdirectory', async () => {
    const { root, nested } = repository();
    expect((await runFrom(root, ['build'])).code).toBe(0);
    const result = await runFrom(nested, ['publish', '--out', 'package.zip']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`Using ${join('..', '..', 'root-guard.config.yaml')} (found above the current directory).\n`);
    expect(existsSync(join(nested, 'package.zip'))).toBe(true);
  });

  test('with no config anywhere up to the repository root, the error says where it looked', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rg-none-'));
    mkdirSync(join(root, '.git'));
    const result = await runFrom(root, ['build']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('root-guard.config.yaml: no such config file (not here, nor in a directory above up to the repository root: run inside the repository, or pass --config FILE)\n');
  });
});
