// playwright-core's types name DOM types (page.evaluate callbacks run in the page): only the browser tests need them.
/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium, as `.ci/run` installs it (`apt-get install chromium`). playwright-core never
 * downloads a browser: it drives this one.
 */
export const CHROMIUM = process.env.ROOT_GUARD_CHROMIUM ?? '/usr/bin/chromium';

/** Launches the headless browser, or fails with what to install. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the report's browser tests need Debian's chromium (apt-get install -y chromium; .ci/run does it), or ROOT_GUARD_CHROMIUM=/path/to/chrome`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** What the page did while loading: requests other than the file itself, console errors, uncaught errors. */
export interface PageLog {
  readonly requests: string[];
  readonly errors: string[];
}

/**
 * Opens `file` with every network request refused and recorded (the file itself is the only URL
 * allowed), and waits until the page says its grids and chart are drawn.
 */
export async function openReport(browser: Browser, file: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport });
  const log: PageLog = { requests: [], errors: [] };
  const url = pathToFileURL(file).href;
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.errors.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${e.message}`));
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    log.requests.push(route.request().url());
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('html[data-rendered="true"]', { timeout: 30_000 });
  return { page, log };
}
