import assert from 'node:assert/strict';
import type { OutboundActivity } from '../../bot/dev/connector-emulator';
import { startConnector, startTestApp, tempDir, withRunningApp, type RunningApp } from '../helpers/app';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { actionData } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';

type Conn = RunningApp['conn'];

/**
 * The user a 1:1 conversation belongs to: `a:1dev-<id>` for chats the test client
 * opened, `a:dev-<id>` for chats the bot created through the connector.
 */
function userOf(a: OutboundActivity): string | null {
  const m = /^a:1?dev-(.+)$/.exec(a.conversationId);
  return m ? m[1] : null;
}

function personAsUser(tenantIndex: number, userId: string): TeamsUser {
  const seed = demoSeeds[tenantIndex];
  const p = seed.users.find((u) => u.id === userId)!;
  return { tenantId: seed.tenant.id, aadObjectId: p.id, name: p.name, locale: p.preferredLocale ?? 'nl-NL' };
}

/** Whoever got an offer card since `since`: [coachId, card]. */
function offeredCoach(conn: Conn, since: number): [string, Record<string, unknown>] {
  const offers = conn.connector
    .activities()
    .slice(since)
    .filter((a) => a.op === 'send' && userOf(a) && cardVerbs(cardOf(a)).includes('help.decline'));
  assert.equal(offers.length, 1, `exactly one coach is offered the ticket at a time (got ${offers.length})`);
  return [userOf(offers[0])!, cardOf(offers[0])];
}

