import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { withRunningApp } from '../helpers/app';
import { launchChromium, openLocalPage, requireChromium } from '../helpers/browser';
import { demoSeeds, demoUser } from '../helpers/demo';
import { screenProblems } from '../helpers/screen-checks';
import { TabClient } from '../unit/http/support/tab-client';

/** Written here, never committed (test-artifacts/ is ignored): open the file a failure names. */
const SHOTS = path.join(__dirname, '..', '..', 'test-artifacts', 'screens');
const TAB_BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'tab', 'tab.js');
const PLAYGROUND_BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'playground', 'playground.js');

/** Teams' three themes, as the tab names them; desktop and phone width. */
const THEMES = ['default', 'dark', 'contrast'] as const;
type Theme = (typeof THEMES)[number];
const WIDTHS = [1280, 360] as const;

const [gent, wk] = demoSeeds;
const person = (tenantId: string, userId: string) => ({ tenantId, userId });
const leader = () => person(demoUser('leader').tenantId, demoUser('leader').aadObjectId);
const admin = () => person(demoUser('admin').tenantId, demoUser('admin').aadObjectId);
const employee = () => person(demoUser('employee').tenantId, demoUser('employee').aadObjectId);
/** A leader who finished the leadership scan in `before`, so their view is the result. */
const scannedLeader = () => person(gent.tenant.id, gent.teams.find((t) => t.id === 'gt-team-kdv')!.leaderId);
/** A department head whose department has a small team: withheld rows show beside shown ones. */
const departmentHead = () =>
  person(wk.tenant.id, wk.departments.find((d) => d.id === 'wk-dep-openbare-ruimte')!.leaderId!);
const smallTeamLeader = () => person(wk.tenant.id, wk.teams.find((t) => t.id === 'wk-team-begraafplaatsen')!.leaderId);

interface TabScreen {
  name: string;
  /** Who looks; none: the demo picker itself. */
  as?: () => { tenantId: string; userId: string };
  /** The view (the tab's #hash). */
  view?: string;
  /** What shows the view is ready; by default its heading. */
  ready?: (page: Page) => Locator;
  /** A step after opening (a toggle, a confirmation). */
  then?: (page: Page) => Promise<void>;
}

/**
 * Every view of the tab, as someone who may see it. A new view is one more line here; its
 * screenshots and checks at both widths in all three themes follow by themselves.
 */
const TAB_SCREENS: TabScreen[] = [
  { name: 'picker', ready: (p) => p.getByTestId('dev-quick-admin') },
  {
    name: 'picker-example-figures',
    then: (p) => p.getByTestId('dev-figures').click(),
    ready: (p) => p.getByTestId('dev-figures-result').locator('.fui-MessageBar'),
  },
  { name: 'team', as: leader, view: 'team', ready: (p) => p.getByTestId('levels-chart') },
  {
    name: 'team-as-table',
    as: leader,
    view: 'team',
    then: (p) => p.getByTestId('levels-chart-toggle').click(),
    ready: (p) => p.getByTestId('levels-table'),
  },
  { name: 'my-department', as: departmentHead, view: 'my-department', ready: (p) => p.getByTestId('department-teams') },
  { name: 'team-too-small', as: smallTeamLeader, view: 'team', ready: (p) => p.getByTestId('withheld') },
  { name: 'leadership-intro', as: leader, view: 'leadership', ready: (p) => p.getByTestId('privacy') },
  {
    name: 'leadership-result',
    as: scannedLeader,
    view: 'leadership',
    ready: (p) => p.getByTestId('leadership-chart'),
  },
  { name: 'programme', as: admin, view: 'programme', ready: (p) => p.getByTestId('audit-table') },
  { name: 'progress', as: employee, view: 'progress', ready: (p) => p.getByRole('switch') },
  { name: 'my-data', as: employee, view: 'my-data', ready: (p) => p.getByTestId('my-data-list') },
];

/**
 * The cards a new employee meets first, each brought up by what they type in the chat; `begin`
 * then picks a kind of work on that card and taps its button, which replaces it in place.
 */
const PLAYGROUND_CARDS: Array<{ name: string; say?: string; begin?: { choose: string; tap: string }; shows: RegExp }> =
  [
    { name: 'welcome', shows: /Welkom bij Digivaardig/ },
    { name: 'menu', say: 'wat nu', shows: /Wat wil je doen\?/ },
    { name: 'scan-intro', say: 'scan', shows: /De digitale zelfscan/ },
    { name: 'help', say: 'hulp', shows: /digicoach/i },
    { name: 'my-data', say: 'mijn gegevens', shows: /Mijn gegevens/i },
    {
      name: 'scan-question',
      say: 'scan',
      begin: { choose: 'Buitendienst', tap: 'Start de scan' },
      shows: /Vraag 1 van ongeveer \d+/,
    },
  ];

async function check(page: Page, label: string, file: string, within?: string): Promise<void> {
  await page.screenshot({ path: file, fullPage: true });
  const problems = await screenProblems(page, within);
  assert.deepEqual(problems, [], `${label} (screenshot: ${file}):\n  ${problems.join('\n  ')}`);
}

/**
 * Screenshot review: every tab view and the playground's main cards, at 1280 and 360 px, in
 * the light, dark and high-contrast themes. Each screen is checked for a page wider than the
 * screen, cut-off buttons, interactive elements on top of each other, and axe-core with no
 * violation at all; a failure names its screenshot.
 */
