import { launchChromium } from './test/helpers/browser';
import { demoUser } from './test/helpers/demo';

async function main() {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  const url = 'http://127.0.0.1:4100';
  const who = process.argv[2] as 'employee' | 'coach' | 'leader' | 'admin';
  const u = demoUser(who);
  await page.goto(url + '/');
  await page.locator(`#pg-who option[value="${u.tenantId}/${u.aadObjectId}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#pg-who', `${u.tenantId}/${u.aadObjectId}`);
  await page.waitForTimeout(3000);
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  for (const say of process.argv.slice(3)) {
    if (say.startsWith('tap:')) {
      await page.locator('.pg-card button', { hasText: say.slice(4) }).last().click();
    } else {
      await input.fill(say);
      await input.press('Enter');
    }
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shots/${who}-${say.replace(/[^a-z0-9]/gi, '_')}.png`, fullPage: false });
  }
  const texts = await page.locator('.pg-card').evaluateAll((els) => els.slice(-3).map((e) => (e as HTMLElement).innerText));
  console.log(texts.join('\n-----\n'));
  await browser.close();
}
void main();
