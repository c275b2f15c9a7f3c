/**
 * Splits a byte stream of CloudTrail JSON into the text of one record at a time, without ever holding
 * more than the current record (plus one chunk) in memory.
 *
 * Accepted layouts, one after another in the same stream:
 * - `{"Records":[{…},{…}]}`: a CloudTrail log file as delivered to S3
 *   (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html);
 * - `{…}` objects separated by whitespace: JSON lines, one record per line (or pretty-printed);
 * - `[{…},{…}]`: a JSON array of records.
 *
 * It scans bytes, not characters: every structural JSON character is ASCII and no byte of a UTF-8
 * multi-byte sequence is below 0x80, so byte offsets of `{ } [ ] " \` are exact. Strings are skipped
 * with Buffer#indexOf (native), which is what keeps the scan cheap next to JSON.parse. A record's
 * content is not validated here: JSON.parse does that on the text this yields.
 */

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const RECORDS_KEY = Buffer.from('"Records"');

/** A record larger than this is not CloudTrail (events are at most a few hundred KB); it stops the file. */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/** The stream is not in a layout this reads; `offset` is the byte offset in the (uncompressed) stream. */
export class RecordFormatError extends Error {
  constructor(message: string, public readonly offset: number) {
    super(message);
    this.name = 'RecordFormatError';
  }
}

const enum State {
  /** Between top-level values. */
  Top,
  /** Inside a Records array (or a top-level array): before a record, a comma or the closing bracket. */
  InArray,
  /** Inside a record object, looking for its closing brace. */
  InRecord,
  /** After the Records array: the rest of the wrapper object. */
  AfterRecords,
}

export class RecordSplitter {
  private buf: Buffer = Buffer.alloc(0);
  /** Stream offset of buf[0]. */
  private base = 0;
  private pos = 0;
  private state = State.Top;
  /** In InArray: a record was just read, so a comma or the closing bracket comes next. */
  private afterElement = false;
  /** In InArray: whether the array is the value of "Records" (true) or the top-level value (false). */
  private inWrapper = false;
  /** In InRecord: where the object started, its depth, and whether to yield it (false: skipping wrapper keys). */
  private recordStart = 0;
  private depth = 0;
  private emitRecord = true;
  private returnTo = State.Top;
  private started = false;

  /** @param maxRecordBytes a record larger than this stops the stream (default {@link MAX_RECORD_BYTES}) */
  constructor(private readonly maxRecordBytes: number = MAX_RECORD_BYTES) {}

