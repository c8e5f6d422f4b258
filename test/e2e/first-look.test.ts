import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { withRunningApp } from '../helpers/app';
import { launchChromium, openLocalPage, requireChromium } from '../helpers/browser';
import { demoUser } from '../helpers/demo';

const BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'tab', 'tab.js');

/**
 * What a first-time user tripped over in the tab, looked at again in an American browser on a
 * fresh install (no example figures): the demo picker speaks Dutch first, time fields write
 * 24 hours as the tables do, the leadership scan names itself once and draws Fluent's bar, and
 * a figure with nothing behind it yet says so instead of drawing zeros.
 */
describe('the tab on a first look, in an en-US browser on a fresh install', function () {
  this.timeout(90_000);
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  before(function () {
    requireChromium(this, 'The first-look browser test');
    assert.ok(existsSync(BUNDLE), 'build the tab first: npm run build');
  });
  const running = withRunningApp();
  before(async () => {
    browser = await launchChromium();
    page = await openLocalPage(
      browser,
      { viewport: { width: 1280, height: 900 }, locale: 'en-US' },
      { outside, pageErrors },
    );
  });
  after(() => browser?.close());

  async function openAs(who: { tenantId: string; aadObjectId: string }, view: string, theme?: 'contrast') {
    await page.goto('about:blank');
    await page.goto(`${running.app.url}/tab/#${view}`);
    if (theme) await page.getByTestId('dev-theme').selectOption(theme);
    const value = `${who.tenantId}/${who.aadObjectId}`;
    await page.getByTestId('dev-who').locator(`option[value="${value}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('dev-who').selectOption(value);
    await page.getByTestId('dev-open').click();
    await page.locator('main h1').first().waitFor();
  }

  it('opens the demo picker in Dutch, whatever the browser’s language', async () => {
    await page.goto(`${running.app.url}/tab/`);
    await page.getByTestId('dev-quick-admin').waitFor();
    assert.equal(await page.getByTestId('dev-language').inputValue(), 'nl');
    await page.getByText('Digivaardig buiten Teams').first().waitFor();
  });

  it('writes every time of day in 24 hours, as the tables do, not "09:00 AM"', async () => {
    const admin = demoUser('admin');
    for (const [view, ready] of [
      ['programme', 'coach-start'],
      ['events', 'new-start'],
    ] as const) {
      await openAs(admin, view);
      await page.getByTestId(ready).waitFor();
      assert.equal(await page.locator('main input[type=time]').count(), 0, `${view}: no native time field`);
      const options = await page.getByTestId(ready).locator('option').allInnerTexts();
      assert.ok(options.includes('13:30'), `${view}: afternoon as 13:30`);
      assert.ok(
        options.every((o) => !/AM|PM/.test(o)),
        `${view}: no AM/PM`,
      );
    }
  });

  it('names the leadership scan once and shows its progress as Fluent’s bar, not the browser’s own', async () => {
    await openAs(demoUser('leader'), 'leadership');
    await page.getByRole('button', { name: 'Start de scan: één stelling per keer', exact: true }).click();
    await page.getByTestId('leadership-progress').getByText('Stelling 1 van 20').waitFor();
    assert.equal(await page.locator('main').getByText('Mijn leiderschapsscan').count(), 1);
    assert.equal(await page.locator('main progress').count(), 0, 'no native <progress>');
    assert.equal(await page.locator('main .fui-ProgressBar[role=progressbar]').count(), 1);
  });

  it('never repeats a page’s title in a section heading under it', async () => {
    for (const [who, view] of [
      [demoUser('employee'), 'progress'],
      [demoUser('employee'), 'my-data'],
      [demoUser('employee'), 'events'],
      [demoUser('leader'), 'team'],
      [demoUser('leader'), 'leadership'],
      [demoUser('admin'), 'programme'],
    ] as const) {
      await openAs(who, view);
      await page.waitForFunction(() => document.querySelectorAll('.fui-Spinner').length === 0);
      const title = (await page.locator('main h1').first().innerText()).trim();
      const sections = (await page.locator('main h2, main h3').allInnerTexts()).map((h) => h.trim());
      assert.ok(!sections.includes(title), `${view}: "${title}" again under itself (${sections.join(' | ')})`);
    }
  });

  it('draws a border round every section in high contrast, where shadows and tints do not show', async () => {
    await openAs(demoUser('leader'), 'team', 'contrast');
    await page.getByTestId('participation-chart').waitFor();
    const borders = await page.locator('main section').evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        return `${s.borderTopStyle} ${s.borderTopColor}`;
      }),
    );
    assert.ok(borders.length >= 3, 'the team view has sections');
    for (const b of borders)
      assert.match(b, /^solid rgb\(255, 255, 255\)$/, `a section's border in high contrast: ${b}`);
  });

  it('says there is nothing yet where a chart would only draw zeros', async () => {
    await openAs(demoUser('admin'), 'programme');
    await page.getByTestId('trend-chart-empty').getByText('Nog geen afgeronde scans of hulpvragen').waitFor();
    await page
      .getByText(/Nog niet genoeg uitslagen/)
      .first()
      .waitFor();
    await page
      .getByTestId('units-chart-empty')
      .getByText(/Nog geen afgeronde scans om te tonen/)
      .waitFor();
    assert.equal(await page.getByTestId('units-chart-toggle').count(), 0, 'no chart of 0 % per department');
    assert.equal(await page.getByTestId('trend-chart-toggle').count(), 0, 'no "Toon als tabel" for an empty trend');
  });

  it('draws a chart across its section’s width at 1280 px, not in half of it', async () => {
    await openAs(demoUser('admin'), 'programme');
    const canvas = page.getByTestId('participation-chart').locator('canvas');
    await canvas.waitFor();
    const widths = await canvas.evaluate((el) => {
      const section = el.closest('section') ?? el.parentElement!.parentElement!;
      const s = getComputedStyle(section);
      const inner = section.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      return { chart: el.getBoundingClientRect().width, section: inner };
    });
    assert.ok(widths.chart >= 0.9 * widths.section, `chart ${widths.chart} px of ${widths.section} px`);
  });

  it('loaded nothing from outside and logged no errors', () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(pageErrors, []);
  });
});
