import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOuResolution } from '../../src/config/ou-resolution';
import { findOversizedQuickly, isWithinBounds, MAX_ENTRIES, MAX_NESTING, parseYamlWithPositions } from '../../src/config/yaml-input';
import { UserError } from '../../src/errors';
import { runCli } from '../support/cli';
import { minimalConfigLines } from '../support/config';

/**
 * Every input size and shape ends in a user error with file:line:col where one exists, and nothing is
 * written: each case runs `root-guard build` on a generated config and checks stderr line by line.
 */
async function buildWith(content: string | Buffer | undefined): Promise<{ file: string; code: number; lines: string[]; stderr: string; written: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'rg-input-'));
  const file = join(dir, 'root-guard.config.yaml');
  if (content !== undefined) writeFileSync(file, content);
  const out = join(dir, 'package');
  const { code, stdout, stderr } = await runCli(['build', '--config', file, '--out', out]);
  expect(stdout).toBe('');
  return {
    file,
    code,
    stderr,
    lines: stderr.split('\n').filter(Boolean),
    // Everything in the scratch directory except the config itself.
    written: readdirSync(dir).filter((name) => name !== 'root-guard.config.yaml'),
  };
}

const withoutScp = minimalConfigLines().filter((l) => !l.startsWith('scp:'));
/** A config whose scp.organizationalUnits list (a block list from line 8) holds `entries`. */
const scpList = (entries: readonly string[]) => [...withoutScp, 'scp:', '  organizationalUnits:', ...entries.map((e) => `    - ${e}`)].join('\n');

