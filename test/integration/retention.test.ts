import assert from 'node:assert/strict';
import { RetentionJob } from '../../bot/domain/privacy/retention';
import { createLogger } from '../../bot/logger';
import { CosmosRetentionLeases, CosmosRetentionStore } from '../../bot/storage/cosmos-retention';
import { withRunningApp } from '../helpers/app';
import { cardText } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { askForHelp, helpAndRate } from '../helpers/help-driver';
import { answerOptions, finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

const [gent] = demoSeeds;
const DAY = 24 * 3600_000;

function person(userId: string): TeamsUser {
  const p = gent.users.find((u) => u.id === userId)!;
  return { tenantId: gent.tenant.id, aadObjectId: p.id, name: p.name, locale: p.preferredLocale ?? 'nl-NL' };
}

/**
 * The daily retention job on the real store, driven by a fake clock: answer details older
 * than the tenant's period go, levels, advice, profiles, timings and aggregates stay; it
 * runs once a day per tenant, also with two server instances.
 */
describe('retention of answer details', function () {
  this.timeout(120_000);
  let api: TabClient;
  const clock = new FakeClock(TUESDAY_MORNING);
  const employee = demoUser('employee');
  const leader = demoUser('leader');
  const teamMates = gent.users.filter(
    (u) =>
      u.teamId === employee.teamId &&
      u.id !== employee.aadObjectId &&
      !u.coach &&
      !gent.tenant.programmeAdmins.includes(u.id),
  );
  const paused = person(teamMates[0].id);
  const recent = person(teamMates[1].id);
  const adminId = gent.tenant.programmeAdmins[0];
  const as = (user: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user, () => running.app.settle());
  const key = (userId: string) => `${gent.tenant.id}|${userId}`;
  const read = async (container: 'scans' | 'tickets', id: string, pk: string) =>
    (await running.app.store.containers[container].item(id, pk).read()).resource;
  let ticketId = '';
  let resultId = '';
  let profileBefore: unknown;

  const running = withRunningApp({ clock, scheduler: false });
  before(async () => {
    api = new TabClient(running.app.url);
    // November: a finished scan, a scan paused after one answer, a leader's leadership scan, a closed help request.
    const c = as(employee);
    await c.say('scan');
    await finishScan(c, (await c.tap('scan.begin', { profile: 'klantcontact' })).card!);
    const p = as(paused);
    await p.say('scan');
    const first = (await p.tap('scan.begin', { profile: 'klantcontact' })).card!;
    await p.tap('scan.answer', answerOptions(first)[0]);
    const lt = await api.devToken(gent.tenant.id, leader.aadObjectId);
    const state = await api.get<{ items: Array<{ id: string }> }>('/api/v1/leadership', lt);
    await api.post('/api/v1/leadership/answers', lt, {
      answers: Object.fromEntries(state.body.items.map((i, n) => [i.id, (n % 5) + 1])),
    });
    profileBefore = (await api.get<{ profile: unknown }>('/api/v1/leadership/result', lt)).body.profile;
    const asked = await askForHelp(c, 'Hoe deel ik mijn agenda?', 'Thuis');
    ticketId = asked.ticketId;
    await helpAndRate(c, as(person(asked.coachId)), asked.offer, clock, {
      minutes: 5,
      rating: 5,
      comment: 'Snel geholpen',
    });
    await running.app.settle();
    resultId = (
      await running.app.store.containers.scans.items
        .query({
          query: "SELECT c.id FROM c WHERE c.userKey = @k AND c.docType = 'result'",
          parameters: [{ name: '@k', value: key(employee.aadObjectId) }],
        })
        .fetchAll()
    ).resources[0].id;
    // The programme admin sets a retention period of 6 months.
    const at = await api.devToken(gent.tenant.id, adminId);
    const { version } = (await api.get<{ version: string }>('/api/v1/admin/settings', at)).body;
    const set = await fetch(`${running.app.url}/api/v1/admin/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${at}`, 'content-type': 'application/json', 'if-match': version },
      body: JSON.stringify({ retentionMonths: 6 }),
    });
    assert.equal(set.status, 200);
  });

  it('keeps everything younger than the period', async () => {
    clock.advance(150 * DAY); // late April: less than 6 months
    const done = await running.app.runRetention();
    assert.deepEqual(done.get(gent.tenant.id), { result: 0, session: 0, leadership: 0, ticket: 0 });
    assert.ok((await read('scans', resultId, key(employee.aadObjectId))).answers.length > 5);
  });

  it('removes answer details older than the period and keeps levels, advice, the leader’s profile, timings and aggregates', async () => {
    clock.advance(40 * DAY); // early June: more than 6 months after November
    const r = as(recent);
    await r.say('scan');
    await finishScan(r, (await r.tap('scan.begin', { profile: 'klantcontact' })).card!);
    await running.app.settle();
    const aggregates = async () =>
      (
        await running.app.store.containers.aggregates.items.query('SELECT c.id, c._etag FROM c').fetchAll()
      ).resources.sort((a, b) => a.id.localeCompare(b.id));
    const aggregatesBefore = await aggregates();
    const resultBefore = await read('scans', resultId, key(employee.aadObjectId));
    const ticketBefore = await read('tickets', `ticket:${ticketId}`, gent.tenant.id);

    clock.advance(DAY);
    const done = await running.app.runRetention();
    assert.deepEqual(done.get(gent.tenant.id), { result: 1, session: 2, leadership: 1, ticket: 1 });
    assert.equal(done.has(demoSeeds[1].tenant.id), false, 'a tenant without a retention period is left alone');

    const result = await read('scans', resultId, key(employee.aadObjectId));
    assert.deepEqual(result.answers, []);
    assert.ok(result.answersRemovedAt);
    for (const field of [
      'levels',
      'targets',
      'focusDomains',
      'adviceModuleIds',
      'completedAt',
      'itemsAsked',
      'intakeOffered',
    ])
      assert.deepEqual(result[field], resultBefore[field], field);
    assert.match(
      cardText(cardOf((await as(employee).say('resultaat')).replies[0])),
      /Jouw uitslag|uitslag/i,
      'the owner still sees their result',
    );

    const session = await read('scans', 'session', key(employee.aadObjectId));
    assert.deepEqual(session.answers, [], 'the completed session’s copy of the answers goes too');
    assert.equal(
      await read('scans', 'session', key(paused.aadObjectId)),
      undefined,
      'an unfinished scan older than the period is removed',
    );
    assert.ok(
      (await read('scans', 'session', key(recent.aadObjectId))).answers.length > 5,
      'a recent scan keeps its answers',
    );

    const leadership = await read('scans', 'leadership', key(leader.aadObjectId));
    assert.deepEqual(leadership.answers, {});
    const lt = await api.devToken(gent.tenant.id, leader.aadObjectId);
    const after = await api.get<{ profile: unknown }>('/api/v1/leadership/result', lt);
    assert.equal(after.status, 200);
    assert.deepEqual(after.body.profile, profileBefore, 'the leader’s profile stays readable');

    const ticket = await read('tickets', `ticket:${ticketId}`, gent.tenant.id);
    assert.equal(ticket.question, '—');
    assert.equal(ticket.where, '—');
    assert.equal(ticket.comment, undefined);
    assert.deepEqual(ticket.events, ticketBefore.events);
    assert.equal(ticket.outcome, 'solved');
    assert.equal(ticket.rating, 5);

    assert.deepEqual(await aggregates(), aggregatesBefore, 'aggregates untouched');

    const audit = await api.get<{
      entries: Array<{ action: string; actorId: string; changes: Array<{ field: string; to: unknown }> }>;
    }>('/api/v1/admin/audit', await api.devToken(gent.tenant.id, adminId));
    const applied = audit.body.entries.find((e) => e.action === 'retention.applied')!;
    assert.equal(applied.actorId, 'system');
    assert.deepEqual(applied.changes, [
      { field: 'retentionMonths', to: 6 },
      { field: 'result', to: 1 },
      { field: 'session', to: 2 },
      { field: 'leadership', to: 1 },
      { field: 'ticket', to: 1 },
    ]);
  });

  it('runs once a day per tenant: again the same day does nothing; the next day finds nothing left', async () => {
    assert.equal((await running.app.runRetention()).size, 0, 'the same day: already done');
    clock.advance(DAY);
    assert.deepEqual((await running.app.runRetention()).get(gent.tenant.id), {
      result: 0,
      session: 0,
      leadership: 0,
      ticket: 0,
    });
  });

  it('with two server instances sweeping at once, one of them runs the tenant', async () => {
    clock.advance(DAY);
    const log = createLogger('silent');
    const job = (owner: string) =>
      new RetentionJob({
        store: new CosmosRetentionStore(running.app.store.containers),
        leases: new CosmosRetentionLeases(running.app.store.containers.schedule),
        scoreLeadership: () => [],
        clock,
        log,
        owner,
      });
    const [a, b] = await Promise.all([job('instance-a').runDue(), job('instance-b').runDue()]);
    assert.equal(Number(a.has(gent.tenant.id)) + Number(b.has(gent.tenant.id)), 1);
  });

  it('a crashed instance’s lease runs out and another one takes the day', async () => {
    clock.advance(DAY);
    const leases = new CosmosRetentionLeases(running.app.store.containers.schedule);
    const day = clock.now().toISOString().slice(0, 10);
    assert.equal(
      await leases.claim(gent.tenant.id, day, 'crashed', new Date(clock.now().getTime() + 60_000), clock.now()),
      true,
    );
    assert.equal((await running.app.runRetention()).size, 0, 'the lease is held');
    clock.advance(2 * 60_000);
    assert.ok((await running.app.runRetention()).has(gent.tenant.id), 'after the lease ran out');
  });
});
