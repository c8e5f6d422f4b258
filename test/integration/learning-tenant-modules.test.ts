import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { withRunningApp } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { demoSeeds } from '../helpers/demo';
import { FakeClock } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';
import type { ImportReport, NewCredential } from '../../bot/http/learning-routes';

const wk = demoSeeds.find((s) => s.tenant.country === 'NL')!;
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';
const OWN = 'wk-eigen-excel';
const RETIRED = 'wk-eigen-oud';
/** A module of the shipped template that Westerkwartier never had in its own offer. */
const NOWHERE = 'module-die-niet-bestaat';

/**
 * Module ids in events, the completions import and the learning platform's statements are
 * checked against the tenant's own catalogue, not the shipped template: a module the admin
 * added is accepted, one the admin retired (or never had) is refused with a clear problem.
 */
describe("module ids are checked against the tenant's own learning catalogue", function () {
  this.timeout(120_000);
  const running = withRunningApp({ clock: new FakeClock(testNow()), scheduler: false });
  let api: TabClient;
  let admin: string;
  const learner = wk.users.find((u) => u.email && !u.coach && !wk.tenant.programmeAdmins.includes(u.id))!;
  const date = new Date(testNow().getTime() + 3 * 24 * 3600_000).toISOString().slice(0, 10);

  async function send<T>(method: string, path: string, body: unknown, ifMatch?: string) {
    const res = await fetch(`${running.app.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        'accept-language': 'nl-NL',
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }
  const row = (id: string) => ({
    id,
    title_nl: `Excel voor ${id}`,
    link: `https://leren.westerkwartier.nl/${id}`,
    duration: '30',
    format: 'e-learning',
    languages: 'nl',
    domain: 'information',
    levels: '2',
  });

  before(async () => {
    api = new TabClient(running.app.url);
    admin = await api.devToken(wk.tenant.id, wk.tenant.programmeAdmins[0]);
    assert.equal((await send('POST', '/api/v1/admin/catalogue/modules', row(OWN))).status, 201);
    const added = await send<{ version: string }>('POST', '/api/v1/admin/catalogue/modules', row(RETIRED));
    assert.equal(added.status, 201);
    const retired = await send(
      'PUT',
      `/api/v1/admin/catalogue/modules/${RETIRED}/status`,
      { status: 'retired' },
      added.body.version,
    );
    assert.equal(retired.status, 200, JSON.stringify(retired.body));
  });

  it('imports a completion of a module the tenant added, and names retired and unknown modules per row', async () => {
    const csv = [
      'e-mailadres;module;datum',
      `${learner.email};${OWN};01-11-2026`,
      `${learner.email};${RETIRED};01-11-2026`,
      `${learner.email};${NOWHERE};01-11-2026`,
    ].join('\n');
    const res = await api.post<ImportReport>('/api/v1/admin/completions/import', admin, { csv, dryRun: true });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.problems.map((p) => [p.row, p.code, p.value]),
      [
        [3, 'retired-module', RETIRED],
        [4, 'unknown-module', NOWHERE],
      ],
    );
    assert.equal(res.body.recorded, 1, 'the module the tenant added is accepted');
  });

  it("takes a learning platform's statement about a module the tenant added, and refuses a retired one", async () => {
    const { body: credential } = await api.post<NewCredential>('/api/v1/admin/xapi-credential', admin);
    const authorization = `Basic ${Buffer.from(`${wk.tenant.id}:${credential.secret}`).toString('base64')}`;
    const statement = (moduleId: string) => ({
      id: randomUUID(),
      actor: { mbox: `mailto:${learner.email}` },
      verb: { id: COMPLETED },
      object: { id: `https://leerplatform.test/modules/${moduleId}` },
    });
    const post = (body: unknown) => api.call('POST', '/api/xapi/statements', { authorization, body });
    const refused = await post([statement(OWN), statement(RETIRED), statement(NOWHERE)]);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.problems, [
      { index: 1, code: 'retired-module' },
      { index: 2, code: 'unknown-module' },
    ]);
    assert.equal((await post(statement(OWN))).status, 200);
  });

  it('links an event to a module the tenant added; a retired or unknown module gets a clear Dutch answer', async () => {
    const plan = (moduleId: string) =>
      api.post<{ message?: string; moduleId?: string }>('/api/v1/events', admin, {
        kind: 'workshop',
        title: 'Excel in de praktijk',
        date,
        start: '10:00',
        end: '11:00',
        place: 'Gemeentehuis Zuidhorn',
        capacity: 8,
        moduleId,
      });
    const own = await plan(OWN);
    assert.equal(own.status, 201, own.text);
    assert.equal(own.body.moduleId, OWN);
    const retired = await plan(RETIRED);
    assert.equal(retired.status, 400);
    assert.match(String(retired.body.message), /uit het leeraanbod gehaald/);
    const unknown = await plan(NOWHERE);
    assert.equal(unknown.status, 400);
    assert.match(String(unknown.body.message), /staat niet in het leeraanbod/);
  });
});
