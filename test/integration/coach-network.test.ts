import assert from 'node:assert/strict';
import type { OutboundActivity } from '../../bot/dev/connector-emulator';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { demoSeeds } from '../helpers/demo';
import { actionData } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

const seed = demoSeeds[1];
const tenantId = seed.tenant.id;
const coordinator = seed.tenant.coordinatorId!;
const leaders = new Set(seed.teams.map((t) => t.leaderId));
const admins = new Set(seed.tenant.programmeAdmins);
const departmentOf = (userId: string) =>
  seed.teams.find((t) => t.id === seed.users.find((u) => u.id === userId)?.teamId)?.departmentId;
/** Colleagues of a department who are no coach, leader or admin yet. */
const plainPeople = (departmentId: string) =>
  seed.users.filter(
    (u) => !u.coach && !leaders.has(u.id) && !admins.has(u.id) && u.teamId && departmentOf(u.id) === departmentId,
  );
const asUser = (id: string, locale?: string): TeamsUser => {
  const p = seed.users.find((u) => u.id === id)!;
  return { tenantId, aadObjectId: p.id, name: p.name, locale: locale ?? p.preferredLocale ?? 'nl-NL' };
};
const userOf = (a: OutboundActivity) => /^a:1?dev-(.+)$/.exec(a.conversationId)?.[1] ?? null;

const OPENBARE_RUIMTE = 'wk-dep-openbare-ruimte';
const SOCIAAL = 'wk-dep-sociaal';
const [registrant, contact, requester, refused] = plainPeople(OPENBARE_RUIMTE);
const [sociaalCoach, sociaalContact, sociaalRequester] = plainPeople(SOCIAAL);

const registration = {
  domains: 'communication,devices',
  maxOpenTickets: '2',
  weeklyCapacity: '3',
  days: '1,2,3,4,5',
  start: '08:00',
  end: '17:00',
  takesIntakes: 'false',
};

/**
 * The coach network that keeps itself going: approval of new coaches (by the coordinator or
 * the department's contact person, a setting switches it off), contact persons who hear of
 * their department's escalations first, "wie is mijn digicoach", and the coordinator's load view.
 */
