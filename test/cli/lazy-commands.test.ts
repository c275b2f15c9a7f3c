import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COMMANDS } from '../../src/cli/commands';
import { REPO_ROOT } from '../support/config';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script
const { bundle } = require('../../scripts/bundle.js') as { bundle: (options: { outdir: string; commit?: string }) => Metafile };

/** esbuild's metafile, as far as this test reads it. */
interface Metafile {
  readonly outputs: Record<string, { readonly imports: readonly { readonly path: string; readonly kind: string }[]; readonly inputs: Record<string, unknown>; readonly entryPoint?: string }>;
}

/** Every command module: each definition, and the module its action loads (the run). */
const DEFINITIONS = COMMANDS.map((c) => `../../src/cli/definitions/${c.name === 'resolve' ? 'resolve-ous' : c.name}`);
const RUNS = COMMANDS.map((c) => `../../src/cli/${c.name === 'resolve' ? 'resolve-ous' : c.name}`);

/**
 * Runs `main(argv)` in a fresh module registry where every command module records that it was loaded,
 * and returns the loaded ones (as `definitions/<name>` and `<name>`).
 */
async function modulesLoadedBy(argv: readonly string[]): Promise<string[]> {
  const loaded: string[] = [];
  // A fresh registry, kept for the import()s main makes later, after this function has required it.
  jest.resetModules();
  for (const path of [...DEFINITIONS, ...RUNS]) {
    jest.doMock(path, () => {
      loaded.push(path.replace('../../src/cli/', ''));
      return jest.requireActual(path);
    });
  }
  const { main } = jest.requireActual('../../src/cli/main') as { main: (argv: readonly string[]) => Promise<number> };
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const previous = process.exitCode;
  try {
    expect(await main(argv)).toBe(0);
  } finally {
    write.mockRestore();
    process.exitCode = previous;
  }
  return loaded.sort();
}

describe('the CLI loads a command only once it is chosen', () => {
  test.each([[['--version']], [['-V']], [['--help']], [['help']]])('%j loads no command module', async (argv) => {
    expect(await modulesLoadedBy(argv)).toEqual([]);
  });

  test.each(COMMANDS.filter((c) => c.name !== 'completion').map((c) => c.name))('`%s --help` loads its definition only, not the code that runs it', async (name) => {
    const file = name === 'resolve' ? 'resolve-ous' : name;
    expect(await modulesLoadedBy([name, '--help'])).toEqual([`definitions/${file}`]);
  });

  test('`help audit` and the alias `resolve-ous --help` load their command\'s definition', async () => {
    expect(await modulesLoadedBy(['help', 'audit'])).toEqual(['definitions/audit']);
    expect(await modulesLoadedBy(['resolve-ous', '--help'])).toEqual(['definitions/resolve-ous']);
  });

  test('`completion bash` reads every definition, and runs no other command', async () => {
    expect(await modulesLoadedBy(['completion', 'bash'])).toEqual([...DEFINITIONS.map((d) => d.replace('../../src/cli/', '')), 'completion'].sort());
  });
});

describe('the bundle as shipped', () => {
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  let scratch: string;
  let metafile: Metafile;

  beforeAll(() => {
    mkdirSync(cache, { recursive: true });
    scratch = mkdtempSync(join(cache, 'rg-chunks-'));
    metafile = bundle({ outdir: scratch, commit: '0123456789ab' });
  }, 60_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('the entry, with every chunk it imports statically, holds no command\'s code: each is a chunk loaded by import()', () => {
    const entry = Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint?.endsWith('src/cli/main.ts')) as string;
    expect(entry).toBeDefined();
    const loadedAtStart = new Set<string>();
    const visit = (output: string): void => {
      if (loadedAtStart.has(output)) return;
      loadedAtStart.add(output);
      for (const i of metafile.outputs[output]?.imports ?? []) if (i.kind === 'import-statement' && metafile.outputs[i.path]) visit(i.path);
    };
    visit(entry);
    const sources = [...loadedAtStart].flatMap((o) => Object.keys(metafile.outputs[o].inputs)).filter((i) => i.startsWith('src/')).sort();
    expect(sources).toEqual(['src/cli/commands.ts', 'src/cli/main.ts', 'src/cli/options.ts', 'src/cli/version.ts', 'src/config/file-names.ts', 'src/errors.ts']);
    // Every command's code is in the bundle, behind an import().
    const all = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));
    for (const command of ['src/cli/definitions/audit.ts', 'src/cli/audit.ts', 'src/cli/build.ts']) expect(all).toContain(command);
    expect(relative(REPO_ROOT, scratch)).toMatch(/^node_modules/);
  });
});
