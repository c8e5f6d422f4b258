import assert from 'node:assert/strict';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText } from '../helpers/cards';
import { testNow } from '../helpers/clock';
import { demoSeeds } from '../helpers/demo';
import { actionData, finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';
import type { EventsResponse, EventView, ParticipantsResponse } from '../../bot/http/event-routes';

const wk = demoSeeds.find((s) => s.tenant.country === 'NL')!;
const ZONE = 'Europe/Amsterdam';
const HOUR = 3_600_000;

/** The local calendar date in Amsterdam, n days after a moment (as Intl sees it, not the app). */
function amsterdamDate(at: Date, plusDays = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at)
    .reduce<Record<string, string>>((o, p) => ({ ...o, [p.type]: p.value }), {});
  const d = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + plusDays));
  return d.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD HH:MM" of a moment in Amsterdam. */
function amsterdamWall(at: Date): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return f.format(at).replace(',', '');
}

/** The first moment (to the minute, searching forward) whose Amsterdam wall clock reads `wall`. */
function momentOf(wall: string, from: Date): Date {
  let t = Math.floor(from.getTime() / 60_000) * 60_000;
  for (let i = 0; i < 4 * 24 * 60; i++, t += 60_000) if (amsterdamWall(new Date(t)) === wall) return new Date(t);
  throw new Error(`no moment for ${wall}`);
}

function person(id: string): TeamsUser {
  const u = wk.users.find((x) => x.id === id)!;
  return { tenantId: wk.tenant.id, aadObjectId: u.id, name: u.name, locale: 'nl-NL' };
}

/**
 * Events end to end through the real server and store: an organiser plans a workshop in the
 * tab, colleagues sign up in chat and in the tab, a full event keeps a waiting list, a
 * cancellation moves the first waiting colleague up and tells them, the day-before reminder
 * goes out once, and attendance completes the linked module with its source.
 */
