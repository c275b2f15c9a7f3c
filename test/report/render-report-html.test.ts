import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeReport } from '../../src/report/write-report';
import { launchBrowser, openReport, type PageLog } from '../support/report-browser';
import { envelope, FIXTURE_CALLER_ARN, makeReportFixtures } from '../support/report-fixtures';

/**
 * The page in a real headless browser (Debian's chromium through playwright-core), from fixture
 * JSON. Screenshots of each section and an A4 PDF are written to test-output/report/ (git-ignored)
 * for a person to review.
 */
const SHOTS = join(__dirname, '..', '..', 'test-output', 'report');
const fixtures = makeReportFixtures(60, 7);
let dir: string;
let browser: Browser;
let page: Page;
let log: PageLog;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rg-report-'));
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(dir, 'audit.json'), JSON.stringify(envelope(fixtures.audit, fixtures.audit.summary.exitCode)));
  writeFileSync(join(dir, 'creds.json'), JSON.stringify(envelope(fixtures.credentials, 1)));
  writeFileSync(join(dir, 'activity.json'), JSON.stringify(envelope(fixtures.activity as { meta?: never }, 0)));
  writeReport({
    out: join(dir, 'report.html'),
    inputs: { audit: join(dir, 'audit.json'), 'root-credentials': join(dir, 'creds.json'), activity: join(dir, 'activity.json') },
    version: '0.1.0',
    now: new Date('2026-12-02T10:00:00Z'),
  });
  browser = await launchBrowser();
  ({ page, log } = await openReport(browser, join(dir, 'report.html')));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const figure = async (key: string) => Number((await page.locator(`[data-figure="${key}"]`).innerText()).replace(/,/g, ''));