describe('every screen at desktop and phone width, light, dark and high contrast', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  before(function () {
    requireChromium(this, 'The screenshot review');
    assert.ok(existsSync(TAB_BUNDLE) && existsSync(PLAYGROUND_BUNDLE), 'build the tab first: npm run build');
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
    // One leader has finished the leadership scan, so its result is a screen too.
    const api = new TabClient(running.app.url);
    const who = scannedLeader();
    const token = await api.devToken(who.tenantId, who.userId);
    const state = await api.get<{ items: Array<{ id: string }> }>('/api/v1/leadership', token);
    const answers = Object.fromEntries(state.body.items.map((item, i) => [item.id, 1 + (i % 5)]));
    assert.equal((await api.post('/api/v1/leadership/answers', token, { answers })).status, 200);

    browser = await launchChromium();
    page = await openLocalPage(
      browser,
      { viewport: { width: 1280, height: 900 }, locale: 'nl-NL', bypassCSP: true },
      { outside, pageErrors },
    );
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  describe('the tab', () => {
    let opened = '';

    /** Opens the screen in a theme at desktop width, unless it is what the page shows already. */
    async function open(screen: TabScreen, theme: Theme) {
      const key = `${screen.name}/${theme}`;
      if (opened === key) return;
      opened = '';
      await page.setViewportSize({ width: 1280, height: 900 });
      // A fresh load each time: going from #team to #team would change nothing, and keep the last person.
      await page.goto('about:blank');
      await page.goto(`${running.app.url}/tab/${screen.view ? `#${screen.view}` : ''}`);
      await page.getByTestId('dev-theme').selectOption(theme);
      if (screen.as) {
        const who = screen.as();
        const value = `${who.tenantId}/${who.userId}`;
        await page.getByTestId('dev-who').locator(`option[value="${value}"]`).waitFor({ state: 'attached' });
        await page.getByTestId('dev-who').selectOption(value);
        await page.getByTestId('dev-open').click();
      }
      if (screen.then) {
        await page.locator('main h1').first().waitFor();
        await screen.then(page);
      }
      await (screen.ready ?? ((p: Page) => p.locator('main h1')))(page).first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.fui-Spinner').length === 0);
      opened = key;
    }

    for (const theme of THEMES)
      for (const screen of TAB_SCREENS)
        for (const width of WIDTHS)
          it(`${screen.name} at ${width} px, ${theme}`, async () => {
            await open(screen, theme);
            await page.setViewportSize({ width, height: 900 });
            await page.waitForTimeout(50); // charts follow the new width on the next frame
            await check(
              page,
              `tab ${screen.name} at ${width} px, ${theme}`,
              path.join(SHOTS, `tab-${screen.name}-${width}-${theme}.png`),
            );
          });
  });

  describe('the playground’s cards', () => {
    for (const width of WIDTHS)
      describe(`at ${width} px`, () => {
        let chat: Page;
        before(async () => {
          chat = await openLocalPage(
            browser,
            { viewport: { width, height: 900 }, locale: 'nl-NL', bypassCSP: true },
            { outside, pageErrors },
          );
          // A different colleague per width: each starts with the welcome of a fresh install.
          const who = demoUser('employee', width === 1280 ? 0 : 1);
          const [tenantId, userId] = [who.tenantId, who.aadObjectId];
          await chat.goto(`${running.app.url}/`);
          await chat.locator(`#pg-who option[value="${tenantId}/${userId}"]`).waitFor({ state: 'attached' });
          await chat.selectOption('#pg-who', `${tenantId}/${userId}`);
          for (const card of PLAYGROUND_CARDS) {
            const before = await chat.locator('.pg-card').count();
            if (card.say) {
              const input = chat.locator('[data-id="webchat-sendbox-input"]');
              await input.fill(card.say);
              await input.press('Enter');
            }
            await chat.waitForFunction((n) => document.querySelectorAll('.pg-card').length > n, card.say ? before : 0);
            const last = chat.locator('.pg-card').last();
            if (card.begin) {
              await last.getByText(card.begin.choose, { exact: true }).click();
              await last.getByRole('button', { name: card.begin.tap }).click();
            }
            await last.getByText(card.shows).first().waitFor();
          }
          await chat.mouse.move(0, 0); // no hover state in the pictures
        });
        after(() => chat?.close());

        for (const theme of THEMES)
          it(`${theme}: the whole chat and each card`, async () => {
            // The playground's own Teams themes (also ?theme=…): Web Chat and the card host config follow.
            await chat.selectOption('#pg-theme', theme);
            await chat.waitForFunction((th) => document.documentElement.dataset.theme === th, theme);
            await chat.waitForTimeout(100);
            const cards = chat.locator('.pg-card');
            for (let i = 0; i < (await cards.count()); i++) {
              await cards.nth(i).scrollIntoViewIfNeeded();
              await cards.nth(i).screenshot({
                path: path.join(SHOTS, `playground-${PLAYGROUND_CARDS[i]?.name ?? i}-${width}-${theme}.png`),
              });
            }
            if (theme === 'contrast') {
              // The contrast theme has no tints: a card needs its own border to stand apart from the chat.
              const borders = await cards.evaluateAll((els) =>
                els.map((el) => {
                  const s = getComputedStyle(el);
                  return `${s.borderTopStyle} ${s.borderTopWidth}`;
                }),
              );
              for (const b of borders) assert.match(b, /^solid [1-9]/, `a card in high contrast has a border (${b})`);
            }
            await check(
              chat,
              `playground at ${width} px, ${theme}`,
              path.join(SHOTS, `playground-${width}-${theme}.png`),
              '.pg-card',
            );
          });
      });
  });

  describe('afterwards', () => {
    it('loaded nothing from outside and logged no errors', () => {
      assert.deepEqual(outside, []);
      assert.deepEqual(pageErrors, []);
    });
  });
});
