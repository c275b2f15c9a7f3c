import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { walkInputs, type WalkEntry } from '../../src/backtest/walk-inputs';
import { tempDir, writeFile } from './fixtures';

async function walk(paths: string[]): Promise<WalkEntry[]> {
  const entries: WalkEntry[] = [];
  for await (const entry of walkInputs(paths)) entries.push(entry);
  return entries;
}

describe('walkInputs', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const trail = join(dir, 'AWSLogs', '111111111111', 'CloudTrail', 'us-east-1', '2024');
  writeFile(join(trail, '03', '02', '111111111111_CloudTrail_us-east-1_20240302T0000Z_b.json.gz'), '');
  writeFile(join(trail, '03', '01', '111111111111_CloudTrail_us-east-1_20240301T0005Z_b.json.gz'), '');
  writeFile(join(trail, '03', '01', '111111111111_CloudTrail_us-east-1_20240301T0000Z_a.json.gz'), '');
  writeFile(join(dir, 'AWSLogs', '111111111111', 'CloudTrail-Digest', 'us-east-1', 'x_CloudTrail-Digest_y.json.gz'), '');
  writeFile(join(dir, 'extra', 'events.jsonl'), '');
  writeFile(join(dir, 'extra', 'export.ndjson.gz'), '');
  writeFile(join(dir, 'extra', 'README.md'), '');
  writeFile(join(dir, 'extra', 'stray_CloudTrail-Digest_z.json.gz'), '');
  writeFile(join(dir, 'named-on-command-line.txt'), '');

  it('walks directories recursively in name order (time order for the CloudTrail S3 layout)', async () => {
    const files = (await walk([join(dir, 'AWSLogs')])).filter((e) => e.kind === 'file').map((e) => e.path.slice(trail.length + 1));
    expect(files).toEqual([
      '03/01/111111111111_CloudTrail_us-east-1_20240301T0000Z_a.json.gz',
      '03/01/111111111111_CloudTrail_us-east-1_20240301T0005Z_b.json.gz',
      '03/02/111111111111_CloudTrail_us-east-1_20240302T0000Z_b.json.gz',
    ]);
  });

  it('leaves out digest files and files that are not JSON or gzip, saying why', async () => {
    const entries = await walk([join(dir, 'AWSLogs'), join(dir, 'extra')]);
    const ignored = entries.filter((e) => e.kind === 'ignored').map((e) => [e.path.slice(dir.length + 1), (e as { reason: string }).reason]);
    expect(ignored).toEqual([
      ['AWSLogs/111111111111/CloudTrail-Digest', 'CloudTrail digest files (no events)'],
      ['extra/README.md', 'not a .json, .jsonl, .ndjson or .gz file'],
      ['extra/stray_CloudTrail-Digest_z.json.gz', 'CloudTrail digest file (no events)'],
    ]);
    expect(entries.filter((e) => e.kind === 'file').map((e) => e.path.slice(dir.length + 1))).toContain('extra/export.ndjson.gz');
  });

  it('reads a file named on the command line whatever its extension', async () => {
    expect(await walk([join(dir, 'named-on-command-line.txt')])).toEqual([{ kind: 'file', path: join(dir, 'named-on-command-line.txt') }]);
  });

  it('reports a path that does not exist and goes on', async () => {
    const entries = await walk([join(dir, 'nope'), join(dir, 'extra', 'events.jsonl')]);
    expect(entries).toEqual([
      { kind: 'problem', path: join(dir, 'nope'), problem: 'no such file or directory' },
      { kind: 'file', path: join(dir, 'extra', 'events.jsonl') },
    ]);
  });

  it('reads symbolic links to files but does not follow links to directories', async () => {
    const links = join(dir, 'links');
    mkdirSync(links);
    symlinkSync(join(dir, 'extra', 'events.jsonl'), join(links, 'a.jsonl'));
    symlinkSync(dir, join(links, 'loop'));
    symlinkSync(join(dir, 'gone.json'), join(links, 'broken.json'));
    const entries = await walk([links]);
    expect(entries.map((e) => [e.kind, e.path.slice(links.length + 1)])).toEqual([
      ['file', 'a.jsonl'],
      ['problem', 'broken.json'],
      ['ignored', 'loop'],
    ]);
  });

  it('reads a FILE or DIR given twice once, and a file inside a directory also given once', async () => {
    const extra = join(dir, 'extra');
    const file = join(extra, 'events.jsonl');
    const named = join(dir, 'named-on-command-line.txt');
    const entries = await walk([extra, `${extra}/`, file, named, `${dir}/./named-on-command-line.txt`, named]);
    const files = entries.filter((e) => e.kind === 'file').map((e) => e.path);
    expect(files).toEqual([join(extra, 'events.jsonl'), join(extra, 'export.ndjson.gz'), join(dir, 'named-on-command-line.txt')]);
    expect(entries.filter((e) => e.kind === 'ignored' && /already|twice/.test(e.reason))).toEqual([
      { kind: 'ignored', path: `${extra}/`, reason: `already read as part of ${extra}` },
      { kind: 'ignored', path: file, reason: `already read as part of ${extra}` },
      { kind: 'ignored', path: `${dir}/./named-on-command-line.txt`, reason: `already read as part of ${named}` },
      { kind: 'ignored', path: named, reason: 'given twice (read once)' },
    ]);
  });
});
