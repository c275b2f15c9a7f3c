import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors';
import { writeFileAtomically } from '../../src/ops/write-file-atomically';

describe('writeFileAtomically', () => {
  test('replaces the file in one step and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-atomic-'));
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'old');
    writeFileAtomically(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  test('fails with a UserError naming the file, and leaves nothing behind, when the directory does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-atomic-'));
    const file = join(dir, 'missing', 'out.txt');
    expect(() => writeFileAtomically(file, 'x')).toThrow(UserError);
    expect(() => writeFileAtomically(file, 'x')).toThrow(`${file}: cannot write the file (ENOENT)`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