describe('config input of any size and shape', () => {
  test('a 10 MB value is cut in its message, not echoed whole', async () => {
    const { file, code, lines, stderr, written } = await buildWith(minimalConfigLines({ namePrefix: 'x'.repeat(10_000_000) }).join('\n'));
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${file}:3:13: namePrefix: "${'x'.repeat(80)}…" (10,000,000 characters) is not a valid prefix (use 1-20 letters, digits and hyphens, starting with a letter, e.g. "root-guard")`,
    ]);
    expect(stderr.length).toBeLessThan(500);
    expect(written).toEqual([]);
  });

  test('150,000 invalid OU entries: one line for the oversized list, not a stack overflow', async () => {
    const { file, code, lines, written } = await buildWith(scpList(Array.from({ length: 150_000 }, (_, i) => `"Root:X${i}"`)));
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${file}:8:5: scp.organizationalUnits: has 150,000 entries (at most 10,000: no organization has that many OUs or accounts; check that this is the right file)`,
    ]);
    expect(written).toEqual([]);
  });

  test('the same in flow style, and 100,000 bad emails: each oversized list is one line', async () => {
    const ous = await buildWith(minimalConfigLines({ scp: `{ organizationalUnits: [${Array.from({ length: 150_000 }, (_, i) => `"Root:X${i}"`).join(', ')}] }` }).join('\n'));
    expect(ous.lines).toEqual([`${ous.file}:6:29: scp.organizationalUnits: has 150,000 entries (at most 10,000: no organization has that many OUs or accounts; check that this is the right file)`]);
    const emails = await buildWith(minimalConfigLines({ securityTopic: `{ accountId: "222222222222", emails: [${Array.from({ length: 100_000 }, (_, i) => `bad${i}`).join(', ')}] }` }).join('\n'));
    expect(emails.lines).toEqual([`${emails.file}:4:53: securityTopic.emails: has 100,000 entries (at most 10,000: no organization has that many OUs or accounts; check that this is the right file)`]);
    expect([ous.written, emails.written]).toEqual([[], []]);
  });

  test('thousands of errors are capped: the first 50 in file order, then how many more', async () => {
    const { file, code, lines, written } = await buildWith(scpList(Array.from({ length: 5_000 }, (_, i) => `"Root:X${i}"`)));
    expect(code).toBe(1);
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe(`${file}:8:7: scp.organizationalUnits[0]: "Root:X0" starts with "Root:" (CfCT paths leave out the root: write "X0")`);
    expect(lines[49]).toBe(`${file}:57:7: scp.organizationalUnits[49]: "Root:X49" starts with "Root:" (CfCT paths leave out the root: write "X49")`);
    expect(lines[50]).toBe('... and 4,950 more problems (fix these and run again to see the rest)');
    expect(written).toEqual([]);
  });

  test('a YAML alias bomb is a user error at the first alias', async () => {
    const bomb = ['lol', ...'abcdef'].map((name, i, all) => i === 0 ? '' : `${name}: &${name} [${Array(9).fill(i === 1 ? '"lol"' : `*${all[i - 1]}`).join(', ')}]`).filter(Boolean);
    const { file, code, lines, written } = await buildWith([...minimalConfigLines(), ...bomb].join('\n'));
    expect(code).toBe(1);
    expect(lines).toEqual([`${file}:8:8: aliases expand to too much data (more than 100 nodes: an alias bomb?) (write the values out instead of *a)`]);
    expect(written).toEqual([]);
  });

  test('deeply nested YAML is a user error with its position, whether the parser copes (200 levels) or not (100,000)', async () => {
    const moderate = await buildWith([...minimalConfigLines(), `deep: ${'['.repeat(200)}${']'.repeat(200)}`].join('\n'));
    expect(moderate.lines).toEqual([`${moderate.file}:7:${7 + MAX_NESTING - 1}: deep${'[0]'.repeat(MAX_NESTING - 1)}: lists and mappings are nested more than 32 levels deep (root-guard's files need at most 4: check that this is the right file)`]);
    const extreme = await buildWith([...minimalConfigLines(), `deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}`].join('\n'));
    expect(extreme.code).toBe(1);
    expect(extreme.lines).toHaveLength(1);
    expect(extreme.lines[0]).toMatch(new RegExp(`^${extreme.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:\\d+: (deep.*: )?lists and mappings are nested more than 32 levels deep`));
    expect([moderate.written, extreme.written]).toEqual([[], []]);
  });

  test('a binary file and a Latin-1 file are "not UTF-8" at the first bad byte', async () => {
    const png = await buildWith(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    expect(png.lines).toEqual([`${png.file}:1:1: is not UTF-8 text (a binary file or another encoding: save the config file as UTF-8)`]);
    const latin1 = await buildWith(Buffer.from('homeRegion: us-east-1\nnamePrefix: caf\xe9\n', 'latin1'));
    expect(latin1.lines).toEqual([`${latin1.file}:2:16: is not UTF-8 text (a binary file or another encoding: save the config file as UTF-8)`]);
    expect([png.code, latin1.code, png.written, latin1.written]).toEqual([1, 1, [], []]);
  });

  test('an empty file, a missing file and a directory each get one line with the fix', async () => {
    const empty = await buildWith('');
    expect(empty.lines).toEqual([`${empty.file}:1:1: the config file is empty (start from the committed root-guard.config.yaml)`]);
    const missing = await buildWith(undefined);
    expect(missing.lines).toEqual([`${missing.file}: no such config file (run from the repository root, or pass --config FILE)`]);
    const dir = mkdtempSync(join(tmpdir(), 'rg-input-dir-'));
    const out = join(dir, 'package');
    const directory = await runCli(['build', '--config', dir, '--out', out]);
    expect(directory.stderr).toBe(`${dir}: is a directory, not a config file (pass the file itself)\n`);
    expect([empty.code, missing.code, directory.code, existsSync(out)]).toEqual([1, 1, 1, false]);
    expect([empty.written, missing.written]).toEqual([[], []]);
  });

  test('a file larger than 16 MB is refused before it is read', async () => {
    const { file, code, lines, written } = await buildWith(Buffer.alloc(17 * 1024 * 1024, 0x20));
    expect(code).toBe(1);
    expect(lines).toEqual([`${file}: is 17.0 MB, larger than any config file (16 MB at most: check that this is the right file)`]);
    expect(written).toEqual([]);
  });

  test('the same email twice, or differing only in case, is a config error at the duplicate (CDK used to crash on it)', async () => {
    const { file, code, lines, written } = await buildWith(minimalConfigLines({ securityTopic: '{ accountId: "222222222222", emails: [a@example.com, b@example.com, A@Example.com, b@example.com] }' }).join('\n'));
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${file}:4:84: securityTopic.emails[2]: "A@Example.com" is listed twice: emails[0] is "a@example.com" (addresses are compared without case: remove the duplicate)`,
      `${file}:4:99: securityTopic.emails[3]: "b@example.com" is listed twice (remove the duplicate)`,
    ]);
    expect(written).toEqual([]);
  });
});

describe('root-guard.ous.yaml of any size and shape', () => {
  function problemsOf(content: string): { file: string; problems: readonly string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'rg-ous-'));
    const file = join(dir, 'root-guard.ous.yaml');
    writeFileSync(file, content);
    try {
      loadOuResolution(join(dir, 'root-guard.config.yaml'));
    } catch (err) {
      if (err instanceof UserError) return { file, problems: err.problems };
      throw err;
    }
    throw new Error('accepted');
  }
  const regenerate = '(the file is generated: run `root-guard resolve` (needs AWS credentials for the management account) and commit root-guard.ous.yaml)';

  test('150,000 paths: one line for the oversized list', () => {
    const paths = Array.from({ length: 150_000 }, (_, i) => `      - "Root:X${i}"`);
    const { file, problems } = problemsOf(['resolvedAt: 2026-01-31T12:00:00.000Z', 'targets:', '  rootChecks.organizationalUnits:', '    from: [Workloads]', '    paths:', ...paths].join('\n'));
    expect(problems).toEqual([`${file}:6:7: targets.rootChecks.organizationalUnits.paths: has 150,000 entries (at most 10,000: no organization has that many OUs or accounts; check that this is the right file)`]);
  });

  test('many bad paths are capped, and long values cut', () => {
    const paths = Array.from({ length: 300 }, (_, i) => `      - "Root:${'y'.repeat(200)}${i}"`);
    const { file, problems } = problemsOf(['resolvedAt: 2026-01-31T12:00:00.000Z', 'targets:', '  rootChecks.organizationalUnits:', '    from: [Workloads]', '    paths:', ...paths].join('\n'));
    expect(problems).toHaveLength(51);
    expect(problems[0]).toBe(`${file}:6:9: targets.rootChecks.organizationalUnits.paths[0]: "Root:${'y'.repeat(75)}…" (206 characters) starts with "Root:" (CfCT paths leave out the root: write "${'y'.repeat(80)}…" (201 characters)) ${regenerate}`);
    expect(problems[50]).toBe('... and 250 more problems (fix these and run again to see the rest)');
  });

  test('an alias bomb, a binary file and a directory are user errors', () => {
    const levels = [...'abcdef'].map((name, i, all) => `${name}: &${name} [${Array(9).fill(i === 0 ? '"x"' : `*${all[i - 1]}`).join(', ')}]`);
    const bomb = problemsOf(['resolvedAt: 2026-01-31T12:00:00.000Z', ...levels].join('\n'));
    expect(bomb.problems).toEqual([`${bomb.file}:3:8: aliases expand to too much data (more than 100 nodes: an alias bomb?) (write the values out instead of *a)`]);
    const dir = mkdtempSync(join(tmpdir(), 'rg-ous-'));
    writeFileSync(join(dir, 'root-guard.ous.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect(() => loadOuResolution(join(dir, 'root-guard.config.yaml'))).toThrow(`${join(dir, 'root-guard.ous.yaml')}:1:1: is not UTF-8 text (a binary file or another encoding: save the OU resolution file as UTF-8)`);
    const withDir = mkdtempSync(join(tmpdir(), 'rg-ous-'));
    mkdirSync(join(withDir, 'root-guard.ous.yaml'));
    expect(() => loadOuResolution(join(withDir, 'root-guard.config.yaml'))).toThrow(`${join(withDir, 'root-guard.ous.yaml')}: is a directory, not an OU resolution file (pass the file itself)`);
  });
});

describe('isWithinBounds', () => {
  test('accepts the config\'s shapes and rejects long lists, deep nesting, and walks shared (aliased) values once', () => {
    expect(isWithinBounds({ scp: { organizationalUnits: ['Workloads'] } })).toBe(true);
    expect(isWithinBounds({ list: Array(MAX_ENTRIES + 1).fill('x') })).toBe(false);
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_NESTING + 1; i++) deep = [deep];
    expect(isWithinBounds(deep)).toBe(false);
    // An alias bomb as js-yaml returns it: 9^20 paths, 20 distinct arrays.
    let shared: unknown = 'lol';
    for (let i = 0; i < 20; i++) shared = Array(9).fill(shared);
    expect(isWithinBounds({ bomb: shared })).toBe(true);
  });
});

describe('the quick path for one oversized list or mapping (js-yaml) says what the document model says', () => {
  const n = MAX_ENTRIES + 1;
  const items = (indent: string) => Array.from({ length: n }, (_, i) => `${indent}- OU${i}`).join('\n');
  const problemOf = (source: string, quick: boolean): string => {
    try {
      parseYamlWithPositions(source, 'f.yaml', 'fix it', { quick });
    } catch (err) {
      if (err instanceof UserError) return err.message;
      throw err;
    }
    return 'no problem';
  };
  const shapes: Record<string, string> = {
    'a block list two levels down': `homeRegion: us-east-1\nscp:\n  organizationalUnits:\n${items('    ')}\n`,
    'a compact block list (items at the key\'s indent)': `a: 1\nlist:\n${items('')}\n`,
    'a comment between the key and the list': `list: # the OUs\n  # one per line\n${items('  ')}\n`,
    'a flow list inside a flow mapping': `scp: { organizationalUnits: [${Array.from({ length: n }, (_, i) => `"X${i}"`).join(', ')}] }\n`,
    'CRLF line endings': `x: 1\r\nlist:\r\n${items('  ').replace(/\n/g, '\r\n')}\r\n`,
    'a list at the top level': `${items('')}\n`,
    'a list of lists': `list:\n  - - a\n${items('  ')}\n`,
  };

  test.each(Object.entries(shapes))('%s', (_shape, source) => {
    expect(findOversizedQuickly(source)).toBeDefined();
    const slow = problemOf(source, false);
    expect(slow).toMatch(/^f\.yaml:\d+:\d+: .*has 10,00[12] entries/);
    expect(problemOf(source, true)).toBe(slow);
  });

  test('a block mapping: at its first key (the document model takes over half a second on 10,001 keys, several under a loaded test run, so it is not run here)', () => {
    const source = `fastAlerts:\n  accountNames:\n${Array.from({ length: n }, (_, i) => `    "${100000000000 + i}": A${i}`).join('\n')}\n`;
    expect(problemOf(source, true)).toBe('f.yaml:3:5: fastAlerts.accountNames: has 10,001 entries (at most 10,000: no organization has that many OUs or accounts; check that this is the right file)');
  });

  test('leaves to the document model what it cannot be sure of: two oversized lists, an anchored one, a small file, YAML js-yaml rejects', () => {
    expect(findOversizedQuickly(`a:\n${items('  ')}\nb:\n${items('  ')}\n`)).toBeUndefined();
    expect(findOversizedQuickly(`a: &big\n${items('  ')}\nb: *big\n`)).toBeUndefined();
    expect(findOversizedQuickly('a: [1, 2, 3]\n')).toBeUndefined();
    expect(findOversizedQuickly(`a: 1\na: 2\nlist:\n${items('  ')}\n`)).toBeUndefined();
  });
});
