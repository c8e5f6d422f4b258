import assert from 'node:assert/strict';
import { withRunningApp } from '../helpers/app';
import { cardVerbs } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { actionData } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

const [gent] = demoSeeds;

interface Row {
  userId: string;
  name: string;
  department: string | null;
  domains: string[];
  maxOpenTickets: number;
  weeklyCapacity: number;
  workingHours: { days: number[]; start: string; end: string };
  takesIntakes: boolean;
  openTickets: number;
  pendingOffers: number;
}

/** The programme admin's digicoach administration: add, update, remove, who may, and the audit log. */
describe('the tab API: digicoach administration', function () {
  this.timeout(60_000);
  let api: TabClient;
  const clock = new FakeClock(TUESDAY_MORNING);
  const adminId = gent.tenant.programmeAdmins[0];
  const employee = demoUser('employee');
  const body = {
    domains: ['devices', 'hr-self-service'],
    maxOpenTickets: 2,
    weeklyCapacity: 4,
    days: [1, 2, 3, 4],
    start: '09:00',
    end: '17:00',
    takesIntakes: true,
  };
  const tokenOf = (userId: string) => api.devToken(gent.tenant.id, userId);
  const list = async (token: string) =>
    (await api.get<{ coaches: Row[] }>('/api/v1/admin/coaches', token)).body.coaches;

  const running = withRunningApp({
    clock,
    scheduler: false,
    env: { HELP_OFFER_TIMEOUT_SECONDS: '600', HELP_MAX_OFFERS: '3' },
  });
  before(async () => {
    api = new TabClient(running.app.url);
  });

  it('lets the admin add a colleague from the directory as a coach, then update them; the list shows them without ticket contents', async () => {
    const admin = await tokenOf(adminId);
    assert.ok(!(await list(admin)).some((c) => c.userId === employee.aadObjectId));
    const people = await api.get<{ people: Array<{ userId: string; coach: boolean }> }>(
      `/api/v1/admin/people?q=${encodeURIComponent(employee.name.split(' ')[0])}`,
      admin,
    );
    assert.equal(people.status, 200);
    assert.ok(people.body.people.some((p) => p.userId === employee.aadObjectId && !p.coach));

    clock.advance(1000);
    const added = await api.call('PUT', `/api/v1/admin/coaches/${employee.aadObjectId}`, { token: admin, body });
    assert.equal(added.status, 200, added.text);
    let row = (await list(admin)).find((c) => c.userId === employee.aadObjectId)!;
    assert.ok(row, 'the new coach is listed');
    assert.equal(row.name, employee.name);
    assert.ok(row.department, 'with the department name from the directory');
    assert.deepEqual(row.domains, ['devices', 'hr-self-service']);
    assert.deepEqual(row.workingHours, { days: [1, 2, 3, 4], start: '09:00', end: '17:00' });
    assert.equal(row.takesIntakes, true);
    assert.equal(row.openTickets, 0);
    assert.doesNotMatch(JSON.stringify(await list(admin)), /question|email/i, 'no ticket contents or e-mail addresses');

    clock.advance(1000);
    const updated = await api.call('PUT', `/api/v1/admin/coaches/${employee.aadObjectId}`, {
      token: admin,
      body: { ...body, domains: 'devices', days: '6,7', maxOpenTickets: '3', takesIntakes: false },
    });
    assert.equal(updated.status, 200, updated.text);
    row = (await list(admin)).find((c) => c.userId === employee.aadObjectId)!;
    assert.deepEqual(row.domains, ['devices']);
    assert.deepEqual(row.workingHours.days, [6, 7], 'weekends only: not offered the Tuesday question below');
    assert.equal(row.maxOpenTickets, 3);
    assert.equal(row.takesIntakes, false);
  });

  it('answers 403 to employees and leaders, 400 to bad bodies, 404 to unknown people, localized', async () => {
    const admin = await tokenOf(adminId);
    for (const who of [employee.aadObjectId, demoUser('leader').aadObjectId, demoUser('coach').aadObjectId]) {
      const t = await tokenOf(who);
      assert.equal((await api.get('/api/v1/admin/coaches', t)).status, 403);
      assert.equal((await api.get('/api/v1/admin/audit', t)).status, 403);
      assert.equal((await api.get('/api/v1/admin/people', t)).status, 403);
      assert.equal((await api.call('PUT', `/api/v1/admin/coaches/${who}`, { token: t, body })).status, 403);
      assert.equal(
        (await api.call('DELETE', `/api/v1/admin/coaches/${demoUser('coach').aadObjectId}`, { token: t, body: {} }))
          .status,
        403,
      );
    }
    const target = `/api/v1/admin/coaches/${employee.aadObjectId}`;
    for (const bad of [
      { ...body, domains: [] },
      { ...body, domains: ['cooking'] },
      { ...body, days: [8] },
      { ...body, start: '17:00', end: '09:00' },
      { ...body, start: '9' },
      { ...body, maxOpenTickets: 0 },
      { ...body, maxOpenTickets: 11 },
      { ...body, weeklyCapacity: 21 },
      { ...body, weeklyCapacity: 1.5 },
    ]) {
      const res = await api.call<{ error: string; message: string }>('PUT', target, { token: admin, body: bad });
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.match(res.body.message, /klopt niet/);
    }
    assert.equal((await api.call('PUT', target, { token: admin, rawBody: '[1,2]' })).status, 400);
    assert.equal((await api.call('PUT', target, { token: admin, rawBody: '{nope' })).status, 400);
    const unknown = await api.call<{ message: string }>(
      'PUT',
      '/api/v1/admin/coaches/00000000-0000-4000-8000-00000000abcd',
      { token: admin, body, lang: 'en-GB' },
    );
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.message, /does not exist/);
    assert.equal((await api.call('PUT', '/api/v1/admin/coaches/..%2Fx', { token: admin, body })).status, 404);
    assert.equal(
      (
        await api.call('DELETE', '/api/v1/admin/coaches/00000000-0000-4000-8000-00000000abcd', {
          token: admin,
          body: {},
        })
      ).status,
      404,
    );
    // Another tenant's person is unknown here: the tenant comes from the token only.
    const other = demoSeeds[1].users[0].id;
    assert.equal((await api.call('PUT', `/api/v1/admin/coaches/${other}`, { token: admin, body })).status, 404);
  });

  it('refuses to remove a coach with an offered or open ticket, and removes one without', async () => {
    const admin = await tokenOf(adminId);
    const requester = demoUser('leader');
    const c = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, requester, () =>
      running.app.settle(),
    );
    await c.say('hulp'); // the form; its fields are sent with the tap below
    const since = running.conn.connector.activities().length;
    await c.tap('help.submit', {
      kind: 'help', // straight to a person; the form's own button (knowledge.ask) asks the knowledge base first
      topic: 'communication',
      question: 'Hoe deel ik mijn scherm?',
      urgency: 'today',
      channel: 'chat',
      where: 'Gemeentehuis',
    });
    const offer = running.conn.connector
      .activities()
      .slice(since)
      .find((a) => a.op === 'send' && cardVerbs(cardOf(a)).includes('help.accept'))!;
    assert.ok(offer, 'a coach is offered the question');
    const coachId = /^a:1?dev-(.+)$/.exec(offer.conversationId)![1];

    const offered = await api.call<{ error: string; message: string }>('DELETE', `/api/v1/admin/coaches/${coachId}`, {
      token: admin,
      body: {},
    });
    assert.equal(offered.status, 409);
    assert.equal(offered.body.error, 'coach_busy');
    assert.match(offered.body.message, /open of aangeboden hulpvragen/);

    const p = gent.users.find((u) => u.id === coachId)!;
    const coach: TeamsUser = {
      tenantId: gent.tenant.id,
      aadObjectId: p.id,
      name: p.name,
      locale: p.preferredLocale ?? 'nl-NL',
    };
    await new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, coach, () =>
      running.app.settle(),
    ).tap('help.accept', actionData(cardOf(offer), 'help.accept')!);
    const open = await api.call<{ message: string }>('DELETE', `/api/v1/admin/coaches/${coachId}`, {
      token: admin,
      body: {},
      lang: 'en-GB',
    });
    assert.equal(open.status, 409);
    assert.match(open.body.message, /still has open or offered help requests/);
    assert.ok((await list(admin)).some((r) => r.userId === coachId && r.openTickets === 1));

    clock.advance(1000);
    const removed = await api.call('DELETE', `/api/v1/admin/coaches/${employee.aadObjectId}`, {
      token: admin,
      body: {},
    });
    assert.equal(removed.status, 204, removed.text);
    assert.ok(!(await list(admin)).some((r) => r.userId === employee.aadObjectId));
    assert.equal(
      (await api.call('DELETE', `/api/v1/admin/coaches/${employee.aadObjectId}`, { token: admin, body: {} })).status,
      404,
    );
  });

  it('records every change in the audit log, ids only, newest first', async () => {
    const admin = await tokenOf(adminId);
    const res = await api.get<{ entries: Array<Record<string, unknown>> }>('/api/v1/admin/audit', admin);
    assert.equal(res.status, 200);
    const mine = res.body.entries.filter((e) => e.targetUserId === employee.aadObjectId);
    assert.deepEqual(
      mine.map((e) => e.action),
      ['coach.removed', 'coach.updated', 'coach.added'],
    );
    for (const e of mine) {
      assert.deepEqual(Object.keys(e).sort(), ['action', 'actorId', 'at', 'targetUserId', 'tenantId']);
      assert.equal(e.actorId, adminId);
      assert.equal(e.tenantId, gent.tenant.id);
    }
    const other = await api.get<{ entries: unknown[] }>(
      '/api/v1/admin/audit',
      await api.devToken(demoSeeds[1].tenant.id, demoSeeds[1].tenant.programmeAdmins[0]),
    );
    assert.deepEqual(other.body.entries, [], 'another tenant sees none of it');
  });
});
