import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readCloudTrailFile } from '../../src/backtest/read-cloudtrail-file';
import { cloudTrailRecord, tempDir, writeFile, writeJsonLines, writeRecordsFile } from './fixtures';

async function read(path: string) {
  const seen: [string, number][] = [];
  const result = await readCloudTrailFile(path, { onRecord: (record, index) => seen.push([String(record.eventName), index]) });
  return { ...result, seen };
}

describe('readCloudTrailFile', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const records = [cloudTrailRecord({ eventName: 'A' }), cloudTrailRecord({ eventName: 'B' }), cloudTrailRecord({ eventName: 'C' })];

  it('hands over every record of a gzipped Records file, in order, with its position', async () => {
    const result = await read(writeRecordsFile(join(dir, 'a.json.gz'), records));
    expect(result).toMatchObject({ events: 3, skippedRecords: 0, complete: true });
    expect(result.problem).toBeUndefined();
    expect(result.seen).toEqual([['A', 1], ['B', 2], ['C', 3]]);
  });

  it('streams a large Records file: records are handed over chunk by chunk, before the file ends', async () => {
    const many = Array.from({ length: 6000 }, (_, i) => cloudTrailRecord({ eventName: `E${i}`, requestID: `${i}`.padStart(400, '0') }));
    const path = writeRecordsFile(join(dir, 'large.json.gz'), many);
    const seenAtChunk: number[] = [];
    let seen = 0;
    const result = await readCloudTrailFile(path, { onRecord: () => seen++, onChunk: () => seenAtChunk.push(seen) });
    expect(result.events).toBe(6000);
    expect(seenAtChunk.length).toBeGreaterThan(3);
    expect(seenAtChunk[0]).toBeGreaterThan(0);
    expect(seenAtChunk[0]).toBeLessThan(6000);
  });

  it('reads plain Records files and JSON lines alike', async () => {
    expect((await read(writeRecordsFile(join(dir, 'b.json'), records, { gzip: false }))).events).toBe(3);
    expect((await read(writeJsonLines(join(dir, 'c.jsonl'), records))).events).toBe(3);
  });

  it('rejects a file whose first record is not CloudTrail, reading nothing from it', async () => {
    const result = await read(writeJsonLines(join(dir, 'other.json'), [{ name: 'not an event' }, ...records]));
    expect(result).toMatchObject({ events: 0, complete: false });
    expect(result.problem).toBe('not CloudTrail: the first record has no eventName and eventSource; nothing was read from it');
  });

  it('rejects a file that is not JSON', async () => {
    const result = await read(writeFile(join(dir, 'notes.json'), 'these are notes'));
    expect(result.complete).toBe(false);
    expect(result.problem).toMatch(/^not CloudTrail JSON at byte 0: expected \{"Records":\[…\]\}/);
  });

  it('skips bad records in the middle of a file and reads the rest', async () => {
    const path = writeFile(join(dir, 'mixed.jsonl'), [JSON.stringify(records[0]), '{"eventName": tru}', '{"x":1}', JSON.stringify(records[1])].join('\n'));
    const result = await read(path);
    expect(result).toMatchObject({ events: 2, skippedRecords: 2, complete: true });
    expect(result.problem).toMatch(/^2 records skipped; the first: record 2 is not valid JSON/);
    expect(result.seen).toEqual([['A', 1], ['B', 4]]);
  });

  it('counts the events before a truncated gzip and says the file was cut short', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => cloudTrailRecord({ eventName: `E${i}`, eventID: `${i}-${'x'.repeat(i % 97)}` }));
    const whole = gzipSync(JSON.stringify({ Records: many }));
    const result = await read(writeFile(join(dir, 'cut.json.gz'), whole.subarray(0, Math.floor(whole.length / 2))));
    expect(result.complete).toBe(false);
    expect(result.events).toBeGreaterThan(0);
    expect(result.events).toBeLessThan(2000);
    expect(result.problem).toBe(`truncated gzip (unexpected end of file); the ${result.events} events before it were counted`);
  });

  it('says when a plain file ends inside a record', async () => {
    const text = JSON.stringify({ Records: records });
    const result = await read(writeFile(join(dir, 'cut.json'), text.slice(0, text.length - 20)));
    expect(result).toMatchObject({ events: 2, complete: false });
    expect(result.problem).toMatch(/the data ends inside a record .*; the 2 events before it were counted$/);
  });

  it('reports an empty file', async () => {
    const result = await read(writeFile(join(dir, 'empty.json'), ''));
    expect(result).toMatchObject({ events: 0, problem: 'no records (the file is empty)' });
  });

  it('reports a file that cannot be read', async () => {
    const result = await read(join(dir, 'missing.json.gz'));
    expect(result).toMatchObject({ events: 0, complete: false, problem: 'no such file; nothing was read from it' });
  });
});
