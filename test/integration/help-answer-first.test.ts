import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Ticket } from '../../bot/domain/help/help-types';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { demoUser } from '../helpers/demo';
import { recipientOf } from '../helpers/help-driver';
import { actionData } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';

const FORM = {
  kind: 'help',
  topic: 'communication',
  question: 'Hoe plan ik een vergadering in Teams?',
  urgency: 'today',
  channel: 'chat',
  where: '',
};

/**
 * A help request's turn stores the ticket and answers "sent, we are looking"; the search for
 * a coach follows after the turn. One form card gives one ticket, however often it arrives.
 */
describe('a help request is answered first and routed after its turn', () => {
  const clock = new FakeClock(TUESDAY_MORNING);
  const running = withRunningApp({ clock, scheduler: false });
  const as = (user: TeamsUser, settle = true) =>
    new TeamsTestClient(
      running.app.url,
      running.conn.connector,
      running.conn.url,
      user,
      settle ? () => running.app.settle() : undefined,
    );

  async function ticketsOf(user: TeamsUser): Promise<Ticket[]> {
    const { resources } = await running.app.store.containers.tickets.items
      .query<Ticket>(
        {
          query: "SELECT * FROM c WHERE c.docType = 'ticket' AND c.requester.userId = @u",
          parameters: [{ name: '@u', value: user.aadObjectId }],
        },
        { partitionKey: user.tenantId },
      )
      .fetchAll();
    return resources;
  }

  /** The submit as Teams sends it: an invoke from the form card (`replyToId`). */
  async function formOf(c: TeamsTestClient) {
    const { replies } = await c.say('hulp');
    return replies[0].id;
  }
  const submit = (c: TeamsTestClient, formId: string) =>
    c.activity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: formId,
      value: { action: { type: 'Action.Execute', verb: 'help.submit', data: { verb: 'help.submit', ...FORM } } },
    });
  const ticketIn = (body: unknown) => {
    const card = (body as { value?: Record<string, unknown> }).value!;
    return String(actionData(card, 'help.cancel')!.t);
  };

  it('answers "sent" before any coach is asked; the offer and the requester’s card follow after the turn', async () => {
    const requester = demoUser('employee');
    const c = as(requester, false);
    const formId = await formOf(c);
    const since = running.conn.connector.activities().length;
    const res = await c.post(submit(c, formId));
    const card = (res.body as { value: Record<string, unknown> }).value;
    assertValidCard(card, 'status');
    assert.match(cardText(card), /Je vraag is verstuurd/);
    assert.ok(cardVerbs(card).includes('help.cancel'), 'the requester can still cancel');

    await running.app.settle();
    const [ticket] = await ticketsOf(requester);
    assert.equal(ticket.state, 'offered', 'routed after the turn');
    assert.equal(ticket.requesterActivityId, formId);
    const after = running.conn.connector.activities().slice(since);
    const offers = after.filter((a) => a.op === 'send' && cardVerbs(cardOf(a)).includes('help.decline'));
    assert.deepEqual(offers.map(recipientOf), [ticket.offer!.coachId], 'one offer card, to the offered coach');
    const updated = after.filter((a) => a.op === 'update' && a.id === formId);
    assert.equal(updated.length, 1, "the requester's card is brought up to date in place, without a new message");
    assert.equal(
      after.filter((a) => a.op === 'send' && a.conversationId === c.conversationId).length,
      0,
      'no extra message to the requester for an offer',
    );
    assert.equal(ticket.routeDueAt, undefined, 'routed: no sweep needs to route it');
    const { resources: timers } = await running.app.store.containers.schedule.items
      .query<{ kind: string }>({
        query: "SELECT * FROM c WHERE c.docType = 'timer' AND c.ticketId = @id",
        parameters: [{ name: '@id', value: ticket.ticketId }],
      })
      .fetchAll();
    assert.deepEqual(
      timers.map((x) => x.kind),
      ['offer-timeout'],
      'one write for the submit: no route timer beside the ticket, only the offer’s time-out',
    );
  });

  it('makes one ticket when Teams sends the same submit twice, at once and again later', async () => {
    const requester: TeamsUser = { ...demoUser('employee'), aadObjectId: randomUUID(), name: 'Dubbel Verstuurd' };
    const c = as(requester);
    const activity = submit(c, await formOf(c));
    const [a, b] = await Promise.all([c.post(activity), c.post(activity)]);
    const later = await c.post(activity);
    await running.app.settle();
    const mine = await ticketsOf(requester);
    assert.equal(mine.length, 1, 'one ticket');
    assert.deepEqual(
      [a, b, later].map((r) => ticketIn(r.body)),
      Array(3).fill(mine[0].ticketId),
      'every answer shows it',
    );
    assert.equal(mine[0].events.filter((e) => e.type === 'offered').length, 1, 'offered once');
  });

  it('makes one ticket when the requester taps submit twice on the same form', async () => {
    const requester: TeamsUser = { ...demoUser('employee'), aadObjectId: randomUUID(), name: 'Dubbel Getikt' };
    const c = as(requester);
    const formId = await formOf(c);
    const first = await c.post(submit(c, formId));
    const second = await c.post(submit(c, formId)); // another invoke (another activity id), the same card
    await running.app.settle();
    const mine = await ticketsOf(requester);
    assert.equal(mine.length, 1, 'one ticket');
    assert.equal(ticketIn(first.body), ticketIn(second.body));
    const offers = running.conn.connector
      .activities()
      .filter((a) => a.op === 'send' && actionData(cardOf(a), 'help.decline')?.t === mine[0].ticketId);
    assert.equal(offers.length, 1, 'one offer card');
  });

  it('still makes a ticket for each new form the requester fills in', async () => {
    const requester: TeamsUser = { ...demoUser('employee'), aadObjectId: randomUUID(), name: 'Twee Vragen' };
    const c = as(requester);
    await c.post(submit(c, await formOf(c)));
    await c.post(submit(c, await formOf(c)));
    await running.app.settle();
    assert.equal((await ticketsOf(requester)).length, 2);
  });
});