  /** Feeds the next chunk; returns the text of every record completed by it, in order. */
  push(chunk: Buffer): string[] {
    if (this.buf.length === this.pos && this.state !== State.InRecord) {
      this.base += this.buf.length;
      this.buf = chunk;
      this.pos = 0;
    } else {
      const keep = this.state === State.InRecord ? this.recordStart : this.pos;
      const rest = this.buf.subarray(keep);
      this.base += keep;
      this.pos -= keep;
      this.recordStart -= keep;
      this.buf = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    }
    if (!this.started) {
      // A UTF-8 byte-order mark (some editors add one to JSON files).
      if (this.buf.length < 3 && this.buf.every((b, i) => b === [0xef, 0xbb, 0xbf][i])) return [];
      this.started = true;
      if (this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.pos = 3;
    }
    const out: string[] = [];
    this.scan(out);
    return out;
  }

  /** Call at the end of the stream; throws if it ended inside a record or an array. */
  end(): void {
    if (this.state === State.Top) {
      return;
    }
    const where = this.state === State.InRecord ? 'inside a record' : this.state === State.InArray ? 'inside the Records array' : 'before the closing } of the file';
    throw new RecordFormatError(`the data ends ${where} (the file is truncated or not complete JSON)`, this.base + this.buf.length);
  }

  private scan(out: string[]): void {
    const buf = this.buf;
    const n = buf.length;
    let i = this.pos;
    for (;;) {
      switch (this.state) {
        case State.Top: {
          i = skipWhitespace(buf, i);
          if (i >= n) return this.save(i);
          const c = buf[i];
          if (c === OPEN_BRACE) {
            const afterKey = matchRecordsHead(buf, i);
            if (afterKey === undefined) return this.save(i); // need more bytes to decide
            if (afterKey > 0) {
              this.state = State.InArray;
              this.inWrapper = true;
              this.afterElement = false;
              i = afterKey;
            } else {
              this.startRecord(i, true, State.Top);
              i++;
            }
          } else if (c === OPEN_BRACKET) {
            this.state = State.InArray;
            this.inWrapper = false;
            this.afterElement = false;
            i++;
          } else {
            throw new RecordFormatError(`expected {"Records":[…]}, a JSON object per line or a JSON array, found ${describeByte(c)}`, this.base + i);
          }
          break;
        }
        case State.InArray: {
          i = skipWhitespace(buf, i);
          if (i >= n) return this.save(i);
          const c = buf[i];
          if (c === CLOSE_BRACKET) {
            i++;
            this.state = this.inWrapper ? State.AfterRecords : State.Top;
          } else if (this.afterElement) {
            if (c !== COMMA) throw new RecordFormatError(`expected "," or "]" between records, found ${describeByte(c)}`, this.base + i);
            this.afterElement = false;
            i++;
          } else if (c === OPEN_BRACE) {
            this.startRecord(i, true, State.InArray);
            i++;
          } else {
            throw new RecordFormatError(`expected a record object in the Records array, found ${describeByte(c)}`, this.base + i);
          }
          break;
        }
        case State.AfterRecords: {
          i = skipWhitespace(buf, i);
          if (i >= n) return this.save(i);
          const c = buf[i];
          if (c === CLOSE_BRACE) {
            i++;
            this.state = State.Top;
          } else if (c === COMMA) {
            // Keys after "Records" (none in CloudTrail's files): skip them up to the wrapper's closing brace.
            this.startRecord(i, false, State.Top);
            this.depth = 1;
            i++;
          } else {
            throw new RecordFormatError(`expected "}" after the Records array, found ${describeByte(c)}`, this.base + i);
          }
          break;
        }
        case State.InRecord: {
          // The hot loop: find the brace that closes the record, skipping strings with indexOf.
          let depth = this.depth;
          while (i < n) {
            const c = buf[i];
            if (c === QUOTE) {
              const close = findStringEnd(buf, i);
              if (close < 0) {
                // The string continues in the next chunk: rescan it from its quote.
                this.depth = depth;
                this.checkRecordSize(n);
                return this.save(i);
              }
              i = close + 1;
            } else if (c === OPEN_BRACE) {
              depth++;
              i++;
            } else if (c === CLOSE_BRACE) {
              i++;
              if (--depth === 0) break;
            } else {
              i++;
            }
          }
          this.depth = depth;
          if (depth !== 0) {
            this.checkRecordSize(n);
            return this.save(i);
          }
          if (this.emitRecord) out.push(buf.toString('utf8', this.recordStart, i));
          this.state = this.returnTo;
          if (this.state === State.InArray) this.afterElement = true;
          break;
        }
      }
    }
  }

  private startRecord(at: number, emit: boolean, returnTo: State): void {
    this.state = State.InRecord;
    this.recordStart = at;
    this.depth = 1;
    this.emitRecord = emit;
    this.returnTo = returnTo;
  }

  /** Keeps memory bounded on input that is not CloudTrail: a record may not grow past the limit. */
  private checkRecordSize(scanned: number): void {
    if (scanned - this.recordStart > this.maxRecordBytes) {
      throw new RecordFormatError(`a record is larger than ${formatBytes(this.maxRecordBytes)} (not a CloudTrail record)`, this.base + this.recordStart);
    }
  }

  private save(i: number): void {
    this.pos = i;
  }
}

function skipWhitespace(buf: Buffer, i: number): number {
  const n = buf.length;
  while (i < n) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Offset of the quote that closes the string opening at `open`, or -1 if it is not in `buf` yet. */
function findStringEnd(buf: Buffer, open: number): number {
  let j = open + 1;
  for (;;) {
    j = buf.indexOf(QUOTE, j);
    if (j < 0) return -1;
    let backslashes = 0;
    for (let k = j - 1; buf[k] === BACKSLASH; k--) backslashes++;
    if ((backslashes & 1) === 0) return j;
    j++;
  }
}

/**
 * At a top-level `{`: the offset just after `[` if the object starts with `"Records": [`, 0 if it
 * does not (so it is a record itself), undefined if more bytes are needed to tell.
 */
function matchRecordsHead(buf: Buffer, open: number): number | undefined {
  const n = buf.length;
  let i = skipWhitespace(buf, open + 1);
  if (i >= n) return undefined;
  for (let k = 0; k < RECORDS_KEY.length; k++, i++) {
    if (i >= n) return undefined;
    if (buf[i] !== RECORDS_KEY[k]) return 0;
  }
  i = skipWhitespace(buf, i);
  if (i >= n) return undefined;
  if (buf[i] !== COLON) return 0;
  i = skipWhitespace(buf, i + 1);
  if (i >= n) return undefined;
  return buf[i] === OPEN_BRACKET ? i + 1 : 0;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n} bytes`;
}

function describeByte(c: number): string {
  if (c >= 0x20 && c < 0x7f) return `"${String.fromCharCode(c)}"`;
  return `byte 0x${c.toString(16).padStart(2, '0')} (binary data)`;
}
