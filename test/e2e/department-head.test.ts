import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLocalPage, requireChromium } from '../helpers/browser';
import { withRunningApp } from '../helpers/app';
import { demoSeeds } from '../helpers/demo';
import { screenProblems } from '../helpers/screen-checks';

const BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'tab', 'tab.js');
const [gent, wk] = demoSeeds;

/**
 * A department head in the tab, as a first-time user meets it: a quick pick in the demo
 * picker opens "Mijn afdeling" with the department's figures and a row per team; a team
 * too small to show stays "niet getoond"; on a phone the page fits the screen.
 */
describe('a department head in the tab (Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  before(function () {
    requireChromium(this, 'The department head browser test');
    assert.ok(existsSync(BUNDLE), 'build the tab first: npm run build');
  });
  const running = withRunningApp();
  before(async () => {
    for (const seed of demoSeeds) {
      const res = await fetch(`${running.app.url}/dev/demo-figures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: seed.tenant.id }),
      });
      assert.equal(res.status, 200);
    }
    browser = await launchChromium();
    page = await openLocalPage(
      browser,
      { viewport: { width: 1280, height: 900 }, locale: 'nl-NL', bypassCSP: true },
      { outside, pageErrors },
    );
  });
  after(async () => {
    await browser?.close();
  });

  it('offers a department head under “Snel kiezen” in every municipality, who lands on their department’s figures', async () => {
    await page.goto(`${running.app.url}/tab/`);
    for (const seed of demoSeeds)
      await page
        .getByRole('group', { name: seed.tenant.name })
        .getByText(/^afdelingshoofd: /)
        .waitFor();
    const pick = page.getByTestId('dev-quick-head');
    const name = (await pick.textContent())!.replace(/^afdelingshoofd: /, '');
    const head = gent.users.find((u) => u.name === name)!;
    const department = gent.departments.find((d) => d.leaderId === head.id)!;
    await pick.click();
    await page.getByTestId('department-name').waitFor();
    assert.equal(await page.locator('main h1').textContent(), 'Mijn afdeling');
    assert.equal(await page.getByTestId('department-name').textContent(), department.name);
    const nav = await page.locator('nav a').allTextContents();
    assert.ok(nav.includes('Mijn leiderschapsscan'), nav.join(', '));
    assert.ok(!nav.includes('Mijn team'), 'a head who leads no team gets no empty team page');
    await page.getByTestId('participation-chart').or(page.getByText('Deelname aan de zelfscan')).first().waitFor();
    const rows = page.getByTestId('department-teams').locator('tbody tr');
    assert.equal(await rows.count(), gent.teams.filter((t) => t.departmentId === department.id).length);
    assert.match((await rows.first().textContent()) ?? '', /\d/, 'the first team shows its figures');
  });

  it('keeps a small team “niet getoond”, and fits a phone', async () => {
    const head = wk.departments.find((d) => d.id === 'wk-dep-openbare-ruimte')!.leaderId!;
    await page.goto('about:blank'); // a new load: only the hash would change otherwise, keeping the last person
    await page.goto(`${running.app.url}/tab/#my-department`);
    const value = `${wk.tenant.id}/${head}`;
    await page.getByTestId('dev-who').locator(`option[value="${value}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('dev-who').selectOption(value);
    await page.getByTestId('dev-open').click();
    const small = page.getByTestId('department-teams').locator('tbody tr', { hasText: 'Begraafplaatsen' });
    await small.waitFor();
    assert.match((await small.textContent()) ?? '', /niet getoond/);
    assert.doesNotMatch((await small.textContent()) ?? '', /\d/);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.waitForTimeout(100);
    assert.deepEqual(await screenProblems(page), []);
  });

  it('lets a programme admin name a department’s head under Afdelingshoofden, with the log saying so', async () => {
    const admin = gent.tenant.programmeAdmins[0];
    const department = gent.departments.find((d) => d.id === 'gt-dep-groen')!;
    const next = gent.users.find(
      (u) => u.teamId === 'gt-team-directie' && u.id !== department.leaderId && u.managerId,
    )!;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('about:blank');
    await page.goto(`${running.app.url}/tab/#programme`);
    const value = `${gent.tenant.id}/${admin}`;
    await page.getByTestId('dev-who').locator(`option[value="${value}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('dev-who').selectOption(value);
    await page.getByTestId('dev-open').click();
    await page.getByTestId('heads-table').waitFor();
    await page.getByTestId('heads-department').selectOption(department.id);
    await page.getByTestId('heads-search').fill(next.name.split(' ').pop()!);
    await page.getByTestId('heads-person').locator(`option[value="${next.id}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('heads-person').selectOption(next.id);
    await page.getByTestId('heads-save').click();
    await page.locator('#main').getByText(`${next.name} is nu afdelingshoofd van ${department.name}.`).waitFor();
    await page.getByTestId('heads-table').getByText(`${next.name} (gekozen door programmabeheer)`).waitFor();
    await page.getByTestId('audit-table').getByText(`Afdelingshoofd gewijzigd: ${next.name}`).waitFor();

    // The contact persons use the same table and picker: one added, then removed again.
    await page.getByTestId('contacts-department').selectOption(department.id);
    await page.getByTestId('contacts-search').fill(next.name.split(' ').pop()!);
    await page.getByTestId('contacts-person').locator(`option[value="${next.id}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('contacts-person').selectOption(next.id);
    await page.getByTestId('contacts-add').click();
    const row = page.getByTestId('contacts-table').locator('tr', { hasText: department.name });
    await row.getByText(next.name).waitFor();
    await row.getByRole('button', { name: new RegExp(next.name) }).click();
    await row.getByText(next.name).waitFor({ state: 'detached' });
  });

  it('loaded nothing from outside and logged no errors', () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(pageErrors, []);
  });
});
