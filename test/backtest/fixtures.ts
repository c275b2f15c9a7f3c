import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A CloudTrail record with documentation values; `overrides` replace top-level fields. */
export function cloudTrailRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/alice', accountId: '111111111111' },
    eventTime: '2024-03-01T10:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'GetUser',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    userAgent: 'aws-cli/2.15.0',
    eventType: 'AwsApiCall',
    recipientAccountId: '111111111111',
    ...overrides,
  };
}

/** A root console sign-in in `account` at `time`: matches the package's root-activity pattern. */
export function rootLogin(account: string, time: string): Record<string, unknown> {
  return cloudTrailRecord({
    userIdentity: { type: 'Root', arn: `arn:aws:iam::${account}:root`, accountId: account },
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventType: 'AwsConsoleSignIn',
    eventTime: time,
    recipientAccountId: account,
    sourceIPAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (example)',
  });
}

/** A temporary directory, removed by the returned cleanup function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'root-guard-backtest-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `{"Records":[…]}` as CloudTrail delivers it to S3 (gzipped unless `gzip: false`). */
export function writeRecordsFile(path: string, records: readonly unknown[], options: { gzip?: boolean } = {}): string {
  const text = JSON.stringify({ Records: records });
  return writeFile(path, options.gzip === false ? text : gzipSync(text));
}

/** Writes one JSON record per line. */
export function writeJsonLines(path: string, records: readonly unknown[]): string {
  return writeFile(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
}

export function writeFile(path: string, content: string | Buffer): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}
