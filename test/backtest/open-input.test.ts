import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeInputError, isGzipFile, openInput } from '../../src/backtest/open-input';
import { tempDir, writeFile } from './fixtures';

async function readAll(path: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openInput(path)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function errorOf(path: string): Promise<unknown> {
  try {
    await readAll(path);
  } catch (err) {
    return err;
  }
  throw new Error('expected reading to fail');
}

describe('openInput', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('reads a plain file as it is', async () => {
    const path = writeFile(join(dir, 'plain.json'), '{"Records":[]}');
    expect(await isGzipFile(path)).toBe(false);
    expect(await readAll(path)).toBe('{"Records":[]}');
  });

  it('gunzips by content, whatever the file name', async () => {
    const path = writeFile(join(dir, 'no-extension'), gzipSync('{"a":1}'));
    expect(await isGzipFile(path)).toBe(true);
    expect(await readAll(path)).toBe('{"a":1}');
  });

  it('reads every member of a multi-member gzip file', async () => {
    const path = writeFile(join(dir, 'members.json.gz'), Buffer.concat([gzipSync('{"a":1}\n'), gzipSync('{"b":2}\n')]));
    expect(await readAll(path)).toBe('{"a":1}\n{"b":2}\n');
  });

  it('fails on a truncated gzip, described as such', async () => {
    const whole = gzipSync(JSON.stringify({ Records: Array.from({ length: 500 }, (_, i) => ({ i, pad: 'x'.repeat(i % 50) })) }));
    const path = writeFile(join(dir, 'truncated.json.gz'), whole.subarray(0, whole.length - 200));
    expect(describeInputError(await errorOf(path))).toBe('truncated gzip (unexpected end of file)');
  });

  it('fails on a corrupt gzip, described as such', async () => {
    const whole = gzipSync('{"Records":[]}');
    const corrupt = Buffer.from(whole);
    corrupt.fill(0xff, 10, 20);
    const path = writeFile(join(dir, 'corrupt.json.gz'), corrupt);
    expect(describeInputError(await errorOf(path))).toMatch(/^corrupt gzip/);
  });

  it('fails on a missing file, described as such', async () => {
    expect(describeInputError(await errorOf(join(dir, 'nope.json')))).toBe('no such file');
  });
});
