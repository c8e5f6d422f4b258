import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../bot/wiring/app';
import { startTestApp, tempDir } from '../helpers/app';
import { keepLocal, launchChromium, requireChromium } from '../helpers/browser';
import { demoUser } from '../helpers/demo';

const BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'playground', 'playground.js');

/** WCAG contrast ratio of two CSS `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * How the playground looks where a first-time user noticed rough edges: a destructive button
 * stays readable under the pointer in each of Teams' themes, the theme can be picked (also
 * by ?theme=), and the send box speaks like the bot ("je", not "uw").
 */
describe('the playground’s look in Chromium', function () {
  this.timeout(60_000);
  let app: App;
  let browser: Browser;
  let page: Page;
  const data = tempDir('dv-e2e-look-');
  const outside: string[] = [];
  const employee = demoUser('employee');

  before(async function () {
    requireChromium(this, 'The playground look test');
    assert.ok(existsSync(BUNDLE), 'build the playground first: npm run build');
    app = await startTestApp({ dataDir: data.dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    await keepLocal(page, outside);
    await page.goto(`${app.url}/`);
    await page
      .locator(`#pg-who option[value="${employee.tenantId}/${employee.aadObjectId}"]`)
      .waitFor({ state: 'attached' });
    await page.selectOption('#pg-who', `${employee.tenantId}/${employee.aadObjectId}`);
    await page.locator('.pg-card', { hasText: 'Welkom bij Digivaardig' }).first().waitFor();
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    data.remove();
  });

  it('asks "Typ je bericht" in the send box, as the bot says "je"', async () => {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    assert.equal(await input.getAttribute('placeholder'), 'Typ je bericht');
  });

  for (const theme of ['default', 'dark', 'contrast'] as const)
    it(`keeps a destructive button readable when the pointer rests on it (${theme} theme)`, async () => {
      await page.selectOption('#pg-theme', theme);
      if ((await page.locator('.pg-card .ac-pushButton.style-destructive').count()) === 0) {
        const input = page.locator('[data-id="webchat-sendbox-input"]');
        await input.fill('mijn gegevens');
        await input.press('Enter');
      }
      const button = page.locator('.pg-card .ac-pushButton.style-destructive').last();
      await button.waitFor();
      await page.mouse.move(0, 0);
      await button.hover();
      await page.waitForTimeout(250); // Web Chat's transition
      const { color, background } = await button.evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor };
      });
      const ratio = contrast(color, background);
      assert.ok(ratio >= 4.5, `text ${color} on ${background}: contrast ${ratio.toFixed(2)} (needs 4.5)`);
      assert.deepEqual(outside, [], 'nothing loaded from outside');
    });

  it('opens in the theme the address asks for (?theme=dark), and keeps it in the address when picked', async () => {
    const themed = await browser.newPage({ viewport: { width: 390, height: 800 }, locale: 'nl-NL' });
    try {
      await keepLocal(themed, outside);
      await themed.goto(`${app.url}/?theme=dark`);
      assert.equal(await themed.locator('html').getAttribute('data-theme'), 'dark');
      assert.equal(await themed.locator('#pg-theme').inputValue(), 'dark');
      const page = await themed.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(page, 'rgb(31, 31, 31)', 'Teams’ dark page colour');
      await themed.selectOption('#pg-theme', 'contrast');
      assert.match(themed.url(), /[?&]theme=contrast/);
      assert.equal(await themed.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(0, 0, 0)');
    } finally {
      await themed.close();
    }
  });
});
