/**
 * Benchmark of `root-guard report` (not a test: it prints figures).
 *
 * For organizations of 50, 500 and 5,000 accounts (audit + root-credentials + a month of root
 * activity, test/support/report-fixtures.ts), writes the report and opens it in headless Chromium
 * (Debian's /usr/bin/chromium through playwright-core, network refused), and prints:
 *   - the file size (and gzipped, as an attachment or a web server would carry it);
 *   - the time to write it (node: read, validate, render, write);
 *   - the time to first render: from navigation start to the page's `report-rendered` mark, set
 *     when every grid and the chart are drawn;
 *   - the time a search takes to narrow the 5,000-account grid to one row (150 ms of it is the
 *     search box's debounce).
 * The floor, measured in the same run, is the same page with the same libraries and empty inputs.
 * Rounds are interleaved and the median is printed: the machine is shared.
 *
 *   npm run bench:report
 *   npm run bench:report -- --rounds 9
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { writeReport } from '../src/report/write-report';
import { launchBrowser, openReport } from '../test/support/report-browser';
import { makeReportFixtures } from '../test/support/report-fixtures';

const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;
const SIZES = [0, 50, 500, 5000];
const OUT = join(__dirname, '..', 'bench-out', 'report');

interface Sample { write: number; render: number; search?: number }

function prepare(accounts: number): { html: string; bytes: number; gzip: number; writeMs: number; searchId?: string } {
  const dir = join(OUT, String(accounts));
  mkdirSync(dir, { recursive: true });
  const f = makeReportFixtures(accounts, 42);
  const activity = structuredClone(f.activity) as { filters: { groups: unknown[]; firstMatches: unknown[]; matched: number }[]; matched: number; events: number };
  if (accounts === 0) {
    // The floor: no account, no match; the same three sections, libraries and code.
    Object.assign(activity.filters[0], { groups: [], firstMatches: [], matched: 0 });
    activity.matched = 0;
  }
  writeFileSync(join(dir, 'audit.json'), JSON.stringify(f.audit));
  writeFileSync(join(dir, 'creds.json'), JSON.stringify(f.credentials));
  writeFileSync(join(dir, 'activity.json'), JSON.stringify(activity));
  const html = join(dir, 'report.html');
  const start = performance.now();
  writeReport({ out: html, inputs: { audit: join(dir, 'audit.json'), 'root-credentials': join(dir, 'creds.json'), activity: join(dir, 'activity.json') }, version: 'bench' });
  const writeMs = performance.now() - start;
  const bytes = readFileSync(html);
  return { html, bytes: bytes.length, gzip: gzipSync(bytes).length, writeMs, ...(accounts > 0 ? { searchId: f.audit.accounts[accounts - 1].id } : {}) };
}

async function measure(browser: Browser, html: string, searchId?: string): Promise<{ render: number; search?: number }> {
  const { page, log } = await openReport(browser, html);
  try {
    if (log.requests.length > 0 || log.errors.length > 0) throw new Error(`${html}: ${JSON.stringify(log)}`);
    const render = await page.evaluate(() => performance.getEntriesByName('report-rendered')[0].startTime);
    let search: number | undefined;
    if (searchId) {
      const start = Date.now();
      await page.fill('#account-search', searchId);
      await page.waitForFunction(() => document.querySelectorAll('#account-grid tbody tr').length === 1 && document.getElementById('account-count')?.dataset.shown === '1');
      search = Date.now() - start;
    }
    return { render, ...(search === undefined ? {} : { search }) };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const prepared = new Map(SIZES.map((n) => [n, prepare(n)]));
  const samples = new Map<number, Sample[]>(SIZES.map((n) => [n, []]));
  const browser = await launchBrowser();
  try {
    for (const n of SIZES) await measure(browser, prepared.get(n)!.html); // warm-up, not counted
    for (let round = 0; round < ROUNDS; round++) {
      for (const n of SIZES) {
        const p = prepared.get(n)!;
        const again = prepare(n);
        const m = await measure(browser, p.html, p.searchId);
        samples.get(n)!.push({ write: again.writeMs, render: m.render, ...(m.search === undefined ? {} : { search: m.search }) });
      }
    }
  } finally {
    await browser.close();
  }
  const floor = prepared.get(0)!;
  const floorRender = median(samples.get(0)!.map((s) => s.render));
  const floorWrite = median(samples.get(0)!.map((s) => s.write));
  console.log(`root-guard report: ${ROUNDS} interleaved rounds, medians; Chromium headless, 1280x900, shared machine`);
  console.log(`floor (same page, same libraries, empty inputs): ${kb(floor.bytes)} (${kb(floor.gzip)} gzipped), written in ${floorWrite.toFixed(0)} ms, first render ${floorRender.toFixed(0)} ms`);
  console.log('accounts  file      gzipped   vs floor  write ms  first render ms  vs floor  search to 1 row ms');
  for (const n of SIZES.filter((x) => x > 0)) {
    const p = prepared.get(n)!;
    const s = samples.get(n)!;
    const render = median(s.map((x) => x.render));
    const write = median(s.map((x) => x.write));
    const search = median(s.map((x) => x.search ?? 0));
    console.log([
      String(n).padStart(8), kb(p.bytes).padStart(8), kb(p.gzip).padStart(9), `${(p.bytes / floor.bytes).toFixed(2)}x`.padStart(9),
      write.toFixed(0).padStart(9), render.toFixed(0).padStart(16), `${(render / floorRender).toFixed(2)}x`.padStart(9), search.toFixed(0).padStart(19),
    ].join(' '));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
