import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './config';

/** A labelled CloudTrail record from test/fixtures/cloudtrail/cloudtrail-samples.jsonl (sources in its README.md). */
export interface LabelledRecord {
  /** The record without its `_` labels. */
  readonly record: Record<string, unknown>;
  readonly expectRootAlarm: boolean;
  readonly note: string;
}

/** The 12 labelled samples (real-shaped records from AWS docs), labels stripped from the records. */
export function labelledCloudTrailSamples(): LabelledRecord[] {
  const path = join(REPO_ROOT, 'test', 'fixtures', 'cloudtrail', 'cloudtrail-samples.jsonl');
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((line) => {
    const raw = JSON.parse(line) as Record<string, unknown>;
    const record = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('_')));
    return { record, expectRootAlarm: raw._expect_root_alarm === true, note: String(raw._note ?? '') };
  });
}