describe('events: sign-up, waiting list, reminder and attendance', function () {
  this.timeout(120_000);
  const clock = new FakeClock(testNow());
  const running = withRunningApp({ clock, scheduler: false });
  let api: TabClient;
  const adminId = wk.tenant.programmeAdmins[0];
  const leaders = new Set(wk.teams.map((t) => t.leaderId));
  const employees = wk.users.filter(
    (u) => !u.coach && !leaders.has(u.id) && !wk.tenant.programmeAdmins.includes(u.id) && u.teamId,
  );
  const [first, second, third] = employees.map((u) => person(u.id));
  const coach = wk.users.find((u) => u.coach && !wk.tenant.programmeAdmins.includes(u.id))!;
  const chat = (u: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, u, () => running.app.settle());
  const token = (userId: string) => api.devToken(wk.tenant.id, userId);
  const date = amsterdamDate(testNow(), 2);
  let event: EventView;
  let moduleId: string;
  let walkIn: string;

  before(async () => {
    api = new TabClient(running.app.url);
    // The second colleague has a scan result: attendance then counts towards their advice.
    const c = chat(second);
    await c.say('scan');
    const begun = await c.tap('scan.begin', { profile: 'ondersteunend' });
    await finishScan(c, begun.card!);
    const modules = cardOf((await c.say('modules')).replies[0]);
    moduleId = String(actionData(modules, 'module.mark')!.module);
  });

  it('lets the programme admin plan a workshop in the tab, in Amsterdam time, linked to a module', async () => {
    const res = await api.post<EventView>('/api/v1/events', await token(adminId), {
      kind: 'workshop',
      title: 'Samenwerken in Teams',
      description: 'Bestanden delen en samen bewerken.',
      date,
      start: '14:00',
      end: '16:00',
      place: 'Gemeentehuis Zuidhorn, zaal 2',
      capacity: 1,
      moduleId,
    });
    assert.equal(res.status, 201, res.text);
    event = res.body;
    assert.deepEqual([event.date, event.start, event.end, event.timeZone], [date, '14:00', '16:00', ZONE]);
    assert.equal(event.spotsLeft, 1);
  });

  it('gives the first colleague the place from the chat card and puts the next on the waiting list from the tab', async () => {
    const c = chat(first);
    const list = cardOf((await c.say('activiteiten')).replies[0]);
    assertValidCard(list, 'events card');
    assert.match(cardText(list), /Samenwerken in Teams/);
    assert.deepEqual(actionData(list, 'event.signUp'), { verb: 'event.signUp', e: event.eventId });
    const signed = await c.tap('event.signUp', { e: event.eventId });
    assertValidCard(signed.card, 'after sign-up');
    assert.match(cardText(signed.card!), /Je bent aangemeld/);

    await chat(second).say('activiteiten');
    const waiting = await api.post<EventView>(
      `/api/v1/events/${event.eventId}/signup`,
      await token(second.aadObjectId),
    );
    assert.equal(waiting.status, 200, waiting.text);
    assert.equal(waiting.body.mine, 'waiting');
    assert.equal(waiting.body.waitingPosition, 1);
    const again = await api.post<EventView>(`/api/v1/events/${event.eventId}/signup`, await token(second.aadObjectId));
    assert.equal(again.body.waiting, 1, 'signing up twice changes nothing');
  });

  it('moves the first waiting colleague up when the place is given back in chat, and tells them in their chat', async () => {
    const waiter = chat(second);
    const since = running.conn.connector.activities(waiter.conversationId).length;
    const cancelled = await chat(first).tap('event.cancel', { e: event.eventId });
    assert.doesNotMatch(cardText(cancelled.card!), /Je bent aangemeld/);
    const [notice] = await running.conn.connector.waitFor(waiter.conversationId, 1, { since });
    const card = cardOf(notice);
    assertValidCard(card, 'promotion notice');
    assert.match(cardText(card), /Er is een plaats voor je vrij/);

    const mine = await api.get<EventsResponse>('/api/v1/me/events', await token(second.aadObjectId));
    assert.deepEqual(
      mine.body.events.map((e) => [e.eventId, e.mine]),
      [[event.eventId, 'confirmed']],
    );
    const none = await api.get<EventsResponse>('/api/v1/me/events', await token(first.aadObjectId));
    assert.deepEqual(none.body.events, []);
  });

  it('sends the reminder at 10:00 Amsterdam time the day before, exactly once, also after a restart', async () => {
    const waiter = chat(second);
    const dayBefore = amsterdamDate(new Date(`${date}T12:00:00Z`), -1);
    const due = momentOf(`${dayBefore} 10:00`, clock.now());
    const count = () =>
      running.conn.connector
        .activities(waiter.conversationId)
        .filter((a) => a.op === 'send' && /Morgen: Samenwerken/.test(JSON.stringify(a.activity))).length;

    clock.advance(due.getTime() - clock.now().getTime() - 60_000);
    assert.equal(await running.app.runEventReminders(), 0, 'a minute before 10:00 nothing goes out');
    clock.advance(2 * 60_000);
    assert.equal(await running.app.runEventReminders(), 1);
    await running.conn.connector.waitFor(waiter.conversationId, 1, { since: 0 });
    assert.equal(count(), 1);
    assert.equal(await running.app.runEventReminders(), 0, 'a second sweep sends nothing');
    await running.restart();
    api = new TabClient(running.app.url);
    clock.advance(HOUR);
    assert.equal(await running.app.runEventReminders(), 0, 'nor does a restarted server');
    assert.equal(count(), 1);
  });

  it('refuses sign-up and cancel once the event has begun, and changes nothing', async () => {
    const start = momentOf(`${date} 14:00`, clock.now());
    clock.advance(start.getTime() - clock.now().getTime() + 5 * 60_000);
    const late = await api.post(`/api/v1/events/${event.eventId}/signup`, await token(third.aadObjectId));
    assert.equal(late.status, 409);
    assert.match(String(late.body.message), /begonnen/);
    const gone = await api.call('DELETE', `/api/v1/events/${event.eventId}/signup`, {
      token: await token(second.aadObjectId),
    });
    assert.equal(gone.status, 409);
  });

  it('lets the organiser mark attendance, which completes the linked module as "aanwezig bij activiteit"', async () => {
    const before = await api.get<ParticipantsResponse>(
      `/api/v1/events/${event.eventId}/participants`,
      await token(adminId),
    );
    assert.deepEqual(
      before.body.participants.map((p) => [p.userId, p.status, p.attended]),
      [[second.aadObjectId, 'confirmed', false]],
    );
    const marked = await api.call<ParticipantsResponse>('PUT', `/api/v1/events/${event.eventId}/attendance`, {
      token: await token(adminId),
      body: { userId: second.aadObjectId, attended: true },
    });
    assert.equal(marked.status, 200, marked.text);
    assert.equal(marked.body.participants[0].attended, true);
    await running.app.settle();
    const modules = cardOf((await chat(second).say('modules')).replies[0]);
    assert.match(cardText(modules), /Afgerond ✓ \(aanwezig bij activiteit\)/);
    const progress = await running.app.store.containers.scans
      .item('modules', `${wk.tenant.id}|${second.aadObjectId}`)
      .read<{ modules: Record<string, { state: string; sources: string[] }> }>();
    assert.deepEqual(progress.resource?.modules[moduleId], {
      ...progress.resource?.modules[moduleId],
      state: 'finished',
      sources: ['event'],
    });
  });

  describe('who may do what in the tab', () => {
    it('refuses planning, participants and attendance to a colleague who is no organiser, and anything without a token', async () => {
      const employee = await token(third.aadObjectId);
      const body = {
        kind: 'webinar',
        title: 'X',
        date,
        start: '10:00',
        end: '11:00',
        onlineUrl: 'https://x.test/w',
        capacity: 5,
      };
      assert.equal((await api.post('/api/v1/events', employee, body)).status, 403);
      assert.equal((await api.get(`/api/v1/events/${event.eventId}/participants`, employee)).status, 403);
      const attend = await api.call('PUT', `/api/v1/events/${event.eventId}/attendance`, {
        token: employee,
        body: { userId: third.aadObjectId, attended: true },
      });
      assert.equal(attend.status, 403);
      assert.equal((await api.get('/api/v1/admin/event-organisers', employee)).status, 403);
      assert.equal((await api.get('/api/v1/events')).status, 401);
      assert.equal((await api.post('/api/v1/events', undefined, body)).status, 401);
    });

    it('lets the admin name a digicoach as organiser (never a colleague who is no coach), who may then plan events', async () => {
      const admin = await token(adminId);
      const refused = await api.call('PUT', '/api/v1/admin/event-organisers', {
        token: admin,
        body: { userIds: [third.aadObjectId] },
      });
      assert.equal(refused.status, 400);
      const named = await api.call('PUT', '/api/v1/admin/event-organisers', {
        token: admin,
        body: { userIds: [coach.id] },
      });
      assert.equal(named.status, 200, named.text);
      const nextWeek = amsterdamDate(clock.now(), 7);
      const planned = await api.post<EventView>('/api/v1/events', await token(coach.id), {
        kind: 'walk-in',
        title: 'Inloopspreekuur digicoach',
        date: nextWeek,
        start: '09:30',
        end: '11:00',
        place: 'Bibliotheek Leek',
        capacity: 10,
      });
      assert.equal(planned.status, 201, planned.text);
      walkIn = planned.body.eventId;
      // The coach manages their own events, not the admin's.
      const other = await api.get(`/api/v1/events/${event.eventId}/participants`, await token(coach.id));
      assert.equal(other.status, 403);
    });

    it('answers malformed plans with 400 and unknown events with 404, changing nothing', async () => {
      const admin = await token(adminId);
      const base = { kind: 'workshop', title: 'Y', date, start: '10:00', end: '11:00', place: 'Zaal', capacity: 3 };
      for (const bad of [
        { ...base, start: '25:00' },
        { ...base, end: '09:00' },
        { ...base, date: '2027-02-30' },
        { ...base, capacity: 0 },
        { ...base, place: '', onlineUrl: '' },
        { ...base, onlineUrl: 'javascript:alert(1)' },
        { ...base, moduleId: 'no-such-module' },
        { ...base, extra: true },
      ])
        assert.equal((await api.post('/api/v1/events', admin, bad)).status, 400, JSON.stringify(bad));
      const missing = await api.post('/api/v1/events/00000000-0000-4000-8000-000000000000/signup', admin);
      assert.equal(missing.status, 404);
    });
  });

  describe('an organiser edits an event', () => {
    it('saves only onto the version the form was loaded at, and more places move the waiting list up', async () => {
      const [fifth, sixth] = employees.slice(4).map((u) => person(u.id));
      const admin = await token(adminId);
      const plan = {
        kind: 'workshop',
        title: 'Outlook-agenda delen',
        date: amsterdamDate(clock.now(), 5),
        start: '10:00',
        end: '11:00',
        place: 'Zaal 1',
        capacity: 1,
      };
      const planned = await api.post<EventView>('/api/v1/events', admin, plan);
      assert.equal(planned.status, 201, planned.text);
      const id = planned.body.eventId;
      const waiter = chat(sixth);
      await waiter.say('activiteiten');
      for (const who of [fifth, sixth])
        assert.equal((await api.post(`/api/v1/events/${id}/signup`, await token(who.aadObjectId))).status, 200);
      const edit = (body: unknown, ifMatch?: string) =>
        fetch(`${running.app.url}/api/v1/events/${id}`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${admin}`,
            'content-type': 'application/json',
            'accept-language': 'nl-NL',
            ...(ifMatch ? { 'if-match': ifMatch } : {}),
          },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as EventView & { message?: string } }));

      assert.equal((await edit({ ...plan, capacity: 2 })).status, 428, 'an edit names the version it saw');
      const since = running.conn.connector.activities(waiter.conversationId).length;
      const saved = await edit({ ...plan, title: 'Agenda delen in Outlook', capacity: 2 }, planned.body.version);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual(
        [saved.body.title, saved.body.confirmed, saved.body.waiting, saved.body.spotsLeft],
        ['Agenda delen in Outlook', 2, 0, 0],
      );
      assert.notEqual(saved.body.version, planned.body.version);
      const [notice] = await running.conn.connector.waitFor(waiter.conversationId, 1, { since });
      assert.match(cardText(cardOf(notice)), /Er is een plaats voor je vrij/);

      const late = await edit({ ...plan, capacity: 5 }, planned.body.version);
      assert.equal(late.status, 412);
      assert.match(String(late.body.message), /net gewijzigd/);
      const fewer = await edit({ ...plan, capacity: 1 }, saved.body.version);
      assert.equal(fewer.status, 400);
      assert.match(String(fewer.body.message), /meer collega’s aangemeld/);
      const after = await api.get<EventsResponse>('/api/v1/events', admin);
      assert.equal(after.body.events.find((e) => e.eventId === id)?.capacity, 2, 'refused edits changed nothing');
    });
  });

  describe('erasure', () => {
    const stored = async (eventId: string) =>
      JSON.stringify(
        (await running.app.store.containers.schedule.item(`event:${eventId}`, wk.tenant.id).read()).resource,
      );

    it("gives a colleague's own download their places, waiting-list places and attendance; erasure leaves none of them", async () => {
      const [fourth] = employees.slice(3).map((u) => person(u.id));
      const small = await api.post<EventView>('/api/v1/events', await token(adminId), {
        kind: 'digicafe',
        title: 'Digicafé',
        date: amsterdamDate(clock.now(), 7),
        start: '15:00',
        end: '16:00',
        place: 'Kantine',
        capacity: 1,
      });
      assert.equal(small.status, 201, small.text);
      for (const who of [fourth, second])
        assert.equal(
          (await api.post(`/api/v1/events/${small.body.eventId}/signup`, await token(who.aadObjectId))).status,
          200,
        );

      const own = await token(second.aadObjectId);
      const file = await api.get<{ events: { signups: Array<Record<string, unknown>> } }>(
        '/api/v1/me/data/export',
        own,
      );
      assert.equal(file.status, 200, file.text);
      assert.deepEqual(
        file.body.events.signups.map((s) => [s.title, s.status, s.waitingPosition, s.attended]),
        [
          ['Samenwerken in Teams', 'confirmed', null, true],
          ['Digicafé', 'waiting', 1, null],
        ],
      );
      assert.doesNotMatch(JSON.stringify(file.body.events), new RegExp(fourth.aadObjectId), 'never a colleague');
      const overview = await api.get<{ eventSignups: number }>('/api/v1/me/data', own);
      assert.equal(overview.body.eventSignups, 2, '"Mijn gegevens" says they are kept');

      assert.equal((await api.post('/api/v1/me/data/delete', own, { confirm: 'yes' })).status, 200);
      for (const id of [event.eventId, small.body.eventId])
        assert.doesNotMatch(await stored(id), new RegExp(second.aadObjectId));
      assert.match(await stored(small.body.eventId), new RegExp(fourth.aadObjectId), 'the others keep their places');
    });

    it('takes an erased colleague off every event list (after the coach planned theirs)', async () => {
      const colleague = await token(third.aadObjectId);
      assert.equal((await api.post(`/api/v1/events/${walkIn}/signup`, colleague)).status, 200);
      const erased = await api.post('/api/v1/me/data/delete', colleague, { confirm: 'yes' });
      assert.equal(erased.status, 200, erased.text);
      const stored = await running.app.store.containers.schedule.item(`event:${walkIn}`, wk.tenant.id).read();
      assert.doesNotMatch(JSON.stringify(stored.resource), new RegExp(third.aadObjectId));
    });

    it("removes an erased organiser's name from the events they planned and from the organisers; the admin still manages them", async () => {
      const erased = await api.post('/api/v1/me/data/delete', await token(coach.id), { confirm: 'yes' });
      assert.equal(erased.status, 200, erased.text);
      assert.doesNotMatch(await stored(walkIn), new RegExp(coach.id));
      const organisers = await api.get<{ userIds: string[] }>('/api/v1/admin/event-organisers', await token(adminId));
      assert.deepEqual(organisers.body.userIds, []);
      const managed = await api.get(`/api/v1/events/${walkIn}/participants`, await token(adminId));
      assert.equal(managed.status, 200, managed.text);
    });
  });
});