describe('help from the nearest digicoach', () => {
  const clock = new FakeClock(TUESDAY_MORNING);
  const as = (user: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user, () => running.app.settle());

  const running = withRunningApp({
    clock,
    scheduler: false,
    env: { HELP_OFFER_TIMEOUT_SECONDS: '600', HELP_MAX_OFFERS: '3' },
  });

  async function ask(requester: TeamsUser, question = 'Hoe deel ik een bestand met een collega?') {
    const c = as(requester);
    const form = cardOf((await c.say('hulp')).replies[0]);
    assertValidCard(form, 'help form');
    assert.ok(
      actionData(form, 'knowledge.ask'),
      'the form asks the knowledge base first; this test goes straight to a person',
    );
    const since = running.conn.connector.activities().length;
    const res = await c.tap('help.submit', {
      kind: 'help', // straight to a person; the form's own button (knowledge.ask) asks the knowledge base first
      topic: 'communication',
      question,
      urgency: 'today',
      channel: 'chat',
      where: 'Gemeentehuis',
    });
    return { c, status: res.card!, since };
  }

  it('routes a question to one coach, moves on when they decline, and tells the requester who helps when the next accepts', async () => {
    const requester = demoUser('employee');
    const { c, status, since } = await ask(requester);
    assertValidCard(status, 'status');
    assert.match(cardText(status), /zoeken een digicoach/i);

    const [first, offer1] = offeredCoach(running.conn, since);
    assertValidCard(offer1, 'offer');
    assert.match(cardText(offer1), /Hoe deel ik een bestand/);
    assert.notEqual(first, requester.aadObjectId);
    assert.doesNotMatch(
      cardText(status),
      new RegExp(personAsUser(0, first).name),
      'the requester is not told who is merely offered the question',
    );

    const coach1 = as(personAsUser(0, first));
    const beforeDecline = running.conn.connector.activities().length;
    const declined = await coach1.tap('help.decline', {
      ...actionData(offer1, 'help.decline')!,
      reason: 'Ik zit in een overleg',
    });
    assert.match(cardText(declined.card!), /afgeslagen/);
    const [second, offer2] = offeredCoach(running.conn, beforeDecline);
    assert.notEqual(second, first, 'a coach who declined is not asked again');

    const coach2 = as(personAsUser(0, second));
    const before = running.conn.connector.activities().length;
    const accepted = await coach2.tap('help.accept', actionData(offer2, 'help.accept')!);
    assertValidCard(accepted.card!, 'assigned');
    assert.ok(cardVerbs(accepted.card!).includes('help.resolve'));
    const told = running.conn.connector
      .activities()
      .slice(before)
      .filter((a) => a.conversationId === c.conversationId);
    assert.ok(told.length >= 1, 'the requester hears about the acceptance');
    const latest = cardOf(told.filter((a) => a.op === 'send').at(-1) ?? told.at(-1));
    assert.match(cardText(latest), new RegExp(personAsUser(0, second).name.split(' ')[0]));
    assert.match(
      JSON.stringify(latest),
      /teams\.microsoft\.com\/l\/chat\/0\/0\?users=/,
      'a one-tap chat link with the coach',
    );

    clock.advance(7 * 60_000);
    const resolved = await coach2.tap('help.resolve', {
      ...actionData(accepted.card!, 'help.resolve')!,
      outcome: 'solved',
      minutes: '12',
    });
    assert.match(cardText(resolved.card!), /Afgerond|dank/i);
    const rating = cardOf(
      running.conn.connector
        .activities()
        .filter((a) => a.conversationId === c.conversationId && a.op === 'send')
        .at(-1),
    );
    assertValidCard(rating, 'rating');
    const rated = await c.tap('help.rate', { ...actionData(rating, 'help.rate')!, rating: '5', comment: 'Top!' });
    assert.equal(rated.status, 200);
    // The status card already says "Je vraag is afgerond": the rating card turns into a short thanks, not a second copy.
    assert.match(cardText(rated.card!), /Bedankt voor je beoordeling/);
    assert.doesNotMatch(cardText(rated.card!), /afgerond|Vraag:/);

    const mine = cardOf((await c.say('mijn tickets')).replies[0]);
    assertValidCard(mine, 'my tickets');
    assert.match(cardText(mine), /Hoe deel ik een bestand/);
    const coachView = cardOf((await coach2.say('mijn tickets')).replies[0]);
    assert.match(cardText(coachView), /7 min/);

    const ticketId = String(actionData(offer2, 'help.accept')!.t);
    const { resource } = await running.app.store.containers.tickets
      .item(`ticket:${ticketId}`, requester.tenantId)
      .read();
    assert.deepEqual(
      resource.events.map((e: { type: string }) => e.type),
      ['created', 'offered', 'declined', 'offered', 'accepted', 'resolved', 'rated'],
    );
    assert.ok(resource.events.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at))));
    assert.ok(resource.events[1].reasons.length > 0, 'why the coach was chosen is stored');
  });

  it('withdraws an offer nobody answers in time, offers the next coach, and escalates after three offers', async () => {
    const requester = demoUser('employee', 1);
    const { c, since } = await ask(requester, 'Mijn loonstrook opent niet');
    const [first] = offeredCoach(running.conn, since);
    const offered = new Set([first]);
    let mark = running.conn.connector.activities().length;
    for (let i = 0; i < 2; i++) {
      clock.advance(10 * 60_000 + 1000);
      assert.equal(await running.app.runDueTimers(), 1);
      const [next] = offeredCoach(running.conn, mark);
      assert.ok(!offered.has(next), 'a coach who timed out is not asked again');
      offered.add(next);
      mark = running.conn.connector.activities().length;
    }
    const updates = running.conn.connector.activities().filter((a) => a.op === 'update' && userOf(a) === first);
    assert.ok(
      updates.some((u) => /verlopen/i.test(cardText(cardOf(u)))),
      "the first coach's card says the offer expired",
    );

    clock.advance(10 * 60_000 + 1000);
    await running.app.runDueTimers();
    const escalations = running.conn.connector
      .activities()
      .slice(mark)
      .filter((a) => a.op === 'send' && userOf(a) && userOf(a) !== requester.aadObjectId);
    assert.ok(escalations.length >= 1, 'the coach pool and the coordinator are told');
    const coordinator = demoSeeds[1].tenant.coordinatorId;
    assert.ok(
      escalations.some((a) => userOf(a) === coordinator),
      'the programme coordinator is told',
    );
    const requesterNews = running.conn.connector
      .activities()
      .filter((a) => a.conversationId === c.conversationId)
      .at(-1);
    assert.match(cardText(cardOf(requesterNews)), /coördinator|lukt nog niet/i, 'the requester is told honestly');
    const toldByTimer = running.conn.connector
      .activities()
      .slice(mark)
      .filter((a) => a.conversationId === c.conversationId && a.op === 'send');
    assert.equal(toldByTimer.length, 1, 'an escalation after a time-out reaches the requester as one new message');
    assert.match(cardText(cardOf(toldByTimer[0])), /We zoeken nog/);

    // Two coaches from the pool click "Ik pak hem op" at the same moment: exactly one gets it.
    const poolMessages = escalations.filter((a) => cardVerbs(cardOf(a)).includes('help.accept'));
    assert.ok(poolMessages.length >= 2, `the department's coach pool is told (${poolMessages.length})`);
    const results = await Promise.all(
      poolMessages
        .slice(0, 2)
        .map((m) => as(personAsUser(1, userOf(m)!)).tap('help.accept', actionData(cardOf(m), 'help.accept')!)),
    );
    const winners = results.filter((r) => cardVerbs(r.card!).includes('help.resolve'));
    assert.equal(winners.length, 1, 'exactly one coach wins');
    // Either of the two may lose the race, and one of them reads English.
    assert.match(cardText(results.find((r) => !winners.includes(r))!.card!), /al afgehandeld|handled already/i);
  });

  it('tells the requester with a new message that we are still looking when the last offered coach declines', async () => {
    const requester = demoUser('employee');
    const { c, status, since } = await ask(requester, 'Hoe zet ik mijn afwezigheidsbericht aan?');
    assert.match(cardText(status), /zoeken een digicoach/i);
    let [coachId, offer] = offeredCoach(running.conn, since);
    for (let i = 1; ; i++) {
      const mark = running.conn.connector.activities().length;
      await as(personAsUser(0, coachId)).tap('help.decline', {
        ...actionData(offer, 'help.decline')!,
        reason: 'Geen tijd',
      });
      const after = running.conn.connector.activities().slice(mark);
      if (i === 3) {
        assert.equal(
          after.filter((a) => a.op === 'send' && cardVerbs(cardOf(a)).includes('help.decline')).length,
          0,
          'no fourth offer',
        );
        const toRequester = after.filter((a) => a.conversationId === c.conversationId);
        const sent = toRequester.filter((a) => a.op === 'send');
        assert.equal(
          sent.length,
          1,
          "the requester gets one new message: the decline was the coach's turn, not theirs",
        );
        assert.match(cardText(cardOf(sent[0])), /We zoeken nog/);
        const updated = toRequester.filter((a) => a.op === 'update');
        assert.equal(updated.length, 1, 'and their status card is brought up to date in place');
        assert.match(cardText(cardOf(updated[0])), /We zoeken nog/);
        break;
      }
      [coachId, offer] = offeredCoach(running.conn, mark);
    }
  });

  it('counts a coach clicking accept three times at once as one acceptance', async () => {
    const requester = demoUser('leader');
    const { since } = await ask(requester, 'Hoe plan ik een Teams-vergadering?');
    const [coachId, offer] = offeredCoach(running.conn, since);
    const coach = as(personAsUser(0, coachId));
    const data = actionData(offer, 'help.accept')!;
    const results = await Promise.all([
      coach.tap('help.accept', data),
      coach.tap('help.accept', data),
      coach.tap('help.accept', data),
    ]);
    assert.ok(results.every((r) => r.status === 200));
    const { resource } = await running.app.store.containers.tickets.item(`ticket:${data.t}`, requester.tenantId).read();
    assert.equal(resource.events.filter((e: { type: string }) => e.type === 'accepted').length, 1, 'accepted once');
    const coachDoc = (await running.app.store.containers.tickets.item(`coach:${coachId}`, requester.tenantId).read())
      .resource;
    assert.equal(coachDoc.pendingOffers, 0);
  });

  it('lets only the offered coach accept, only the requester cancel, and answers forged payloads with a notice that changes nothing', async () => {
    const requester = demoUser('english');
    const { c, since } = await ask(requester, 'Where do I find the leave form?');
    const [coachId, offer] = offeredCoach(running.conn, since);
    const data = actionData(offer, 'help.accept')!;
    const stranger = as(demoUser('admin'));
    const notMine = await stranger.tap('help.accept', data);
    assert.match(cardText(notMine.card!), /Dat lukte niet|al afgehandeld|handled|didn't work/i);
    const cancelByOther = await as(personAsUser(0, coachId)).tap('help.cancel', { t: data.t });
    assert.match(cardText(cancelByOther.card!), /Dat lukte niet|didn't work/i);
    for (const forged of [{ t: '../../etc' }, { t: 'no-such-ticket' }, {}, { t: data.t, seq: 99 }]) {
      const res = await as(personAsUser(0, coachId)).tap('help.accept', forged);
      assertValidCard(res.card!, 'forged');
    }
    const { resource } = await running.app.store.containers.tickets.item(`ticket:${data.t}`, requester.tenantId).read();
    assert.equal(resource.state, 'offered');
    const cancelled = await c.tap('help.cancel', { t: data.t });
    assertValidCard(cancelled.card!, 'cancelled en');
    assert.match(cardText(cancelled.card!), /withdrew|withdrawn|cancel/i);
    const late = await as(personAsUser(0, coachId)).tap('help.accept', data);
    assert.match(cardText(late.card!), /handled|afgehandeld/i);
  });

  it('rejects a help form with an empty question or unknown topic, changing nothing', async () => {
    const c = as(demoUser('coach'));
    const res = await c.tap('help.submit', {
      topic: 'astrology',
      question: '',
      urgency: 'now',
      channel: 'chat',
      where: '',
    });
    assert.match(cardText(res.card!), /Dat lukte niet/);
  });

  it('lets a colleague register as a digicoach and switch availability', async () => {
    const user = demoUser('employee', 1);
    const c = as(user);
    const form = cardOf((await c.say('word digicoach')).replies[0]);
    assertValidCard(form, 'registration');
    const done = await c.tap('help.register', {
      domains: 'devices,hr-self-service',
      maxOpenTickets: '2',
      weeklyCapacity: '3',
      days: '1,2,3',
      start: '08:00',
      end: '12:00',
      takesIntakes: 'false',
      locationId: 'nope',
    });
    assertValidCard(done.card!, 'registered');
    const off = cardOf((await c.say('niet beschikbaar')).replies[0]);
    assert.match(cardText(off), /niet beschikbaar/i);
    const coachDoc = (
      await running.app.store.containers.tickets.item(`coach:${user.aadObjectId}`, user.tenantId).read()
    ).resource;
    assert.equal(coachDoc.available, false);
    assert.deepEqual(coachDoc.domains, ['devices', 'hr-self-service']);
    const notCoach = cardOf(
      (await as({ ...user, aadObjectId: '00000000-0000-4000-8000-000000000001' }).say('beschikbaar')).replies[0],
    );
    assert.match(cardText(notCoach), /digicoach/i);
  });
  it('gathers escalations for the coordinator on one card when several arrive close together', async () => {
    // Past the gathering window of an escalation an earlier test sent the coordinator: this one starts its own card.
    clock.advance(31 * 60_000);
    // Every coach of the tenant switches themselves off: requests escalate at once.
    const tenant = demoSeeds[1].tenant;
    const { resources } = await running.app.store.containers.tickets.items
      .query({ query: "SELECT * FROM c WHERE c.docType = 'coach'" }, { partitionKey: tenant.id })
      .fetchAll();
    for (const coach of resources)
      await running.app.store.containers.tickets.items.upsert({ ...coach, available: false });
    const coordinator = tenant.coordinatorId;
    const mark = running.conn.connector.activities().length;
    // Requesters from other departments than the coordinator's, so the coordinator is not in their coach pool.
    const departmentOf = (userId: string) =>
      demoSeeds[1].teams.find((t) => t.id === demoSeeds[1].users.find((u) => u.id === userId)?.teamId)?.departmentId;
    const people = demoSeeds[1].users
      .filter((u) => !u.coach && departmentOf(u.id) !== departmentOf(coordinator!))
      .slice(0, 3);
    for (const p of people) await ask(personAsUser(1, p.id), `Vraag van ${p.name}`);
    // (A coordinator who is also a coach in the pool gets the pool's pick-up cards too; those are not counted here.)
    const toCoordinator = running.conn.connector
      .activities()
      .slice(mark)
      .filter((a) => userOf(a) === coordinator && !cardVerbs(cardOf(a)).includes('help.accept'));
    assert.equal(toCoordinator.filter((a) => a.op === 'send').length, 1, 'one card');
    assert.equal(toCoordinator.filter((a) => a.op === 'update').length, 2, 'updated for the next two');
    const digest = cardOf(toCoordinator.at(-1));
    assertValidCard(digest, 'digest');
    assert.match(cardText(digest), /3 vragen wachten op een digicoach/);
  });

  it('tells a requester once that we are still looking when no digicoach is free at all', async () => {
    // The tenant's coaches are still switched off (above): the request escalates right after the turn.
    const departmentOf = (userId: string) =>
      demoSeeds[1].teams.find((t) => t.id === demoSeeds[1].users.find((u) => u.id === userId)?.teamId)?.departmentId;
    const coordinator = demoSeeds[1].tenant.coordinatorId;
    const person = demoSeeds[1].users
      .filter((u) => !u.coach && departmentOf(u.id) !== departmentOf(coordinator!))
      .at(-1)!;
    const { c, status, since } = await ask(personAsUser(1, person.id), 'Waar vind ik mijn loonstrook?');
    assertValidCard(status, 'status');
    assert.match(cardText(status), /Je vraag is verstuurd/, 'the turn answers first');
    const toRequester = running.conn.connector
      .activities()
      .slice(since)
      .filter((a) => a.conversationId === c.conversationId);
    const sent = toRequester.filter((a) => a.op === 'send');
    assert.deepEqual(
      sent.map((a) => cardText(cardOf(a))),
      [],
      'no second message saying the same',
    );
    const updates = toRequester.filter((a) => a.op === 'update');
    assert.ok(updates.length >= 1, 'the tapped card is brought up to date in place');
    for (const update of updates)
      assert.match(cardText(cardOf(update)), /We zoeken nog/, 'the card in place says we are still looking');
  });
});

