import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLocalPage, requireChromium } from '../helpers/browser';
import { withRunningApp } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { demoSeeds, demoUser } from '../helpers/demo';
import { actionData, finishScan } from '../helpers/scan-driver';
import { TeamsTestClient } from '../helpers/teams';
import { formatNumber, percent, t, tn } from '../../tab/src/i18n';
import { cardText } from '../helpers/cards';

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');
const BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'tab', 'tab.js');
const AXE = require.resolve('axe-core/axe.min.js');
const [gent, wk] = demoSeeds;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * The leader tab in a real browser (Debian Chromium via playwright-core), in development
 * mode outside Teams: the demo picker, a leader's team dashboard (and a team too small to
 * show), the leadership scan and its result, the programme view, an employee's page, the
 * dark and high-contrast themes; axe-core on every view; nothing loaded from outside.
 */
describe('the leader tab in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  before(function () {
    requireChromium(this, 'The tab browser test');
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
    // only so axe-core can be injected; the tab itself runs under its CSP in team-tab-config.test.ts
    page = await openLocalPage(
      browser,
      {
        viewport: { width: 1280, height: 900 },
        locale: 'nl-NL',
        acceptDownloads: true,
        bypassCSP: true,
      },
      { outside, pageErrors },
    );
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  /** Opens /tab/ as a plain browser, picks a demo colleague and waits for their first view. */
  /** The authorization header of a second browser window of the same person (a colleague saving elsewhere). */
  async function devToken(tenantId: string, userId: string) {
    const res = await fetch(`${running.app.url}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId, userId }),
    });
    return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
  }

  async function openAs(tenantId: string, userId: string, opts: { theme?: 'default' | 'dark' | 'contrast' } = {}) {
    await page.goto(`${running.app.url}/tab/`);
    await page.getByTestId('dev-who').locator(`option[value="${tenantId}/${userId}"]`).waitFor({ state: 'attached' });
    if (opts.theme) await page.getByTestId('dev-theme').selectOption(opts.theme);
    await page.getByTestId('dev-who').selectOption(`${tenantId}/${userId}`);
    await page.getByTestId('dev-open').click();
    await page.locator('main h1').waitFor();
  }

  async function axe(label: string) {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }
      ).axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
      }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (violations.length)
      console.log(`      axe (${label}): ${violations.map((v) => `${v.id} [${v.impact}]`).join(', ')}`);
    assert.deepEqual(serious, [], `${label}: serious or critical accessibility violations`);
  }

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `tab-${name}.png`), fullPage: true });

  it('opens at /tab/ outside Teams without hanging, and offers the demo people', async () => {
    const started = Date.now();
    await page.goto(`${running.app.url}/tab/`);
    await page.getByTestId('dev-quick-admin').waitFor();
    console.log(`      picker shown ${Date.now() - started} ms after navigation (no Teams host: no wait for teams-js)`);
    assert.ok((await page.getByTestId('dev-quick-leader').count()) >= 1);
    // Every demo municipality has its own quick picks, not only the first one.
    for (const seed of demoSeeds)
      await page.getByRole('group', { name: seed.tenant.name }).getByRole('button').first().waitFor();
    await page.getByTestId('dev-quick-admin-2').waitFor();
    await axe('picker');
    await shot('picker');
  });

  it('offers first, under “Snel kiezen”, a leader whose team shows figures', async () => {
    await page.goto(`${running.app.url}/tab/`);
    await page.getByTestId('dev-quick-leader').first().click();
    await page.getByTestId('team-name').waitFor();
    await page.getByTestId('levels-chart').waitFor();
    assert.equal(await page.getByTestId('withheld').count(), 0, 'the team’s figures are shown, not withheld');
  });

  it('in a frame without a Teams host (where teams-js would wait a minute) it shows the picker after a short wait', async () => {
    const started = Date.now();
    await page.goto(`${running.app.url}/tab/valid-domains.json`);
    await page.setContent(
      `<!doctype html><html lang="nl"><title>host</title><iframe title="Digivaardig" src="${running.app.url}/tab/" style="width:1200px;height:800px"></iframe></html>`,
    );
    const frame = page.frameLocator('iframe');
    await frame.getByTestId('dev-quick-admin').waitFor({ timeout: 10_000 });
    const waited = Date.now() - started;
    console.log(`      framed without a host: picker after ${waited} ms`);
    assert.ok(waited < 5000, `waited ${waited} ms`);
  });

  it('shows a leader their team’s progress: participation against 95 %, levels per domain with a table, help, trend', async () => {
    const leader = demoUser('leader');
    const navigationStart = Date.now();
    await openAs(leader.tenantId, leader.aadObjectId);
    await page.getByTestId('team-name').waitFor();
    await page.getByTestId('levels-chart').waitFor();
    const firstRender = Date.now() - navigationStart;
    const bundle = statSync(BUNDLE).size;
    console.log(
      `      first render (navigation → picker → team dashboard with charts): ${firstRender} ms; in-page first view at ${Math.round(await page.evaluate(() => (window as unknown as { __firstRenderMs: number }).__firstRenderMs))} ms`,
    );
    console.log(
      `      bundle tab.js: ${(bundle / 1024).toFixed(0)} KiB (${(gzipSync(readFileSync(BUNDLE)).length / 1024).toFixed(0)} KiB gzipped)`,
    );
    const members = gent.users.filter((u) => u.teamId === leader.teamId).length;
    assert.match(await page.locator('#participation-h').locator('..').innerText(), new RegExp(`van ${members}`));
    assert.match(
      await page.getByText(/van je team deed de scan/).innerText(),
      /\d+% van je team deed de scan · Doel: 95%/,
    );
    assert.equal(
      (await page.locator('canvas[role="img"]').count()) >= 4,
      true,
      'charts drawn, each an image with a label',
    );
    // One figure at a time: the table waits behind its toggle, and takes the chart's place.
    assert.equal(await page.getByTestId('levels-table').count(), 0, 'not both a chart and its table');
    await page.getByTestId('levels-chart-toggle').click();
    assert.ok((await page.getByTestId('levels-table').locator('tbody tr').count()) >= 5);
    assert.equal(await page.getByTestId('levels-chart').locator('canvas').count(), 0, 'the table replaced the chart');
    assert.equal(await page.getByTestId('levels-chart-toggle').getAttribute('aria-pressed'), 'true');
    await page.getByRole('heading', { name: 'Hulp van digicoaches' }).waitFor();
    await page.getByRole('heading', { name: 'Verloop per maand' }).waitFor();
    for (const u of gent.users.filter((x) => x.teamId === leader.teamId))
      assert.equal(
        await page.getByText(u.name, { exact: true }).count(),
        u.id === leader.aadObjectId ? 0 : 0,
        'no colleague named',
      );
    await axe('team dashboard');
    await shot('team');
  });

  it('lets a leader remind the team; when nobody could be reached the reminder does not count and can be sent again', async () => {
    const leader = demoUser('leader');
    await openAs(leader.tenantId, leader.aadObjectId);
    const send = page.getByTestId('nudge-send');
    await send.waitFor();
    await send.click();
    // Nobody in the demo team has the app installed yet, so nobody is reachable.
    await page
      .locator('#main')
      .getByText(/telt niet mee: je kunt het opnieuw proberen/)
      .waitFor();
    assert.equal(await send.isEnabled(), true, 'the 7-day limit was given back');
    assert.equal(await page.getByText(/De volgende herinnering kan vanaf/).count(), 0);
  });

  it('shows the leader of the 3-person team no figures, and says why', async () => {
    const small = wk.teams.find((t) => t.id === 'wk-team-begraafplaatsen')!;
    await openAs(wk.tenant.id, small.leaderId);
    await page.getByTestId('withheld').waitFor();
    assert.match(await page.getByTestId('withheld').innerText(), /minder dan 5 collega’s/);
    assert.equal(await page.locator('canvas').count(), 0, 'no chart');
    assert.equal(await page.getByTestId('levels-table').count(), 0, 'no table');
    await axe('withheld team');
    await shot('team-small');
  });

  it('lets the leader take the leadership scan one statement at a time and shows the private result', async () => {
    const leader = demoUser('leader');
    await openAs(leader.tenantId, leader.aadObjectId);
    await page.getByTestId('nav-leadership').click();
    await page
      .getByTestId('privacy')
      .getByText(/Alleen jij ziet je antwoorden/)
      .waitFor();
    await axe('leadership intro');
    await page.getByRole('button', { name: 'Start de scan: één stelling per keer', exact: true }).click();
    for (let n = 1; n <= 20; n++) {
      await page.getByTestId('leadership-progress').getByText(`Stelling ${n} van 20`).waitFor();
      if (n === 1) await axe('leadership statement');
      // Keyboard for the first, mouse for the rest.
      if (n === 1) {
        await page.getByRole('radio', { name: /4 · Mee eens/ }).focus();
        await page.keyboard.press('Space');
      } else await page.getByText(n % 3 === 0 ? '2 · Mee oneens' : '4 · Mee eens', { exact: true }).click();
      await page.getByTestId('leadership-next').click();
    }
    await page.getByRole('heading', { name: 'Jouw profiel digitaal leiderschap' }).waitFor();
    await page.getByTestId('leadership-chart-toggle').click();
    assert.equal(await page.getByTestId('leadership-table').locator('tbody tr').count(), 5);
    // The chart speaks the table's scale: 1 to 5, not 0 to 100.
    await page.getByTestId('leadership-chart').getByText('Je score per thema, van 1 tot 5').waitFor();
    assert.ok((await page.getByTestId('conversation-cards').locator('li').count()) >= 12);
    await page.getByRole('heading', { name: 'Tips' }).waitFor();
    await axe('leadership result');
    await shot('leadership-result');
  });

  it('takes the scan as a short form too, for another leader', async () => {
    const other = gent.teams.find((t) => t.id === 'gt-team-kdv')!.leaderId;
    await openAs(gent.tenant.id, other);
    await page.getByTestId('nav-leadership').click();
    await page.getByRole('button', { name: 'Als kort formulier' }).click();
    await page.getByTestId('leadership-submit').click();
    await page.getByText(/Nog 20 stellingen zonder antwoord/).waitFor();
    const groups = page.locator('[role="radiogroup"]');
    for (let i = 0; i < (await groups.count()); i++)
      await groups.nth(i).getByText('3 · Neutraal', { exact: true }).click();
    await axe('leadership form');
    await page.getByTestId('leadership-submit').click();
    await page.getByRole('heading', { name: 'Jouw profiel digitaal leiderschap' }).waitFor();
  });

  it('shows an admin the programme view with filters, departments and locations, the coach network and a CSV download', async () => {
    const admin = demoUser('admin');
    await openAs(admin.tenantId, admin.aadObjectId);
    await page.getByTestId('scope-name').getByText(gent.tenant.name).waitFor();
    await page.getByTestId('units-chart-toggle').click();
    await page.getByTestId('units-table').waitFor();
    await page.getByTestId('coaches-table').waitFor();
    assert.equal(
      await page.getByTestId('units-table').locator('tbody tr').count(),
      gent.departments.length + gent.locations.length,
    );
    const network = await page.getByTestId('coaches-table').innerText();
    assert.match(network, /\d,\d/, 'an average rating, with a decimal comma');
    assert.doesNotMatch(network, /\d\.\d/, 'no decimal point in Dutch');
    await axe('programme');
    await shot('programme');
    const department = gent.departments.find((d) => d.id === 'gt-dep-talent')!;
    await page.getByTestId('programme-scope').selectOption(`department:${department.id}`);
    await page.getByTestId('scope-name').getByText(department.name).waitFor();
    await page.getByTestId('levels-chart').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download cijfers (CSV)' }).click(),
    ]);
    const file = path.join(ARTIFACTS, 'tab-export.csv');
    await download.saveAs(file);
    assert.match(readFileSync(file, 'utf8'), /^\uFEFFNiveau;Id;Naam/);

    // The admin adds a colleague as a digicoach and sees them in the list.
    const colleague = demoUser('employee');
    await page.getByTestId('coach-admin-table').waitFor();
    await page.getByTestId('coach-search').fill(colleague.name);
    await page
      .getByTestId('coach-person')
      .locator(`option[value="${colleague.aadObjectId}"]`)
      .waitFor({ state: 'attached' });
    await page.getByTestId('coach-person').selectOption(colleague.aadObjectId);
    await page
      .getByRole('checkbox', { name: 'Apparaten' })
      .or(page.locator('#coach-admin input[type=checkbox]').first())
      .first()
      .check();
    // Times are chosen and shown as the table writes them (24 hours), whatever the browser's region.
    assert.equal(await page.getByTestId('coach-start').locator('option:checked').innerText(), '09:00');
    await page.getByTestId('coach-start').selectOption('08:30');
    await page.getByTestId('coach-save').click();
    await page.locator('#main').getByText(`${colleague.name} is opgeslagen als digicoach.`).waitFor();
    await page.getByTestId('coach-admin-table').getByText(colleague.name).waitFor();
    await page
      .getByTestId('coach-admin-table')
      .locator('tbody tr', { hasText: colleague.name })
      .getByText(/08:30–17:00/)
      .waitFor();
    await page.getByTestId('audit-table').getByText(`Digicoach toegevoegd: ${colleague.name}`).waitFor();
    await axe('coach administration');
  });

  it('shows an employee where the scan is and their reminder switch', async () => {
    const employee = demoUser('employee');
    await openAs(employee.tenantId, employee.aadObjectId);
    await page.getByText(/Je zelfscan doe je in de chat met Digivaardig/).waitFor();
    assert.deepEqual(
      await page.getByRole('navigation').getByRole('link').allInnerTexts(),
      ['Mijn voortgang', 'Activiteiten', 'Mijn gegevens'],
      'their progress, the events and their data',
    );
    const headings = await page.locator('main h2').allInnerTexts();
    assert.ok(!headings.includes('Mijn voortgang'), `no section repeats the page title: ${headings.join(' | ')}`);
    const toggle = page.getByRole('switch', { name: 'Herinneringen over de zelfscan' });
    assert.equal(await toggle.isChecked(), true);
    await toggle.click();
    await page.getByRole('status').getByText('Opgeslagen.').waitFor();
    await axe('progress');
    await shot('progress');
  });

  it('shows an employee who took the scan their Mijn voortgang: levels against the target, growth, advice with its state, the catalogue to filter', async () => {
    const employee = demoUser('employee', 1);
    const chat = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, employee);
    await chat.say('scan');
    const start = await chat.tap('scan.begin', { profile: 'buitendienst' });
    await finishScan(chat, start.card!, (o) => o[0]);
    const modules = actionData((await chat.tap('modules.show')).card!, 'module.mark') as { module: string } | null;
    assert.ok(modules, 'an advised module to mark');
    await chat.tap('module.mark', { module: modules.module, state: 'started' });

    await openAs(employee.tenantId, employee.aadObjectId);
    const levels = page.getByTestId('my-levels');
    await levels.waitFor();
    const bars = levels.getByRole('img');
    assert.ok((await bars.count()) >= 3, 'a bar per domain');
    assert.match((await bars.first().getAttribute('aria-label')) ?? '', /niveau 1 \(Starter\) van 4, doel \d/);
    assert.match(await levels.innerText(), /Nog \d niveau te gaan/);
    assert.match(await page.getByTestId('my-growth').innerText(), /één keer gedaan/);
    const advice = page.getByTestId('advice-table');
    assert.match(await advice.innerText(), /Begonnen/);
    assert.ok(
      !(await page.getByText(/Je zelfscan doe je in de chat/).isVisible()),
      'not the text for someone without a result',
    );

    const count = page.getByTestId('catalogue-count');
    const all = Number((await count.innerText()).match(/\d+/)![0]);
    assert.ok(all >= 40, `the whole catalogue: ${all}`);
    await page.getByTestId('filter-level').selectOption('1');
    await page.getByTestId('filter-duration').selectOption('short');
    const filtered = Number((await count.innerText()).match(/\d+/)![0]);
    assert.ok(filtered > 0 && filtered < all, `filters narrow the list: ${filtered} of ${all}`);
    assert.equal(await page.getByTestId('catalogue').locator('li').count(), filtered);

    const toggle = page.getByRole('switch', { name: 'Herinneringen over de zelfscan' });
    await toggle.waitFor();
    assert.match(await page.getByTestId('nudges-help').innerText(), /Je hebt de zelfscan gedaan/);
    await axe('my progress');
    await shot('my-progress');
  });

  it('lets an employee sign up for a workshop the admin planned, and shows their place', async () => {
    const employee = demoUser('employee');
    const seed = demoSeeds.find((x) => x.tenant.id === employee.tenantId)!;
    const token = async (userId: string) =>
      (
        (await (
          await fetch(`${running.app.url}/dev/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ tenantId: seed.tenant.id, userId }),
          })
        ).json()) as { token: string }
      ).token;
    // A week after the test moment, so it is upcoming whatever day the tests run at.
    const date = new Date(testNow().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const planned = await fetch(`${running.app.url}/api/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await token(seed.tenant.programmeAdmins[0])}`,
      },
      body: JSON.stringify({
        kind: 'digicafe',
        title: 'Digicafé in de bibliotheek',
        date,
        start: '13:30',
        end: '15:00',
        place: 'Bibliotheek',
        capacity: 8,
      }),
    });
    assert.equal(planned.status, 201);
    const { eventId } = (await planned.json()) as { eventId: string };
    await openAs(employee.tenantId, employee.aadObjectId);
    await page.getByTestId('nav-events').click();
    const item = page.getByTestId(`event-${eventId}`);
    await item.getByText('Digicafé in de bibliotheek').waitFor();
    await item.getByRole('button', { name: 'Aanmelden' }).click();
    await item.getByText('Je bent aangemeld').waitFor();
    await item.getByText('1 van 8 plaatsen bezet, 0 op de wachtlijst').waitFor();
    await axe('events');
    await shot('events');
  });

  it('lets the admin edit an event: Dutch field messages first, more places move the waiting list up, a stale form offers the new version', async () => {
    const admin = demoUser('admin');
    const seed = demoSeeds.find((x) => x.tenant.id === admin.tenantId)!;
    const token = async (userId: string) =>
      (
        (await (
          await fetch(`${running.app.url}/dev/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ tenantId: seed.tenant.id, userId }),
          })
        ).json()) as { token: string }
      ).token;
    const send = async (method: string, url: string, userId: string, body?: unknown, ifMatch?: string) =>
      fetch(`${running.app.url}${url}`, {
        method,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await token(userId)}`,
          ...(ifMatch ? { 'if-match': ifMatch } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const plan = {
      kind: 'workshop',
      title: 'Vergaderen in Teams',
      date: new Date(testNow().getTime() + 9 * 86_400_000).toISOString().slice(0, 10),
      start: '10:00',
      end: '11:00',
      place: 'Raadzaal',
      capacity: 1,
    };
    const planned = await send('POST', '/api/v1/events', admin.aadObjectId, plan);
    assert.equal(planned.status, 201);
    const { eventId } = (await planned.json()) as { eventId: string };
    const leaders = new Set(seed.teams.map((tm) => tm.leaderId));
    const colleagues = seed.users.filter((u) => !leaders.has(u.id) && !seed.tenant.programmeAdmins.includes(u.id));
    for (const u of colleagues.slice(-2))
      assert.equal((await send('POST', `/api/v1/events/${eventId}/signup`, u.id)).status, 200);

    await openAs(admin.tenantId, admin.aadObjectId);
    await page.getByTestId('nav-events').click();
    const item = page.getByTestId(`event-${eventId}`);
    await item.getByText('1 van 1 plaatsen bezet, 1 op de wachtlijst').waitFor();
    await page.getByTestId('records-csv').waitFor(); // the admin's learning records, below the events
    await item.getByTestId('edit-event').click();
    const form = item.getByTestId(`edit-${eventId}`);
    assert.ok((await form.locator('datalist option').count()) > 0, "the tenant's modules are offered for the link");
    await form.getByTestId('edit-end').selectOption('09:30');
    await form.getByTestId('edit-capacity').fill('0');
    await form.getByTestId('edit-save').click();
    await form.getByText('De eindtijd moet na de begintijd liggen.').waitFor();
    await form.getByText('Kies 1 tot 1.000 plaatsen.').waitFor();
    await axe('event edit');
    await shot('event-edit');

    await form.getByTestId('edit-title').fill('Vergaderen in Teams, met breakouts');
    await form.getByTestId('edit-end').selectOption('11:30');
    await form.getByTestId('edit-capacity').fill('2');
    await form.getByTestId('edit-save').click();
    await item.getByText('Vergaderen in Teams, met breakouts').waitFor();
    await item.getByText('2 van 2 plaatsen bezet, 0 op de wachtlijst').waitFor();
    assert.equal(await form.count(), 0, 'the form closes once saved');

    // Another organiser saves first: this form was loaded at the version before theirs.
    await item.getByTestId('edit-event').click();
    const list = (await (await send('GET', '/api/v1/events', admin.aadObjectId)).json()) as {
      events: Array<{ eventId: string; version: string }>;
    };
    const version = list.events.find((e) => e.eventId === eventId)!.version;
    const theirs = await send(
      'PUT',
      `/api/v1/events/${eventId}`,
      admin.aadObjectId,
      { ...plan, title: 'Vergaderen in Teams (zaal 2)', end: '11:30', capacity: 2 },
      version,
    );
    assert.equal(theirs.status, 200);
    await form.getByTestId('edit-place').fill('Zaal 3');
    const errorsBefore = pageErrors.length;
    await form.getByTestId('edit-save').click();
    await form.getByText(/Iemand anders heeft deze activiteit net gewijzigd/).waitFor();
    // The browser logs the expected 412 as a failed resource; that one line is the answer, not an error.
    assert.deepEqual(pageErrors.splice(errorsBefore), [
      'Failed to load resource: the server responded with a status of 412 (Precondition Failed)',
    ]);
    await form.getByTestId('edit-reload').click();
    await item.getByText('Vergaderen in Teams (zaal 2)').waitFor();
  });

  it('shows an employee “Mijn gegevens”: what is kept, a download of all of it, and erasure after a confirmation', async () => {
    const employee = demoUser('employee');
    await openAs(employee.tenantId, employee.aadObjectId);
    await page.getByTestId('nav-my-data').click();
    await page.getByRole('heading', { level: 1, name: 'Mijn gegevens' }).waitFor();
    await page.getByTestId('my-data-list').getByText('Herinneringen over de zelfscan: uit').waitFor();
    assert.match(await page.getByTestId('privacy').innerText(), /minstens 5 collega’s/);
    assert.equal(
      await page.getByRole('link', { name: 'Lees de volledige privacyverklaring' }).getAttribute('href'),
      '/privacy',
    );
    await axe('my data');
    await shot('my-data');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('my-data-download').click()]);
    assert.match(download.suggestedFilename(), /^digivaardig-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(ARTIFACTS, 'tab-my-data.json');
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(exported.user.userId, employee.aadObjectId);
    assert.deepEqual(Object.values(exported.preferences), [false], 'the reminders they switched off');
    for (const part of [
      'scanResults',
      'moduleProgress',
      'leadershipScan',
      'helpRequests',
      'digicoach',
      'helpGivenAsDigicoach',
      'chat',
    ])
      assert.ok(part in exported, part);
    await page.getByTestId('my-data-message').getByText('Je gegevens zijn gedownload.').waitFor();

    await page.getByTestId('my-data-delete').click();
    await page.getByTestId('my-data-confirm').getByText('Dit kun je niet terugdraaien', { exact: false }).waitFor();
    // Focus moves just after the render; wait for it (a few seconds at most) rather than racing it.
    await page
      .waitForFunction(() => document.activeElement?.id === 'my-data-confirm-h', undefined, { timeout: 5000 })
      .catch(() => undefined);
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'my-data-confirm-h',
      'focus moves to the question',
    );
    await axe('my data, confirm');
    await shot('my-data-confirm');
    await page.getByTestId('my-data-confirm-yes').click();
    await page
      .getByTestId('my-data-message')
      .getByText(/Je gegevens zijn verwijderd/)
      .waitFor();
    assert.equal(await page.getByTestId('my-data-confirm').count(), 0);
    await page
      .getByRole('status')
      .getByText(/Je gegevens zijn verwijderd/)
      .waitFor();
  });

  it('shows an admin the settings and the log with the new actions', async () => {
    const admin = demoUser('admin');
    await openAs(admin.tenantId, admin.aadObjectId);
    await page.getByTestId('settings-retention').waitFor();
    // The first look at the log already shows that the admin opened the organisation dashboard.
    await page.getByTestId('audit-table').getByText('Organisatiedashboard bekeken').first().waitFor();
    await page.getByTestId('settings-retention').fill('0');
    await page.getByText('Vul een heel getal van 1 tot en met 120 in, of laat het leeg.').waitFor();
    assert.equal(await page.getByTestId('settings-save').isDisabled(), true);
    await page.getByTestId('settings-retention').fill('24');
    await page.getByTestId('settings-save').click();
    await page.locator('#main').getByText('De instellingen zijn opgeslagen.').waitFor();
    const table = page.getByTestId('audit-table');
    await table.getByText('Instellingen gewijzigd').first().waitFor();
    await table.getByText('bewaartermijn: geen (alles bewaren) → 24 maanden').waitFor();
    // An edit after saving takes the old "opgeslagen" away: never an error and "saved" at once.
    await page.getByTestId('settings-retention').fill('0');
    await page.getByText('Vul een heel getal van 1 tot en met 120 in, of laat het leeg.').waitFor();
    assert.equal(await page.locator('#main').getByText('De instellingen zijn opgeslagen.').count(), 0);
    await page.getByTestId('settings-retention').fill('24');
    // Another admin saves in between: this form's save is refused (412) and offers the new values instead of overwriting them.
    const other = await devToken(admin.tenantId, admin.aadObjectId);
    const current = (await (await fetch(`${running.app.url}/api/v1/admin/settings`, { headers: other })).json()) as {
      version: string;
    };
    const elsewhere = await fetch(`${running.app.url}/api/v1/admin/settings`, {
      method: 'PUT',
      headers: { ...other, 'content-type': 'application/json', 'if-match': current.version },
      body: JSON.stringify({ employeesPerCoach: 20 }),
    });
    assert.equal(elsewhere.status, 200);
    await page.getByTestId('settings-retention').fill('36');
    await page.getByTestId('settings-save').click();
    await page
      .locator('#main')
      .getByText('Iemand anders heeft de instellingen net gewijzigd', { exact: false })
      .waitFor();
    // Chromium logs the refused request; it is the one this step expects, not a page error.
    const refused = pageErrors.findIndex((e) => e.includes('status of 412'));
    assert.ok(refused >= 0, 'the save was refused with 412');
    pageErrors.splice(refused, 1);
    await page.getByRole('button', { name: 'Nieuwe waarden laden' }).click();
    await page.getByTestId('settings-employees-per-coach').and(page.locator('[value="20"]')).waitFor();
    assert.equal(await page.getByTestId('settings-retention').inputValue(), '24', 'the refused 36 was not stored');
    await table.getByText('Organisatiedashboard bekeken').first().waitFor();
    await table.getByText('Eigen gegevens verwijderd').first().waitFor();
    const erased = await table.locator('tbody tr').filter({ hasText: 'Eigen gegevens verwijderd' }).first().innerText();
    assert.match(erased, /een medewerker/);
    assert.doesNotMatch(erased, new RegExp(demoUser('employee').name), 'who erased their data is not named');

    // "Nu versturen" shows up in the log without reloading the page.
    assert.equal(await table.getByText('Herinneringsronde gestart').count(), 0);
    // In development no round starts by itself, whatever the date, so this month's round is still the admin's to send.
    assert.equal(await page.getByTestId('campaigns-send-now').isDisabled(), false);
    await page.getByTestId('campaigns-send-now').click();
    await page.locator('#main').getByText('De ronde is gestart.', { exact: false }).waitFor();
    await table.getByText('Herinneringsronde gestart').waitFor();
    await axe('settings and log');
    await shot('programme-settings');
  });

  it('lets an admin name the case system "JOIN" with a preview, and the next scan question in the chat says JOIN', async () => {
    const admin = demoUser('admin');
    await openAs(admin.tenantId, admin.aadObjectId);
    const word = page.getByTestId('term-zaaksysteem-nl');
    await word.waitFor();
    const preview = page.getByTestId('term-zaaksysteem-preview');
    assert.match(await preview.innerText(), /het zaaksysteem/, 'the preview shows the default first');
    await word.fill('**JOIN**');
    await page.getByText('Gebruik letters, cijfers en spaties, hoogstens 40 tekens, zonder opmaak.').first().waitFor();
    assert.equal(await page.getByTestId('terms-save').isDisabled(), true);
    await word.fill('JOIN');
    await preview.getByText(/JOIN/).waitFor();
    assert.doesNotMatch(await preview.innerText(), /zaaksysteem|\{/);
    await page.getByTestId('terms-save').click();
    await page.locator('#main').getByText('De woorden zijn opgeslagen.', { exact: false }).waitFor();
    await page.getByTestId('audit-table').getByText('Eigen woorden gewijzigd').first().waitFor();
    await page.getByTestId('audit-table').getByText('eigen woord zaaksysteem (nl): standaard → JOIN').waitFor();
    await axe('own words');
    await shot('programme-own-words');

    // A colleague no other step of this file uses, so no earlier scan is in the way.
    const fresh = gent.users.filter((u) => !u.coach && !gent.tenant.programmeAdmins.includes(u.id)).at(-1)!;
    const employee = { tenantId: gent.tenant.id, aadObjectId: fresh.id, name: fresh.name, locale: 'nl-NL' };
    const chat = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, employee);
    await chat.say('scan');
    const question = (await chat.tap('scan.begin', { profile: 'beleidsmedewerker' })).card!;
    assert.equal(employee.tenantId, admin.tenantId);
    assert.match(cardText(question), /JOIN/, 'the first question of a Beleidsmedewerker names the case system');
  });

  it('lets an admin approve a new digicoach, and shows the load of the coaches', async () => {
    const seed = demoSeeds[1];
    const leaders = new Set(seed.teams.map((tm) => tm.leaderId));
    const colleague = seed.users.find(
      (u) => !u.coach && u.teamId && !leaders.has(u.id) && !seed.tenant.programmeAdmins.includes(u.id),
    )!;
    // The colleague registers in chat; with approval on (the default) the registration waits.
    const chat = new TeamsTestClient(
      running.app.url,
      running.conn.connector,
      running.conn.url,
      {
        tenantId: seed.tenant.id,
        aadObjectId: colleague.id,
        name: colleague.name,
      },
      () => running.app.settle(),
    );
    await chat.say('word digicoach');
    await chat.tap('help.register', {
      domains: 'communication',
      maxOpenTickets: '2',
      weeklyCapacity: '3',
      days: '1,2,3,4,5',
      start: '08:00',
      end: '17:00',
      takesIntakes: 'false',
    });
    await openAs(seed.tenant.id, seed.tenant.programmeAdmins[0]);
    const approvals = page.getByTestId('approvals-table');
    await approvals.getByText(colleague.name).waitFor();
    await page.getByTestId('coach-load-table').waitFor();
    await page.getByTestId('coach-ratio-table').waitFor();
    await page.getByTestId(`approve-${colleague.id}`).click();
    await page.locator('#main').getByText(`${colleague.name} is goedgekeurd als digicoach.`).waitFor();
    await page.locator('#main').getByText('Er wachten geen aanmeldingen.').waitFor();
    await page.getByTestId('audit-table').getByText(`Digicoach goedgekeurd: ${colleague.name}`).waitFor();
    await axe('coach approvals and load');
    await shot('programme-coach-network');
  });

  it('works at phone width (360 px): a clean header, no page wider than the screen, the coach actions in reach', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    try {
      const admin = demoUser('admin');
      await openAs(admin.tenantId, admin.aadObjectId);
      await page.getByTestId('coach-admin-table').waitFor();
      await page.getByTestId('levels-chart').waitFor();

      // The header wraps as whole pieces: "Aangemeld als …" on one line, "Wissel van persoon" under it, both from the same left edge.
      const who = page.getByTestId('who');
      const name = await who.getByText(`Aangemeld als ${admin.name}`, { exact: true }).boundingBox();
      const change = await page.getByTestId('dev-switch').boundingBox();
      assert.ok(name && change);
      assert.doesNotMatch(await who.innerText(), /·/, 'no separator left dangling at the end of a line');
      if (change.y > name.y + 1)
        assert.ok(
          Math.abs(change.x - name.x) <= 1,
          `wrapped under the name: name at x=${name.x}, switch at x=${change.x}`,
        );
      for (const box of [name, change]) assert.ok(box.x >= 0 && box.x + box.width <= 360, 'inside the screen');

      assert.ok(
        (await page.evaluate(() => document.documentElement.scrollWidth)) <= 360,
        'nothing makes the page scroll sideways',
      );
      const actions = page.getByTestId('coach-admin-table').locator('tbody tr').first().getByRole('button');
      assert.equal(await actions.count(), 2);
      for (let i = 0; i < 2; i++) {
        const box = await actions.nth(i).boundingBox();
        assert.ok(
          box && box.x >= 0 && box.x + box.width <= 360,
          `${await actions.nth(i).getAttribute('aria-label')} is on screen without scrolling the table`,
        );
      }
      // A table wider than the phone says so, and its first column (the row's name) stays in view while it scrolls.
      const wide = await page.locator('[role=region]').evaluateAll((regions) =>
        regions
          .filter((r) => r.scrollWidth > r.clientWidth + 1)
          .map((r) => {
            r.scrollLeft = r.scrollWidth;
            const head = r.querySelector('tbody th') ?? r.querySelector('th');
            const hint = r.nextElementSibling?.textContent ?? '';
            const box = r.getBoundingClientRect();
            const first = head?.getBoundingClientRect();
            return { name: r.getAttribute('aria-label'), hint, pinned: Boolean(first && first.left >= box.left - 1) };
          }),
      );
      assert.ok(wide.length >= 1, 'some tables are wider than a phone');
      for (const w of wide) {
        assert.match(w.hint, /Schuif de tabel opzij/, `${w.name} says there is more to the side`);
        assert.ok(w.pinned, `${w.name} keeps its first column in view`);
      }
      await axe('programme at 360 px');
      await shot('programme-360');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('follows the dark and high-contrast themes without contrast problems', async () => {
    const leader = demoUser('leader');
    for (const theme of ['dark', 'contrast'] as const) {
      await openAs(leader.tenantId, leader.aadObjectId, { theme });
      await page.getByTestId('levels-chart').waitFor();
      await axe(`team dashboard, ${theme}`);
      await shot(`team-${theme}`);
    }
  });

  it('speaks English when chosen', async () => {
    await page.goto(`${running.app.url}/tab/`);
    await page.getByTestId('dev-language').selectOption('en');
    await page.getByText('Who are you?').first().waitFor();
    const admin = demoUser('admin');
    await page.getByTestId('dev-who').selectOption(`${admin.tenantId}/${admin.aadObjectId}`);
    await page.getByTestId('dev-open').click();
    await page.getByRole('heading', { name: 'Taking part in the self-scan' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-GB');
    const network = await page.getByTestId('coaches-table').innerText();
    assert.match(network, /\d\.\d/, 'an average rating, with a decimal point');
    assert.doesNotMatch(network, /\d,\d/, 'no decimal comma in English');
  });

  it('loaded nothing from outside and logged no errors', () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(pageErrors, []);
  });
});

describe('the tab’s words', () => {
  it('writes numbers the reader’s way and says one thing or many properly, in Dutch and English', () => {
    assert.equal(formatNumber('nl', 3.75), '3,8');
    assert.equal(formatNumber('en', 3.75), '3.8');
    assert.equal(formatNumber('nl', 1234), '1.234');
    assert.equal(percent('nl', 0.524), '52%');
    assert.equal(t('nl', 'help.ratingValue', { n: 4.5 }), '4,5 van 5');
    assert.equal(
      tn('nl', 'myData.scans', 1, { count: 1, date: '3 maart 2026' }),
      'Zelfscan: 1 uitslag, op 3 maart 2026',
    );
    assert.equal(
      tn('nl', 'myData.scans', 2, { count: 2, date: '3 maart 2026' }),
      'Zelfscan: 2 uitslagen, de laatste op 3 maart 2026',
    );
    assert.equal(
      tn('en', 'myData.scans', 1, { count: 1, date: '3 March 2026' }),
      'Self-scan: 1 result, on 3 March 2026',
    );
    assert.equal(
      tn('en', 'nudge.sent', 0, { sent: 0, unreachable: 0, remindersOff: 0 }),
      'Sent to 0 colleagues. Not reachable: 0. Reminders switched off: 0.',
    );
    assert.equal(t('nl', 'leadership.startStep'), 'Start de scan: één stelling per keer');
  });
});
