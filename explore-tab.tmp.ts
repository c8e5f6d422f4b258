import { launchChromium } from './test/helpers/browser';
import { demoUser } from './test/helpers/demo';

async function main() {
  const browser = await launchChromium();
  const width = Number(process.argv[3] ?? 390);
  const page = await browser.newPage({ viewport: { width, height: 844 }, locale: 'nl-NL' });
  const who = process.argv[2] as 'employee' | 'coach' | 'leader' | 'admin';
  const u = demoUser(who);
  await page.goto('http://127.0.0.1:4100/tab/');
  await page.getByTestId('dev-who').locator(`option[value="${u.tenantId}/${u.aadObjectId}"]`).waitFor({ state: 'attached' });
  await page.getByTestId('dev-who').selectOption(`${u.tenantId}/${u.aadObjectId}`);
  await page.getByTestId('dev-open').click();
  await page.locator('main h1').waitFor();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: `/tmp/shots/tab-${who}-${width}.png`, fullPage: true });
  console.log((await page.locator('main').innerText()).slice(0, 3000));
  await browser.close();
}
void main();
