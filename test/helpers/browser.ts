import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, type Page, chromium } from 'playwright-core';

/** Debian's Chromium: CI installs it; Playwright cannot download browsers here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Skips the suite loudly when Chromium is missing (a developer machine); CI has it, so there the tests run. */
export function requireChromium(ctx: Mocha.Context, what: string): void {
  if (existsSync(CHROMIUM)) return;
  console.warn(
    `\n  !!! ${what} did NOT run: ${CHROMIUM} is missing (apt-get install -y chromium). CI installs it, so there it runs. !!!\n`,
  );
  ctx.skip();
}

/** Headless Chromium without any of its background connections (this machine has no network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Lets a page reach only this machine; every other address is blocked and recorded in `outside`. */
export async function keepLocal(page: Page, outside: string[]): Promise<void> {
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    outside.push(url.href);
    return route.abort('blockedbyclient');
  });
}

/** What the browser tests forbid a page to do: reach another machine, or log an error. */
export interface PageWatch {
  outside: string[];
  pageErrors: string[];
}

/** A new page that can reach only this machine; outside requests and page errors are recorded in `watch`. */
export async function openLocalPage(browser: Browser, options: BrowserContextOptions, watch: PageWatch): Promise<Page> {
  const page = await browser.newPage(options);
  await keepLocal(page, watch.outside);
  page.on('pageerror', (err) => watch.pageErrors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && watch.pageErrors.push(msg.text()));
  return page;
}
