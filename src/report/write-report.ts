import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors';
import { writeFileAtomically } from '../ops/write-file-atomically';
import { buildReportData, type ReportData } from './build-report-data';
import { loadPageAssets } from './load-page-assets';
import { readReportInput, type ReportInput, type ReportInputKind } from './read-report-input';
import { REPORT_GENERATOR_MARK, renderReportHtml } from './render-report-html';

/** What `root-guard report` is asked to do. */
export interface WriteReportOptions {
  /** The HTML file to write. */
  readonly out: string;
  /** The JSON files to read, by kind (at least one). */
  readonly inputs: Partial<Record<ReportInputKind, string>>;
  /** Replace `out` even when it is not a report this command wrote. @default false */
  readonly force?: boolean;
  /** root-guard's version, shown on the page. */
  readonly version: string;
  /** The git commit root-guard was built from, shown beside the version. */
  readonly commit?: string;
  /** @default new Date() */
  readonly now?: Date;
  /** Show each input's whole path on the page, not only its name. @default false */
  readonly fullPaths?: boolean;
}

/** What was written. */
export interface WriteReportResult {
  readonly out: string;
  readonly bytes: number;
  readonly data: ReportData;
}

/**
 * Reads and validates every input (all problems reported together), renders the page and writes it
 * atomically. Writes nothing when an input is bad, when `out` is one of the inputs, or when `out`
 * exists and is not a report this command wrote (unless `force`).
 */
export function writeReport(options: WriteReportOptions): WriteReportResult {
  const given = (Object.entries(options.inputs) as [ReportInputKind, string | undefined][]).filter((e): e is [ReportInputKind, string] => !!e[1]);
  if (given.length === 0) {
    throw new UserError('report: no input given (pass at least one of --audit FILE, --root-credentials FILE, --activity FILE: the JSON those commands print with --json)');
  }
  checkOut(options.out, given.map(([, file]) => file), options.force ?? false);

  const inputs: ReportInput[] = [];
  const problems: string[] = [];
  for (const [kind, file] of given) {
    try {
      inputs.push(readReportInput(file, kind));
    } catch (err) {
      if (err instanceof UserError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new UserError(problems);

  const data = buildReportData(inputs, { at: (options.now ?? new Date()).toISOString(), version: options.version, ...(options.commit ? { commit: options.commit } : {}) }, { fullPaths: options.fullPaths });
  const html = renderReportHtml(data, loadPageAssets());
  writeFileAtomically(options.out, html);
  return { out: options.out, bytes: Buffer.byteLength(html), data };
}

function checkOut(out: string, inputs: readonly string[], force: boolean): void {
  let stat;
  try {
    stat = statSync(out);
  } catch {
    return; // Does not exist yet: nothing to protect.
  }
  if (stat.isDirectory()) throw new UserError(`${out}: is a directory (give --out the HTML file to write, e.g. ${resolve(out, 'root-guard-report.html')})`);
  const real = realpathSync(out);
  for (const input of inputs) {
    let other: string | undefined;
    try { other = realpathSync(input); } catch { other = undefined; }
    if (other === real) throw new UserError(`${out}: is also an input (${input}); the report never overwrites what it reads (choose another --out)`);
  }
  if (!force && !isReport(out)) {
    throw new UserError(`${out}: exists and is not a report root-guard wrote: it is left as it is (choose another --out, or pass --force to replace it)`);
  }
}

/** Whether the file's head carries the mark every report has in its first lines. */
function isReport(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8').includes(REPORT_GENERATOR_MARK);
  } finally {
    closeSync(fd);
  }
}
