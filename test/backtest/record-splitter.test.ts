import { RecordFormatError, RecordSplitter } from '../../src/backtest/record-splitter';

const RECORDS = [
  { eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', userIdentity: { type: 'Root' } },
  { eventName: 'PutRule', eventSource: 'events.amazonaws.com', requestParameters: { eventPattern: '{"source":["aws.ec2"]} } ] {' } },
  { eventName: 'Tricky', eventSource: 'x', text: 'quote \\" and backslash \\\\ and } and "{', nested: { a: [{ b: {} }, []] }, unicode: 'café ✓ 日本' },
];

/** Splits `text` by feeding it in chunks of `size` bytes; returns the parsed records. */
function split(text: string | Buffer, size = Infinity, splitter = new RecordSplitter()): unknown[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const out: string[] = [];
  const step = Number.isFinite(size) ? size : Math.max(1, bytes.length);
  for (let i = 0; i < bytes.length; i += step) out.push(...splitter.push(bytes.subarray(i, i + step)));
  splitter.end();
  return out.map((t) => JSON.parse(t));
}

function failure(text: string, splitter = new RecordSplitter()): RecordFormatError {
  try {
    split(text, Infinity, splitter);
  } catch (error) {
    if (error instanceof RecordFormatError) return error;
    throw error;
  }
  throw new Error('expected a RecordFormatError');
}

describe('RecordSplitter', () => {
  it('yields each record of a CloudTrail {"Records":[…]} file', () => {
    expect(split(JSON.stringify({ Records: RECORDS }))).toEqual(RECORDS);
  });

  it('yields each line of a JSON-lines file', () => {
    expect(split(`${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`)).toEqual(RECORDS);
  });

  it('yields each element of a top-level JSON array, pretty-printed or not', () => {
    expect(split(JSON.stringify(RECORDS, null, 2))).toEqual(RECORDS);
  });

  it('reads several Records files concatenated, with whitespace inside the wrapper', () => {
    const one = `{ "Records" :\n [ ${JSON.stringify(RECORDS[0])} ,\n ${JSON.stringify(RECORDS[1])} ] }`;
    expect(split(`${one}\n${JSON.stringify({ Records: [RECORDS[2]] })}`)).toEqual(RECORDS);
  });

  it('gives the same records whatever the chunk boundaries, down to one byte at a time', () => {
    const text = `\ufeff${JSON.stringify({ Records: RECORDS })}\n${JSON.stringify(RECORDS[2])}`;
    for (const size of [1, 2, 3, 7, 64]) {
      expect(split(text, size)).toEqual([...RECORDS, RECORDS[2]]);
    }
  });

  it('skips keys after the Records array', () => {
    expect(split(`{"Records":[${JSON.stringify(RECORDS[0])}],"other":{"x":"}"}}`)).toEqual([RECORDS[0]]);
  });

  it('reads an empty Records array as no records', () => {
    expect(split('{"Records":[]}')).toEqual([]);
  });

  it('treats an object whose first key is not Records as a record (JSON lines)', () => {
    expect(split('{"Recordsx":[1]}\n{"eventName":"a"}')).toEqual([{ Recordsx: [1] }, { eventName: 'a' }]);
  });

  it('yields record text with any character inside strings intact', () => {
    const out = new RecordSplitter().push(Buffer.from(`[${JSON.stringify(RECORDS[2])}]`));
    expect(out).toEqual([JSON.stringify(RECORDS[2])]);
  });

  it.each([
    ['hello world', 'found "h"'],
    ['\u0000\u0001', 'binary data'],
    ['{"Records":[1,2]}', 'expected a record object'],
    ['{"Records":[{"a":1} {"b":2}]}', 'expected "," or "]"'],
    ['{"Records":[{"a":1}] x', 'expected "}" after the Records array'],
  ])('rejects %j', (text, fragment) => {
    expect(failure(text).message).toContain(fragment);
  });

  it.each([
    ['{"Records":[{"a":1},{"b":', 'inside a record'],
    ['{"Records":[{"a":1},', 'inside the Records array'],
    ['{"Records":[{"a":1}]', 'before the closing }'],
    ['{"eventName":"a"', 'inside a record'],
  ])('reports a truncated stream %j at its end', (text, fragment) => {
    const error = failure(text);
    expect(error.message).toContain(fragment);
    expect(error.offset).toBe(Buffer.byteLength(text));
  });

  it('stops on a record larger than the limit instead of buffering it', () => {
    const splitter = new RecordSplitter(100);
    expect(() => splitter.push(Buffer.from(`{"Records":[{"a":"${'x'.repeat(50)}`))).not.toThrow();
    expect(() => splitter.push(Buffer.from('x'.repeat(100)))).toThrow(/larger than 100 bytes/);
  });

  it('reports the byte offset of a format error', () => {
    expect(failure('{"Records":[{"a":1}, 7]}').offset).toBe(21);
  });
});