const shown = async (id: string) => Number(await page.locator(`#${id}`).getAttribute('data-shown'));
/** The value of `read()` once it equals `want` (or, after 5 s, whatever it is then): the grids redraw asynchronously. */
async function settle<T>(read: () => Promise<T>, want: T): Promise<T> {
  const until = Date.now() + 5000;
  let value = await read();
  while (value !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}
/** The number of times the grid `id` has been drawn (the page counts in its `data-rendered`). */
const draws = async (id: string) => Number((await page.locator(`#${id}`).getAttribute('data-rendered')) ?? 0);
/**
 * Runs `action`, then waits until the grid `id` has been drawn again and no newer draw is pending:
 * the grids redraw asynchronously, and the page marks each draw asked for and each finished. A
 * generous bound, for a loaded CI machine.
 */
async function redraw(id: string, action: () => Promise<unknown>): Promise<void> {
  const before = await draws(id);
  await action();
  await page.waitForFunction(
    ([el, n]) => {
      const grid = document.getElementById(el as string)!.dataset;
      return Number(grid.rendered ?? 0) > (n as number) && grid.rendered === grid.requested;
    },
    [id, before] as const,
    { timeout: 30_000 },
  );
}
const gridRows = (grid: string) => page.locator(`#${grid} tbody tr`);

describe('the report page in a headless browser', () => {
  it('loads with every network request refused, no request made and no console error', () => {
    expect(log.requests).toEqual([]);
    expect(log.errors).toEqual([]);
  });

  it('forbids any network source in its Content-Security-Policy', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(csp).not.toMatch(/https?:|unsafe-eval|'unsafe-inline'[^;]*script/);
  });

  it('shows the audit summary, org checks and per-OU counts as the JSON has them', async () => {
    const s = fixtures.audit.summary;
    for (const key of ['accounts', 'covered', 'uncovered', 'nonCompliant', 'unknown', 'notTargeted', 'inactive', 'orgGaps'] as const) {
      expect([key, await figure(`audit.${key}`)]).toEqual([key, s[key]]);
    }
    await expect(page.locator('[data-figure="audit-verdict"]').innerText()).resolves.toContain('Gaps found');
    const checks = await page.locator('#coverage table.static').first().locator('tbody tr').allInnerTexts();
    expect(checks.map((t) => t.split('\t').slice(0, 2))).toEqual(fixtures.audit.orgChecks.map((c) => [c.label, c.status]));
    const workloads = fixtures.audit.accounts.filter((a) => a.ouPath === 'Workloads');
    const cells = await page.locator('#ou-table tr[data-ou="Workloads"] td').allInnerTexts();
    expect(Number(cells[0])).toBe(workloads.length);
    expect(Number(cells[1] || 0)).toBe(workloads.filter((a) => a.result === 'uncovered').length);
  });

  it('shows the config\'s acknowledged gaps, each with its target and reason', async () => {
    const rows = await page.locator('#acknowledged-gaps tbody tr').allInnerTexts();
    expect(rows.map((t) => t.split('\t'))).toEqual(fixtures.audit.acknowledgedGaps.map((g) => [g.check, g.target, g.reason]));
  });

  it('shows the root-credential counts and the activity totals as the JSON has them', async () => {
    const s = fixtures.credentials.summary;
    for (const key of ['accounts', 'withLongTermCredentials', 'withPassword', 'withAccessKeys', 'withSigningCertificates', 'withMfa', 'failed'] as const) {
      expect([key, await figure(`credentials.${key}`)]).toEqual([key, s[key]]);
    }
    const filter = (fixtures.activity.filters as { id: string; matched: number }[])[0];
    expect(await figure(`activity.${filter.id}.matched`)).toBe(filter.matched);
    expect(await page.locator('#groups-count').getAttribute('data-matches')).toBe(String(filter.matched));
  });

  it('shows where each input came from, and what could not be read', async () => {
    const source = (kind: string, fact: string) => page.locator(`[data-source="${kind}.${fact}"]`).innerText();
    for (const kind of ['audit', 'root-credentials', 'activity']) {
      expect(await source(kind, 'generatedAt')).toBe('2026-12-01T09:30:00.000Z');
      expect(await source(kind, 'configSha256')).toBe('a'.repeat(64));
      expect(await source(kind, 'commit')).toBe('0123456789abcdef0123456789abcdef01234567');
      expect(await source(kind, 'organizationId')).toBe('o-exampleorgid');
      expect(await source(kind, 'managementAccountId')).toBe('111111111111');
      expect(await source(kind, 'callerAccount')).toBe('111111111111');
      expect(await source(kind, 'callerArn')).toBe(FIXTURE_CALLER_ARN);
      expect(await source(kind, 'arguments')).toBe('--config root-guard.config.yaml --profile management --json');
    }
    expect(await source('audit', 'exitCode')).toBe(String(fixtures.audit.summary.exitCode));
    // Names only: the report never carries the local directory the inputs were in.
    expect(await source('audit', 'file')).toBe('audit.json');
    expect(await page.content()).not.toContain(dir);
    await expect(page.locator('[data-figure="scope"]').innerText()).resolves.toBe('Organization o-exampleorgid; management account 111111111111.');
    await expect(page.locator('#about').innerText()).resolves.toContain('config:DescribeAggregateComplianceByConfigRules');
    const failed = fixtures.credentials.summary.failed;
    await expect(page.locator('#about').innerText()).resolves.toContain(`${failed} account(s) could not be read completely`);
  });

  it('filters the accounts by result and by OU, and finds one by search', async () => {
    const uncovered = fixtures.audit.accounts.filter((a) => a.result === 'uncovered');
    await redraw('account-grid', () => page.selectOption('#account-result', 'uncovered'));
    expect(await shown('account-count')).toBe(uncovered.length);
    const results = await gridRows('account-grid').locator('td:nth-child(4)').allInnerTexts();
    expect(results).toEqual(uncovered.map(() => 'Uncovered'));
    await redraw('account-grid', () => page.selectOption('#account-result', ''));

    const security = fixtures.audit.accounts.filter((a) => a.ouPath === 'Security');
    await redraw('account-grid', () => page.locator('#ou-table button[data-ou="Security"]').click());
    expect(await shown('account-count')).toBe(security.length);
    const ous = await gridRows('account-grid').locator('td:nth-child(3)').allInnerTexts();
    expect(new Set(ous)).toEqual(new Set(['Security']));
    await redraw('account-grid', () => page.selectOption('#account-ou', ''));

    const target = fixtures.audit.accounts[17];
    await redraw('account-grid', () => page.fill('#account-search', target.id));
    expect(await shown('account-count')).toBe(1);
    expect(await gridRows('account-grid').count()).toBe(1);
    await expect(gridRows('account-grid').first().innerText()).resolves.toContain(target.name);
    await redraw('account-grid', () => page.fill('#account-search', 'no such account'));
    expect(await shown('account-count')).toBe(0);
    expect(await gridRows('account-grid').locator('td.gridjs-td:not(.gridjs-message)').count()).toBe(0);
    await expect(page.locator('#account-grid').innerText()).resolves.toContain('No rows match the filters.');
    await expect(page.locator('#account-count').innerText()).resolves.toBe(`Showing 0 of ${fixtures.audit.accounts.length} accounts.`);
    await redraw('account-grid', () => page.fill('#account-search', ''));
    expect(await shown('account-count')).toBe(fixtures.audit.accounts.length);
  });

  it('shows an account without root credentials as ok (NOT_APPLICABLE), coloured ok, never missing or unknown (issue 24 §4)', async () => {
    const gone = fixtures.audit.accounts.find((a) => a.items.some((i) => i.detail.startsWith('NOT_APPLICABLE')))!;
    await redraw('account-grid', () => page.fill('#account-search', gone.id));
    const badge = gridRows('account-grid').first().locator('.badge', { hasText: 'NOT_APPLICABLE' });
    await expect(badge.innerText()).resolves.toBe('ok (NOT_APPLICABLE: no root credentials)');
    await expect(badge.getAttribute('class')).resolves.toBe('badge status-ok');
    await redraw('account-grid', () => page.fill('#account-search', ''));
  });

  it('draws the last filter when filters change faster than the grid draws', async () => {
    const uncovered = fixtures.audit.accounts.filter((a) => a.result === 'uncovered');
    await redraw('account-grid', async () => {
      for (const value of ['covered', 'unknown', 'non-compliant', 'uncovered']) await page.selectOption('#account-result', value);
    });
    expect(await gridRows('account-grid').locator('td:nth-child(4)').allInnerTexts()).toEqual(uncovered.map(() => 'Uncovered'));
    await redraw('account-grid', () => page.selectOption('#account-result', ''));
  });

  it('filters the credential inventory to the accounts holding a password', async () => {
    await redraw('cred-grid', () => page.selectOption('#cred-filter', 'password'));
    expect(await shown('cred-count')).toBe(fixtures.credentials.summary.withPassword);
    expect(await gridRows('cred-grid').count()).toBe(Math.min(50, fixtures.credentials.summary.withPassword));
    const passwords = await gridRows('cred-grid').locator('td:nth-child(4)').allInnerTexts();
    expect(new Set(passwords)).toEqual(new Set(['yes']));
    await redraw('cred-grid', () => page.selectOption('#cred-filter', ''));
  });

  it('lists one day\'s accounts, events and first matches when that day is chosen', async () => {
    const groups = (fixtures.activity.filters as { groups: { day: string; count: number }[] }[])[0].groups;
    const day = groups[0].day;
    await redraw('groups-grid', () => page.selectOption('#activity-day', day));
    const sum = groups.filter((g) => g.day === day).reduce((s, g) => s + g.count, 0);
    expect(await page.locator('#groups-count').getAttribute('data-matches')).toBe(String(sum));
    expect(await gridRows('groups-grid').count()).toBe(groups.filter((g) => g.day === day).length);
    const days = await gridRows('groups-grid').locator('td:first-child').allInnerTexts();
    expect(new Set(days)).toEqual(new Set([day]));
    const first = page.locator('#first-matches details').first();
    await first.locator('summary').click();
    await expect(first.locator('pre').innerText()).resolves.toContain('"eventName"');
    await redraw('groups-grid', () => page.selectOption('#activity-day', ''));
  });

  it('selects a day by clicking its bar in the chart', async () => {
    const box = (await page.locator('#activity-chart .u-over').boundingBox())!;
    // The first day of the range is at the left edge: its bar is at 1/(2n) of the width.
    const options = await page.locator('#activity-day option').allInnerTexts();
    await page.mouse.move(box.x + 4, box.y + box.height - 2);
    await page.mouse.click(box.x + 4, box.y + box.height - 2);
    expect(await settle(() => page.locator('#activity-day').inputValue(), options[1])).toBe(options[1]);
    await page.selectOption('#activity-day', '');
  });

  it('reaches the search box and the OU buttons with the keyboard alone', async () => {
    await page.locator('body').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''));
    }
    expect(reached).toContain('ou-pick');
    expect(reached).toContain('account-search');
  });

  it('prints every account in a plain table on A4, grids and controls hidden', async () => {
    await page.emulateMedia({ media: 'print' });
    const rows = await page.locator('#account-print tbody tr').count();
    expect(rows).toBe(fixtures.audit.accounts.length);
    await expect(page.locator('#account-grid').isVisible()).resolves.toBe(false);
    await expect(page.locator('#account-print table').isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(SHOTS, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('cuts no header at 1280 px: every header\'s text fits its cell (screenshot in test-output/report/headers-1280.png)', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SHOTS, 'headers-1280.png'), fullPage: true });
    const cut = await page.evaluate(() => Array.from(document.querySelectorAll('th')).flatMap((th) => {
      if (th.getClientRects().length === 0) return []; // hidden (the print tables)
      const cell = th.getBoundingClientRect();
      const text = document.createRange();
      text.selectNodeContents(th);
      const words = Array.from(text.getClientRects());
      const content = th.querySelector<HTMLElement>('.gridjs-th-content');
      const ellipsis = content !== null && getComputedStyle(content).textOverflow === 'ellipsis' && content.scrollWidth > content.clientWidth;
      const outside = words.some((r) => r.width > 0 && (r.right > cell.right + 0.5 || r.left < cell.left - 0.5));
      return ellipsis || outside ? [`${th.closest('[id]')?.id}: "${th.textContent}" (${Math.round(cell.width)} px)`] : [];
    }));
    expect(cut).toEqual([]);
  });

  it('prints on A4 with every header on one line and nothing wider than the paper (screenshot in test-output/report/print-a4.png)', async () => {
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    try {
      await page.screenshot({ path: join(SHOTS, 'print-a4.png'), fullPage: true });
      const problems = await page.evaluate(() => {
        const found: string[] = [];
        for (const th of Array.from(document.querySelectorAll<HTMLElement>('.print-table th'))) {
          const text = document.createRange();
          text.selectNodeContents(th);
          const lines = new Set(Array.from(text.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) found.push(`"${th.textContent}" is split over ${lines.size} lines`);
        }
        if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push(`the page is ${document.documentElement.scrollWidth} px wide on ${window.innerWidth} px paper`);
        return found;
      });
      expect(problems).toEqual([]);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('shows a credential count that could not be read as "?", never as 0', async () => {
    const unreadable = fixtures.credentials.accounts.find((a) => a.error?.api === 'sts:AssumeRoot')!;
    await redraw('cred-grid', () => page.fill('#cred-search', unreadable.accountName));
    const row = await gridRows('cred-grid').filter({ hasText: unreadable.accountId }).first().innerText();
    // Password, active keys, inactive keys, certificates, MFA devices.
    expect(row.split('\t').map((c) => c.trim()).slice(3, 8)).toEqual(['unknown', '?', '?', '?', '?']);
    await redraw('cred-grid', () => page.fill('#cred-search', ''));
  });

  it('starts the chart\'s count axis at zero and gives the legend values', async () => {
    const [min] = (await page.locator('#activity-chart').getAttribute('data-y-range'))!.split(',').map(Number);
    expect(min).toBe(0);
    const values = await page.locator('#activity .u-legend .u-value').allInnerTexts();
    expect(values.length).toBeGreaterThan(1);
    for (const v of values) expect(v.trim()).not.toBe('');
  });

  it('writes a screenshot of each section for review', async () => {
    for (const id of ['about', 'coverage', 'credentials', 'activity']) {
      await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `${id}.png`) });
      expect(readFileSync(join(SHOTS, `${id}.png`)).length).toBeGreaterThan(1000);
    }
  });

  it('logged no console error and made no request during all of the above', () => {
    expect(log).toEqual({ requests: [], errors: [] });
  });
});

