import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLocalPage, requireChromium } from '../helpers/browser';
import { withRunningApp } from '../helpers/app';
import { demoUser } from '../helpers/demo';

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');
const BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'playground', 'playground.js');

/**
 * The playground in a real browser (Debian Chromium driven by playwright-core): pick a
 * demo employee, get the welcome from the install, say "hallo", tap a card button and
 * see the card replaced in place. Nothing may load from anywhere but this server.
 */
describe('the playground in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];
  const employee = demoUser('employee');
  const welcome = () => page.locator('.pg-card', { hasText: 'Welkom bij Digivaardig' });

  before(function () {
    requireChromium(this, 'The playground browser test');
    assert.ok(existsSync(BUNDLE), 'build the playground first: npm run build');
  });
  const running = withRunningApp();
  before(async () => {
    browser = await launchChromium();
    // Phone width: the playground must work there.
    page = await openLocalPage(
      browser,
      { viewport: { width: 412, height: 900 }, locale: 'nl-NL' },
      { outside, pageErrors },
    );
  });

  after(async () => {
    await browser?.close();
  });

  it('opens at / and offers the demo people to act as', async () => {
    const started = Date.now();
    await page.goto(`${running.app.url}/`);
    await page.getByText('Speeltuin — praat met de bot als:').waitFor();
    await page
      .locator(`#pg-who option[value="${employee.tenantId}/${employee.aadObjectId}"]`)
      .waitFor({ state: 'attached' });
    console.log(`      first render (navigation → picker with demo people): ${Date.now() - started} ms`);
    const groups = await page.locator('#pg-who optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
    assert.ok(groups.length >= 3, `tenants and new colleagues: ${groups.join(', ')}`);
    assert.ok(await page.locator('#pg-who option', { hasText: /Nieuwe, onbekende collega/ }).count());
  });

  it('picking a demo employee installs the app: the bot welcomes them by name', async () => {
    const started = Date.now();
    await page.selectOption('#pg-who', `${employee.tenantId}/${employee.aadObjectId}`);
    await welcome()
      .first()
      .getByText(`Welkom bij Digivaardig, ${employee.name.split(' ')[0]}`)
      .waitFor();
    console.log(`      welcome card after picking the user: ${Date.now() - started} ms`);
    await page.getByTestId('pg-who').getByText(employee.name).waitFor();
  });

  it('"hallo" typed in the send box is shown as sent and answered with the welcome card', async () => {
    const before = await welcome().count();
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('hallo');
    await input.press('Enter');
    await page.locator('.webchat__bubble--from-user', { hasText: 'hallo' }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.pg-card').length > n, before);
    assert.equal(await welcome().count(), before + 1);
  });

  it('a tap on "Wat kan ik doen?" (Action.Execute) replaces that card with the menu, in place', async () => {
    const cards = await page.locator('.pg-card').count();
    const id = await welcome().last().getAttribute('data-activity-id');
    assert.ok(id);
    // Held by its message id, not as "the last welcome", which another message could become.
    const same = page.locator(`.pg-card[data-activity-id="${id}"]`);
    await same.getByRole('button', { name: 'Wat kan ik doen?' }).click();
    await same.getByText('Wat wil je doen?').waitFor();
    assert.equal(await same.getByText('Welkom bij Digivaardig').count(), 0, 'the welcome is gone from that message');
    assert.equal(await page.locator('.pg-card').count(), cards, 'replaced, not added');
    await page.waitForTimeout(300);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
  });

  it('at 360 px the welcome card stacks its buttons, as Teams mobile does: every one of them is on screen', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    try {
      const before = await welcome().count();
      const input = page.locator('[data-id="webchat-sendbox-input"]');
      await input.fill('hallo');
      await input.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('.pg-card').length > n, before);
      const card = welcome().last();
      await card.getByText(/Welkom bij Digivaardig/).waitFor();
      const buttons = card.getByRole('button');
      assert.ok((await buttons.count()) >= 2, 'the welcome card has its actions');
      // Measured where they are drawn (no scrolling into view: that would slide a clipped row along and hide the problem).
      const edges = await buttons.evaluateAll((els) =>
        els.map((el) => ({
          name: (el as HTMLElement).innerText.trim(),
          ...JSON.parse(JSON.stringify(el.getBoundingClientRect())),
        })),
      );
      const within = await card.evaluate((el) => JSON.parse(JSON.stringify(el.getBoundingClientRect())));
      for (const b of edges) {
        assert.ok(
          b.width > 0 && b.left >= 0 && b.right <= 360,
          `"${b.name}" lies within the 360 px screen (${Math.round(b.left)}–${Math.round(b.right)})`,
        );
        assert.ok(b.left >= within.left && b.right <= within.right, `"${b.name}" lies within its card`);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, 'playground-360.png') });
    } finally {
      await page.setViewportSize({ width: 412, height: 900 });
    }
  });

  it('loaded nothing from outside and logged no errors', () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(pageErrors, []);
  });
});
