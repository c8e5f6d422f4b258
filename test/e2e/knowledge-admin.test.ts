import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CosmosKnowledgeSource } from '../../bot/storage/cosmos-knowledge';
import { launchChromium, openLocalPage, requireChromium } from '../helpers/browser';
import { withRunningApp } from '../helpers/app';
import { demoSeeds, demoUser } from '../helpers/demo';
import { DOMAIN_IDS } from '../helpers/knowledge';
import { tk } from '../../tab/src/i18n-coach-knowledge';

const BUNDLE = path.join(__dirname, '..', '..', 'tab', 'dist', 'tab', 'tab.js');
const AXE = require.resolve('axe-core/axe.min.js');
const [gent] = demoSeeds;

/** The programme team's coach news and knowledge base panels in a real browser: they work and pass axe-core. */
describe('the tab’s coach news and knowledge base panels in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  before(function () {
    requireChromium(this, 'The knowledge panel browser test');
    assert.ok(existsSync(BUNDLE), 'build the tab first: npm run build');
  });
  const running = withRunningApp({ scheduler: false });
  before(async () => {
    // A coach's draft waiting for review.
    await new CosmosKnowledgeSource(running.app.store.containers.content, () => DOMAIN_IDS).create(gent.tenant.id, {
      id: 'own-0123456789ab',
      domain: 'communication',
      title: { nl: 'De tv in de vergaderzaal koppelen', en: 'De tv in de vergaderzaal koppelen' },
      steps: {
        nl: ['Sluit de HDMI-kabel aan.', 'Kies de bron HDMI 1.'],
        en: ['Sluit de HDMI-kabel aan.', 'Kies de bron HDMI 1.'],
      },
      tags: [],
      state: 'draft',
      origin: 'coach',
      createdAt: '2026-11-24T09:00:00Z',
      updatedAt: '2026-11-24T09:00:00Z',
    });
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

  async function axe(label: string) {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as {
          axe: {
            run(ctx: Document, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null }> }>;
          };
        }
      ).axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], `${label}: serious or critical accessibility violations`);
  }

  it('lets an admin send coach news and publish a coach’s how-to, accessibly', async () => {
    const admin = demoUser('admin');
    await page.goto(`${running.app.url}/tab/`);
    await page
      .getByTestId('dev-who')
      .locator(`option[value="${admin.tenantId}/${admin.aadObjectId}"]`)
      .waitFor({ state: 'attached' });
    await page.getByTestId('dev-who').selectOption(`${admin.tenantId}/${admin.aadObjectId}`);
    await page.getByTestId('dev-open').click();
    await page.getByTestId('article-own-0123456789ab').waitFor();
    await page.getByTestId('news-send').waitFor();
    await axe('coach news and knowledge base');

    await page.getByTestId('news-text').fill('Vanaf 1 maart werken we met het nieuwe zaaksysteem.');
    await page.getByTestId('news-send').click();
    await page.getByTestId('news-archive').getByText('Vanaf 1 maart werken we met het nieuwe zaaksysteem.').waitFor();

    const draft = page.getByTestId('article-own-0123456789ab');
    await draft.getByRole('button', { name: tk('nl', 'knowledge.publish') }).click();
    await page.getByText(tk('nl', 'knowledge.published')).first().waitFor();
    await page.getByText(tk('nl', 'knowledge.state.published'), { exact: false }).first().waitFor();
    await axe('after publishing');
    assert.deepEqual(outside, []);
    assert.deepEqual(pageErrors, []);
  });
});