describe('a report from one input', () => {
  it('charts a single day from zero, with the day and its total in the legend', async () => {
    const activity = JSON.parse(JSON.stringify(fixtures.activity)) as { filters: { groups: { day: string; count: number }[]; matched: number }[] };
    const day = activity.filters[0].groups[0].day;
    activity.filters[0].groups = activity.filters[0].groups.filter((g) => g.day === day);
    activity.filters[0].matched = activity.filters[0].groups.reduce((n, g) => n + g.count, 0);
    writeFileSync(join(dir, 'one-day.json'), JSON.stringify(envelope(activity as { meta?: never }, 0)));
    writeReport({ out: join(dir, 'one-day.html'), inputs: { activity: join(dir, 'one-day.json') }, version: '0.1.0' });
    const opened = await openReport(browser, join(dir, 'one-day.html'));
    try {
      const [min, max] = (await opened.page.locator('#activity-chart').getAttribute('data-y-range'))!.split(',').map(Number);
      expect(min).toBe(0);
      expect(max).toBeGreaterThanOrEqual(Math.max(...activity.filters[0].groups.map((g) => g.count)));
      const legend = await opened.page.locator('#activity .u-legend').innerText();
      expect(legend).toContain(day);
      expect(legend).toMatch(/in all/);
      await opened.page.locator('#activity').screenshot({ path: join(SHOTS, 'activity-one-day.png') });
    } finally {
      await opened.page.close();
    }
  });

  it('renders the activity alone, saying the other sections were not given and the file has no meta', async () => {
    const { meta: _meta, ...activity } = fixtures.activity;
    writeFileSync(join(dir, 'old-activity.json'), JSON.stringify(activity));
    writeReport({ out: join(dir, 'activity-only.html'), inputs: { activity: join(dir, 'old-activity.json') }, version: '0.1.0' });
    const opened = await openReport(browser, join(dir, 'activity-only.html'));
    try {
      expect(opened.log).toEqual({ requests: [], errors: [] });
      await expect(opened.page.locator('#coverage').innerText()).resolves.toContain('no --audit input was given');
      for (const fact of ['generatedAt', 'version', 'configFile', 'configSha256', 'organizationId', 'callerAccount', 'exitCode']) {
        expect([fact, await opened.page.locator(`[data-source="activity.${fact}"]`).innerText()]).toEqual([fact, 'unknown']);
      }
      await expect(opened.page.locator('[data-figure="scope"]').innerText()).resolves.toContain('Organization not recorded in the inputs');
    } finally {
      await opened.page.close();
    }
  });
});
