import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLocalPage, requireChromium } from '../helpers/browser';
import { withRunningApp } from '../helpers/app';
import { cardText, walk } from '../helpers/cards';
import { catalogueCsv, catalogueRows } from '../helpers/catalogue-csv';
import { demoUser } from '../helpers/demo';
import { finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient } from '../helpers/teams';

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');
const BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'tab', 'tab.js');
const AXE = require.resolve('axe-core/axe.min.js');

/**
 * The done-when of the learning catalogue, in a real browser: a programme admin imports a
 * municipality's own offer of 100 modules from a CSV with some broken rows, reads the dry
 * run's report, fixes the file, imports it, and a colleague's next advice in chat comes from it.
 */
describe('the learning catalogue in Chromium: import, fix, import, and the next advice uses it', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];
  const admin = demoUser('admin');
  const employee = demoUser('employee');

  before(function () {
    requireChromium(this, 'The catalogue browser test');
    assert.ok(existsSync(BUNDLE), 'build the tab first: npm run build');
    assert.equal(admin.tenantId, employee.tenantId, 'the admin and the colleague work for the same municipality');
  });
  const running = withRunningApp();
  before(async () => {
    browser = await launchChromium();
    // bypassCSP only so axe-core can be injected.
    page = await openLocalPage(
      browser,
      { viewport: { width: 1280, height: 900 }, locale: 'nl-NL', bypassCSP: true },
      { outside, pageErrors },
    );
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `catalogue-${name}.png`), fullPage: true });

  async function upload(name: string, text: string) {
    await page.getByTestId('catalogue-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByTestId('catalogue-check').click();
    await page.getByTestId('catalogue-report').waitFor();
  }

  it('an admin imports 100 modules with broken rows, sees every problem, fixes the file and imports it', async () => {
    await page.goto(`${running.app.url}/tab/`);
    await page.getByTestId('dev-who').locator(`option[value="${admin.tenantId}/${admin.aadObjectId}"]`).waitFor({
      state: 'attached',
    });
    await page.getByTestId('dev-who').selectOption(`${admin.tenantId}/${admin.aadObjectId}`);
    await page.getByTestId('dev-open').click();
    await page.getByTestId('nav-catalogue').click();
    await page.getByTestId('catalogue-source').getByText('Dit is het startsjabloon').waitFor();

    const rows = catalogueRows(100);
    const broken = [...rows];
    // Lines 6, 21 and 41 of the file (the header is line 1): what goes wrong in real exports.
    broken[4] = broken[4].replace(
      'https://leren.westerkwartier.nl/aanbod/wk-5',
      'https://leren.digivaardig.example/wk-5',
    );
    broken[19] = broken[19].replace(
      /;(information|communication|content|safety|problem-solving|devices|hr-self-service);/,
      ';astrologie;',
    );
    broken[39] = broken[39].replace(/;(\d+);(e-learning|video|workshop|sessie met een digicoach);/, ';een uur;$2;');
    await page.getByTestId('catalogue-retire-missing').check();
    await upload('aanbod-westerkwartier.csv', catalogueCsv(broken));
    const report = await page.getByTestId('catalogue-report').innerText();
    assert.match(report, /100 rijen gelezen, 97 in orde/);
    assert.match(report, /Er is nog niets veranderd/);
    const problems = page.getByTestId('catalogue-problems').locator('tbody tr');
    assert.equal(await problems.count(), 3);
    const lines = await problems.allInnerTexts();
    assert.match(lines[0], /^6\s+Link\s+.*voorbeeldadres/);
    assert.match(lines[1], /^21\s+Domein\s+Onbekend domein “astrologie”/);
    assert.match(lines[2], /^41\s+Duur\s+“een uur” is geen aantal minuten/);
    assert.equal(
      await page.getByTestId('catalogue-import').isDisabled(),
      true,
      'a file with problems cannot be imported',
    );
    await page.addScriptTag({ path: AXE });
    const serious = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(d: Document): Promise<{ violations: Array<{ id: string; impact: string }> }> };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    assert.deepEqual(serious, [], 'no serious accessibility violations in the report');
    await shot('dry-run');

    await upload('aanbod-westerkwartier.csv', catalogueCsv(rows));
    assert.match(await page.getByTestId('catalogue-report').innerText(), /Geen problemen. Bij importeren: 100 nieuw/);
    await page.getByTestId('catalogue-import').click();
    await page
      .locator('#main')
      .getByText(/Geïmporteerd: 100 nieuw, 0 gewijzigd, 0 gelijk, \d+ ingetrokken/)
      .waitFor();
    await page
      .getByTestId('catalogue-source')
      .getByText(/leeraanbod van jouw gemeente: 100 modules/)
      .waitFor();
    await page.getByTestId('catalogue-search').fill('Westerkwartier module 42');
    await page.getByTestId('catalogue-table').getByText('Westerkwartier module 42', { exact: true }).waitFor();
    await shot('imported');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(outside, [], 'nothing loaded from outside the machine');
  });

  it('the colleague’s next advice in chat comes from the imported catalogue, with its real links', async () => {
    const c = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, employee);
    await c.say('scan');
    const start = await c.tap('scan.begin', { profile: 'buitendienst' });
    const { card } = await finishScan(c, start.card!, (o) => o[0]);
    const text = cardText(card);
    assert.match(text, /Westerkwartier module \d+/);
    assert.match(text, /\]\(https:\/\/leren\.westerkwartier\.nl\/aanbod\/wk-\d+\)|Plan met een digicoach/);
    assert.doesNotMatch(text, /\.example/);
    const advised: string[] = [];
    walk(card, (el) => {
      if (el.type === 'TextBlock' && typeof el.text === 'string')
        for (const m of el.text.matchAll(/Westerkwartier module (\d+)/g)) advised.push(m[1]);
    });
    assert.ok(advised.length >= 2, `advice from the catalogue: ${advised.join(', ')}`);
    const { replies } = await c.say('modules');
    assert.match(cardText(cardOf(replies[0])), /Westerkwartier module/);
  });
});
