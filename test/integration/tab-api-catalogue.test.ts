import assert from 'node:assert/strict';
import type { AdminCatalogueView, CatalogueView, ImportReport } from '../../bot/domain/catalogue/catalogue-types';
import { withRunningApp } from '../helpers/app';
import { cardText } from '../helpers/cards';
import { catalogueCsv, catalogueRows } from '../helpers/catalogue-csv';
import { demoUser } from '../helpers/demo';
import { finishScan } from '../helpers/scan-driver';
import { TeamsTestClient } from '../helpers/teams';
import { TabClient } from '../unit/http/support/tab-client';

describe('the learning catalogue through the tab’s API and the chat', () => {
  const running = withRunningApp();
  const admin = demoUser('admin');
  const employee = demoUser('employee');
  const api = () => new TabClient(running.app.url);

  async function send<T>(method: string, path: string, token: string, body?: unknown, ifMatch?: string) {
    const res = await fetch(`${running.app.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }

  it('imports a whole offer (2,000 rows fit in one upload), and the next scan’s advice and “modules” come from it', async () => {
    const adminToken = await api().devToken(admin.tenantId, admin.aadObjectId);
    const employeeToken = await api().devToken(employee.tenantId, employee.aadObjectId);
    assert.equal((await send('GET', '/api/v1/admin/catalogue', employeeToken)).status, 403, 'admins only');
    const before = await send<AdminCatalogueView>('GET', '/api/v1/admin/catalogue', adminToken);
    assert.equal(before.body.source, 'template');

    const text = catalogueCsv(catalogueRows(2000));
    assert.ok(text.length > 256 * 1024, 'larger than any other request may be');
    const dry = await send<ImportReport>('POST', '/api/v1/admin/catalogue/import?dryRun=true', adminToken, {
      kind: 'csv',
      text,
      retireMissing: true,
    });
    assert.equal(dry.status, 200);
    assert.deepEqual(dry.body.problems, []);
    assert.equal(dry.body.applied, false);
    const without = await send('POST', '/api/v1/admin/catalogue/import', adminToken, {
      kind: 'csv',
      text,
      retireMissing: true,
    });
    assert.equal(without.status, 428, 'an import names the version its dry run saw');
    const done = await send<ImportReport>(
      'POST',
      '/api/v1/admin/catalogue/import',
      adminToken,
      { kind: 'csv', text, retireMissing: true },
      dry.body.version,
    );
    assert.equal(done.status, 200);
    assert.equal(done.body.applied, true);
    assert.equal(done.body.added, 2000);

    const browse = await send<CatalogueView>('GET', '/api/v1/catalogue', employeeToken);
    assert.equal(browse.body.source, 'tenant');
    assert.equal(browse.body.modules.length, 2000, 'every colleague reads the active offer');

    const c = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, employee);
    await c.say('scan');
    const start = await c.tap('scan.begin', { profile: 'buitendienst' });
    const { card } = await finishScan(c, start.card!, (o) => o[0]);
    assert.match(cardText(card), /Westerkwartier module \d+/);
    assert.doesNotMatch(cardText(card), /\.example/);
  });

  it('refuses a made-up learning page in the settings, and a module without a link then points to the real one', async () => {
    const adminToken = await api().devToken(admin.tenantId, admin.aadObjectId);
    const settings = await send<{ version: string }>('GET', '/api/v1/admin/settings', adminToken);
    const fake = await send(
      'PUT',
      '/api/v1/admin/settings',
      adminToken,
      { learningPageUrl: 'https://intranet.example/leren' },
      settings.body.version,
    );
    assert.equal(fake.status, 400);
    const real = await send<{ learningPageUrl: string }>(
      'PUT',
      '/api/v1/admin/settings',
      adminToken,
      { learningPageUrl: 'https://intranet.westerkwartier.nl/leren' },
      settings.body.version,
    );
    assert.equal(real.status, 200);
    assert.equal(real.body.learningPageUrl, 'https://intranet.westerkwartier.nl/leren');
    const view = await send<AdminCatalogueView>('GET', '/api/v1/admin/catalogue', adminToken);
    assert.equal(view.body.learningPageUrl, 'https://intranet.westerkwartier.nl/leren');
  });
});
