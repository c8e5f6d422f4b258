import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium, requireChromium } from '../helpers/browser';
import { withRunningApp } from '../helpers/app';

describe('the tab under its content security policy, and the team tab configuration page, in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(function () {
    requireChromium(this, 'The tab policy browser test');
  });
  const running = withRunningApp();
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('is served with a strict content security policy and says what the team tab shows', async () => {
    const res = await fetch(`${running.app.url}/tab/config.html`);
    assert.equal(res.status, 200);
    assert.match(
      res.headers.get('content-security-policy') ?? '',
      /default-src 'self'.*frame-ancestors 'self' https:\/\/teams\.microsoft\.com/,
    );
    const page = await browser.newPage({ locale: 'nl-NL' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${running.app.url}/tab/config.html`);
    await page.getByText(/minstens 5 mensen/).waitFor();
    assert.deepEqual(errors, []);
  });

  it('runs the tab itself under that policy: a leader picked in development sees their dashboard, nothing refused', async () => {
    const page = await browser.newPage({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    page.on('console', (msg) => /Content Security Policy|Refused to/i.test(msg.text()) && refused.push(msg.text()));
    await page.goto(`${running.app.url}/tab/`);
    await page.getByTestId('dev-quick-leader').first().click();
    await page.getByTestId('team-name').waitFor({ timeout: 15_000 });
    assert.deepEqual(refused, []);
  });
});
