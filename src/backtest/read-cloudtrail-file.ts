import { isCloudTrailRecord, type CloudTrailRecord } from './cloudtrail-record';
import { describeInputError, openInput } from './open-input';
import { RecordFormatError, RecordSplitter } from './record-splitter';

/** What reading one file gave. */
export interface FileReadResult {
  /** CloudTrail records read and handed to `onRecord`. */
  readonly events: number;
  /** Records that were skipped (invalid JSON, or not a CloudTrail record) while the rest was read. */
  readonly skippedRecords: number;
  /** False when reading stopped early: the events before the stop were still handed over. */
  readonly complete: boolean;
  /** What went wrong, for the report; undefined when the file was read cleanly. */
  readonly problem?: string;
}

export interface ReadOptions {
  /**
   * Called for every CloudTrail record, in file order; `index` is 1-based within the file; `text` is
   * the record's JSON text (for patterns that compare a number's written text).
   */
  readonly onRecord: (record: CloudTrailRecord, index: number, text: string) => void;
  /** Called after each chunk (for progress). */
  readonly onChunk?: () => void;
}

/**
 * Streams one file (gzipped or not) of CloudTrail records and hands each record over, holding at
 * most one chunk and one record in memory. Never throws for bad input: the problem is returned, so
 * the caller can report it with the file name and go on with the next file.
 */
export async function readCloudTrailFile(path: string, options: ReadOptions): Promise<FileReadResult> {
  const splitter = new RecordSplitter();
  let events = 0;
  let seen = 0;
  let skipped = 0;
  let firstSkip: string | undefined;

  const stop = (problem: string): FileReadResult => ({ events, skippedRecords: skipped, complete: false, problem: withCounts(problem, events) });

  try {
    const chunks = await openInput(path);
    for await (const chunk of chunks) {
      for (const text of splitter.push(chunk)) {
        seen++;
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch (err) {
          if (seen === 1) return stop(`not CloudTrail JSON: the first record is not valid JSON (${(err as Error).message})`);
          skipped++;
          firstSkip ??= `record ${seen} is not valid JSON (${(err as Error).message})`;
          continue;
        }
        if (!isCloudTrailRecord(record)) {
          if (seen === 1) return stop('not CloudTrail: the first record has no eventName and eventSource');
          skipped++;
          firstSkip ??= `record ${seen} is not a CloudTrail record (no eventName and eventSource)`;
          continue;
        }
        events++;
        options.onRecord(record, seen, text);
      }
      options.onChunk?.();
    }
    splitter.end();
  } catch (err) {
    if (err instanceof RecordFormatError) return stop(`not CloudTrail JSON at byte ${err.offset}: ${err.message}`);
    return stop(describeInputError(err));
  }

  if (seen === 0) return { events, skippedRecords: 0, complete: true, problem: 'no records (the file is empty)' };
  if (skipped > 0) {
    return { events, skippedRecords: skipped, complete: true, problem: `${skipped} record${skipped === 1 ? '' : 's'} skipped; the first: ${firstSkip}` };
  }
  return { events, skippedRecords: 0, complete: true };
}

function withCounts(problem: string, events: number): string {
  return events === 0 ? `${problem}; nothing was read from it` : `${problem}; the ${events} event${events === 1 ? '' : 's'} before it were counted`;
}