describe('the digicoach network: approval, contact persons, my digicoach and coach load', function () {
  this.timeout(120_000);
  const clock = new FakeClock(TUESDAY_MORNING);
  const running = withRunningApp({
    clock,
    scheduler: false,
    env: { HELP_OFFER_TIMEOUT_SECONDS: '600', HELP_MAX_OFFERS: '3' },
  });
  const as = (user: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user, () => running.app.settle());
  let api: TabClient;
  const token = (userId: string) => api.devToken(tenantId, userId);
  const since = () => running.conn.connector.activities().length;
  const to = (userId: string, from: number) =>
    running.conn.connector
      .activities()
      .slice(from)
      .filter((a) => userOf(a) === userId);
  const coachDoc = async (userId: string) =>
    (await running.app.store.containers.tickets.item(`coach:${userId}`, tenantId).read<Record<string, unknown>>())
      .resource!;

  async function register(userId: string) {
    const c = as(asUser(userId));
    await c.say('word digicoach');
    const res = await c.tap('help.register', registration);
    assertValidCard(res.card!, 'registration answer');
    return cardText(res.card!);
  }

  /** Every coach of the tenant but `except` switched off, so routing has one choice or none. */
  async function onlyAvailable(except: string[]) {
    const { tickets } = running.app.store.containers;
    const { resources } = await tickets.items
      .query<
        Record<string, unknown>
      >({ query: "SELECT * FROM c WHERE c.docType = 'coach'" }, { partitionKey: tenantId })
      .fetchAll();
    for (const c of resources) await tickets.items.upsert({ ...c, available: except.includes(String(c.userId)) });
  }

  async function ask(userId: string, question: string) {
    const c = as(asUser(userId));
    await c.say('hulp');
    const mark = since();
    const res = await c.tap('help.submit', {
      kind: 'help',
      topic: 'communication',
      question,
      urgency: 'today',
      channel: 'chat',
      where: 'Gemeentehuis',
    });
    // The turn answers "sent" first; routing follows after it and brings the requester's card up to date in place.
    await running.app.settle();
    const update = to(userId, mark)
      .filter((a) => a.op === 'update')
      .at(-1);
    return { c, status: update ? cardOf(update) : res.card!, mark };
  }

  /** A settings change as the admin's panel sends it: with the version it loaded (If-Match). */
  async function settings(change: Record<string, unknown>) {
    const admin = await token(coordinator);
    const seen = await api.get<{ version: string }>('/api/v1/admin/settings', admin);
    const put = await fetch(`${running.app.url}/api/v1/admin/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'if-match': seen.body.version },
      body: JSON.stringify(change),
    });
    assert.equal(put.status, 200, await put.text());
  }

  before(() => {
    api = new TabClient(running.app.url);
  });

  it('keeps a new registration waiting (no offers) until the coordinator approves it, then tells the coach', async () => {
    const mark = since();
    assert.match(await register(sociaalCoach.id), /wacht op goedkeuring/);
    assert.deepEqual(
      ((await coachDoc(sociaalCoach.id)).approval as { state: string }).state,
      'pending',
      'stored as pending',
    );
    // Sociaal has no contact person: the coordinator is asked, with buttons to decide.
    const asked = to(coordinator, mark).filter((a) => cardVerbs(cardOf(a)).includes('coach.decide'));
    assert.equal(asked.length, 1, 'one approval card to the coordinator');
    assertValidCard(cardOf(asked[0]), 'approval card');
    assert.match(cardText(cardOf(asked[0])), new RegExp(sociaalCoach.name));

    // Waiting: the only available coach of the tenant is the pending one, and gets no offer.
    await onlyAvailable([sociaalCoach.id]);
    const first = await ask(sociaalRequester.id, 'Hoe deel ik mijn scherm in Teams?');
    assert.equal(
      to(sociaalCoach.id, first.mark).filter((a) => cardVerbs(cardOf(a)).includes('help.decline')).length,
      0,
      'no offer to a coach waiting for approval',
    );
    assert.match(cardText(first.status), /We zoeken nog/);

    const admin = await token(coordinator);
    const employee = await token(requester.id);
    assert.equal((await api.post(`/api/v1/coaches/${sociaalCoach.id}/approve`, employee)).status, 403);
    const beforeApproval = since();
    const approved = await api.post<{ approval: string }>(`/api/v1/coaches/${sociaalCoach.id}/approve`, admin);
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.body.approval, 'approved');
    await running.app.settle();
    const told = to(sociaalCoach.id, beforeApproval).filter((a) => a.op === 'send');
    assert.equal(told.length, 1, 'the coach hears the outcome');
    assertValidCard(cardOf(told[0]), 'decided card');
    assert.match(cardText(cardOf(told[0])), /Je bent digicoach/);
    assert.equal((await api.post(`/api/v1/coaches/${sociaalCoach.id}/approve`, admin)).status, 409, 'decided once');
    const audit = await api.get<{ entries: Array<{ action: string; targetUserId?: string }> }>(
      '/api/v1/admin/audit',
      admin,
    );
    assert.ok(audit.body.entries.some((e) => e.action === 'coach.approved' && e.targetUserId === sociaalCoach.id));

    // Approved: the next question is offered to them, and accepting counts in their week.
    const second = await ask(sociaalRequester.id, 'Hoe zet ik mijn camera aan in Teams?');
    const offer = to(sociaalCoach.id, second.mark).find((a) => cardVerbs(cardOf(a)).includes('help.decline'));
    assert.ok(offer, 'an offer now');
    const accepted = await as(asUser(sociaalCoach.id)).tap('help.accept', actionData(cardOf(offer), 'help.accept')!);
    assertValidCard(accepted.card!, 'assigned');
  });

  it('makes a registration active at once when the admin switched approval off, and audits the switch', async () => {
    await settings({ coachApproval: false });
    const mark = since();
    assert.match(await register(refused.id), /Dank je wel, digicoach/);
    assert.equal((await coachDoc(refused.id)).approval, undefined, 'approved: no approval step');
    assert.equal(
      to(coordinator, mark).filter((a) => cardVerbs(cardOf(a)).includes('coach.decide')).length,
      0,
      'nobody is asked',
    );
    const audit = await api.get<{ entries: Array<{ action: string; changes?: Array<{ field: string }> }> }>(
      '/api/v1/admin/audit',
      await token(coordinator),
    );
    assert.ok(
      audit.body.entries.some(
        (e) => e.action === 'settings.changed' && e.changes?.some((c) => c.field === 'coachApproval'),
      ),
    );
    await settings({ coachApproval: true });
    // The coach removed again, so the rest of this story starts from the demo's coaches.
    await running.app.store.containers.tickets.item(`coach:${refused.id}`, tenantId).delete();
  });

  it('lets the admin name contact persons, who approve or reject only their own department’s coaches', async () => {
    const admin = await token(coordinator);
    const employee = await token(requester.id);
    assert.equal(
      (
        await api.call('PUT', `/api/v1/admin/contacts/${OPENBARE_RUIMTE}`, {
          token: employee,
          body: { userIds: [contact.id] },
        })
      ).status,
      403,
    );
    const named = await api.call('PUT', `/api/v1/admin/contacts/${OPENBARE_RUIMTE}`, {
      token: admin,
      body: { userIds: [contact.id] },
    });
    assert.equal(named.status, 200, named.text);
    assert.equal(
      (
        await api.call('PUT', `/api/v1/admin/contacts/${SOCIAAL}`, {
          token: admin,
          body: { userIds: [sociaalContact.id] },
        })
      ).status,
      200,
    );
    assert.equal(
      (
        await api.call('PUT', `/api/v1/admin/contacts/${SOCIAAL}`, {
          token: admin,
          body: { userIds: ['nobody-known'] },
        })
      ).status,
      400,
      'only people of the directory',
    );
    const me = await api.get<{ roles: string[] }>('/api/v1/me', await token(contact.id));
    assert.ok(me.body.roles.includes('contact'));

    const mark = since();
    assert.match(await register(registrant.id), /wacht op goedkeuring/);
    await register(refused.id);
    const cards = to(contact.id, mark).filter((a) => cardVerbs(cardOf(a)).includes('coach.decide'));
    assert.equal(cards.length, 2, 'the contact person is asked for both');
    assert.equal(
      to(coordinator, mark).filter((a) => cardVerbs(cardOf(a)).includes('coach.decide')).length,
      0,
      'not the coordinator',
    );

    const otherContact = await token(sociaalContact.id);
    assert.equal((await api.post(`/api/v1/coaches/${registrant.id}/approve`, otherContact)).status, 403);
    assert.equal((await api.get('/api/v1/coaches/pending', employee)).status, 403);
    const theirs = await api.get<{ pending: Array<{ userId: string }> }>('/api/v1/coaches/pending', otherContact);
    assert.deepEqual(theirs.body.pending, [], 'another department sees none of these');
    const pending = await api.get<{ pending: Array<{ userId: string }> }>(
      '/api/v1/coaches/pending',
      await token(contact.id),
    );
    assert.deepEqual(pending.body.pending.map((p) => p.userId).sort(), [registrant.id, refused.id].sort());

    // In chat, from the card: approve one, reject the other.
    const c = as(asUser(contact.id));
    const yes = await c.tap('coach.decide', { u: registrant.id, ok: true });
    assertValidCard(yes.card!, 'decision done');
    assert.match(cardText(yes.card!), /is goedgekeurd/);
    const no = await c.tap('coach.decide', { u: refused.id, ok: false });
    assert.match(cardText(no.card!), /afgewezen/);
    const again = await c.tap('coach.decide', { u: refused.id, ok: true });
    assert.match(cardText(again.card!), /al afgehandeld/, 'a second decision changes nothing');
    assert.equal(((await coachDoc(refused.id)).approval as { state: string }).state, 'rejected');
    await running.app.settle();
    assert.ok(to(refused.id, mark).some((a) => /niet goedgekeurd/.test(cardText(cardOf(a)))));
  });

  it('shows a contact person their own department’s coaches and figures, and nobody else', async () => {
    const res = await api.get<{
      departments: Array<{
        id: string;
        coaches: Array<{ userId: string; name: string; approval: string; thisWeek: number }>;
        ratio: { coaches: number; employeesPerCoach: number | null };
      }>;
    }>('/api/v1/contact/departments', await token(contact.id));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.departments.map((d) => d.id),
      [OPENBARE_RUIMTE],
    );
    const rows = res.body.departments[0].coaches;
    assert.equal(rows.find((r) => r.userId === registrant.id)?.approval, 'approved');
    assert.equal(rows.find((r) => r.userId === refused.id)?.approval, 'rejected');
    assert.ok(
      rows.every((r) => r.name),
      'coaches by name: a public role',
    );
    assert.equal(res.body.departments[0].ratio.coaches, rows.filter((r) => r.approval === 'approved').length);
    assert.doesNotMatch(JSON.stringify(res.body), /question|email/i, 'no questions or addresses');
    assert.equal((await api.get('/api/v1/contact/departments', await token(requester.id))).status, 403);
    assert.equal((await api.get('/api/v1/admin/coach-load', await token(contact.id))).status, 403);
  });

  it('tells the department’s contact person of an escalation first, and the coordinator only after one offer time', async () => {
    await onlyAvailable([]);
    const { mark } = await ask(requester.id, 'Mijn Outlook-agenda doet het niet');
    await running.app.settle();
    const toContact = to(contact.id, mark).filter((a) => a.op === 'send');
    assert.equal(toContact.length, 1, 'the contact person is told at once');
    assertValidCard(cardOf(toContact[0]), 'contact escalation');
    assert.match(cardText(cardOf(toContact[0])), /Een vraag uit je afdeling wacht/);
    assert.equal(to(coordinator, mark).length, 0, 'the coordinator not yet');

    clock.advance(599_000);
    await running.app.runDueTimers();
    assert.equal(to(coordinator, mark).length, 0, 'not before the offer time is over');
    clock.advance(2_000);
    assert.equal(await running.app.runDueTimers(), 1);
    await running.app.settle();
    const toCoordinator = to(coordinator, mark);
    assert.equal(toCoordinator.length, 1, 'then the coordinator, once');
    assert.match(cardText(cardOf(toCoordinator[0])), /Niemand pakt deze vraag op|wachten op een digicoach/);
    clock.advance(601_000);
    await running.app.runDueTimers();
    assert.equal(to(coordinator, mark).length, 1, 'and only once');
  });

  it('answers "wie is mijn digicoach" with the approved coaches of the team and department, with a chat link', async () => {
    const res = await as(asUser(requester.id)).say('wie is mijn digicoach');
    const card = cardOf(res.replies[0]);
    assertValidCard(card, 'my digicoaches');
    const text = cardText(card);
    assert.match(text, /Jouw digicoaches/);
    assert.match(text, new RegExp(registrant.name), 'the newly approved coach of the department');
    assert.doesNotMatch(text, new RegExp(refused.name), 'not a rejected registration');
    assert.match(text, new RegExp(`Aanspreekpunt.*${contact.name}`));
    assert.match(JSON.stringify(card), /https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=/);
  });

  it('answers "my digicoach" in English, and says what to do when there is no coach nearby', async () => {
    const newcomer: TeamsUser = {
      tenantId,
      aadObjectId: '00000000-0000-4000-8000-00000000c0ac',
      name: 'New Colleague',
      locale: 'en-US',
    };
    const en = cardOf((await as(newcomer).say('my digicoach')).replies[0]);
    assertValidCard(en, 'empty, en');
    assert.match(cardText(en), /No digicoach nearby yet.*type \*\*help\*\*/s);
    assert.ok(cardVerbs(en).includes('help.start'));
    const nl = cardOf((await as({ ...newcomer, locale: 'nl-NL' }).say('wie is mijn digicoach?')).replies[0]);
    assert.match(cardText(nl), /Nog geen digicoach.*typ \*\*hulp\*\*/s);
    const english = seed.users.find((u) => u.preferredLocale?.startsWith('en') && u.teamId)!;
    const known = cardOf((await as(asUser(english.id)).say('my digicoach')).replies[0]);
    assertValidCard(known, 'known, en');
    assert.match(cardText(known), /Your digicoaches|No digicoach nearby yet/);
  });

  it('gives the coordinator the coaches’ load against the 1–3 norm and their capacity, and the ratio per department', async () => {
    assert.equal((await api.get('/api/v1/admin/coach-load', await token(requester.id))).status, 403);
    await settings({ employeesPerCoach: 10 });
    const res = await api.get<{
      norm: { min: number; max: number };
      employeesPerCoach: number;
      aboveCapacity: number;
      coaches: Array<{ userId: string; thisWeek: number; weeklyCapacity: number; atCapacity: boolean; norm: string }>;
      ratios: Array<{
        departmentId: string;
        coaches: number;
        employeesPerCoach: number | null;
        coachesNeeded: number | null;
      }>;
    }>('/api/v1/admin/coach-load', await token(coordinator));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.norm, { min: 1, max: 3 });
    assert.equal(res.body.employeesPerCoach, 10);
    const mine = res.body.coaches.find((c) => c.userId === sociaalCoach.id)!;
    assert.equal(mine.thisWeek, 1, 'the question accepted this week');
    assert.equal(mine.weeklyCapacity, 3);
    assert.equal(mine.atCapacity, false);
    assert.ok(!res.body.coaches.some((c) => c.userId === refused.id), 'no rejected registrations');
    const sociaal = res.body.ratios.find((r) => r.departmentId === SOCIAAL)!;
    assert.ok(sociaal.coaches >= 1);
    // A department whose size is not shown shows no ratio either (the size would follow from it).
    for (const r of res.body.ratios) if (r.coachesNeeded === null) assert.equal(r.employeesPerCoach, null);
  });
});