describe('help across a server restart', () => {
  it('keeps an open offer and its time-out', async () => {
    const data = tempDir();
    const conn = await startConnector();
    const clock = new FakeClock(TUESDAY_MORNING);
    let app = await startTestApp({ dataDir: data.dir, clock, scheduler: false });
    try {
      const requester = demoUser('employee');
      const c = new TeamsTestClient(app.url, conn.connector, conn.url, requester, () => app.settle());
      await c.say('hulp'); // the form; its fields are sent with the tap below
      const since = conn.connector.activities().length;
      await c.tap('help.submit', {
        kind: 'help', // straight to a person; the form's own button (knowledge.ask) asks the knowledge base first
        topic: 'safety',
        question: 'Is deze mail phishing?',
        urgency: 'now',
        channel: 'call',
        where: 'Werf',
      });
      const [first] = offeredCoach(conn, since);
      await app.stop();
      app = await startTestApp({ dataDir: data.dir, clock, scheduler: false });
      clock.advance(11 * 60_000);
      const mark = conn.connector.activities().length;
      assert.equal(await app.runDueTimers(), 1, 'the persisted time-out fires after the restart');
      const [second] = offeredCoach(conn, mark);
      assert.notEqual(second, first);
    } finally {
      await app.stop();
      await conn.close();
      data.remove();
    }
  });
});
