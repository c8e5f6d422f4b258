import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { App } from '../../bot/app';
import { startTestApp } from '../helpers/app';

const CHROMIUM = '/usr/bin/chromium';

describe('the tab under its content security policy, and the team tab configuration page, in Chromium', function () {
  this.timeout(60_000);
  let app: App;
  let browser: Browser;
  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(`\n  !!! The browser test did NOT run: ${CHROMIUM} is missing (apt-get install -y chromium). CI installs it, so there it runs. !!!\n`);
      this.skip();
    }
    app = await startTestApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('is served with a strict content security policy and says what the team tab shows', async () => {
    const res = await fetch(`${app.url}/tab/config.html`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'.*frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    const page = await browser.newPage({ locale: 'nl-NL' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}/tab/config.html`);
    await page.getByText(/minstens 5 mensen/).waitFor();
    assert.deepEqual(errors, []);
  });

  it('runs the tab itself under that policy: a leader picked in development sees their dashboard, nothing refused', async () => {
    const page = await browser.newPage({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    page.on('console', (msg) => /Content Security Policy|Refused to/i.test(msg.text()) && refused.push(msg.text()));
    await page.goto(`${app.url}/tab/`);
    await page.getByTestId('dev-quick-leader').first().click();
    await page.getByTestId('team-name').waitFor({ timeout: 15_000 });
    assert.deepEqual(refused, []);
  });
});
