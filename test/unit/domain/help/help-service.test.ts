import assert from 'node:assert/strict';
import { AppError } from '../../../../bot/domain/errors';
import type { OrgUnit, UserContext } from '../../../../bot/domain/org';
import { everyoneAvailable } from '../../../../bot/domain/help/help-ports';
import { HelpService, type HelpView } from '../../../../bot/domain/help/help-service';
import type { Coach, Ticket } from '../../../../bot/domain/help/help-types';
import { isoWeek } from '../../../../bot/domain/help/working-hours';
import { FakeClock, TUESDAY_MORNING } from '../../../fakes/fake-clock';
import {
  MemoryCoachRepository,
  MemoryTicketRepository,
  MemoryTimerRepository,
  RecordingHelpAggregates,
  RecordingNotifier,
} from '../../../fakes/memory-help';
import { tenantOnlyDirectory } from '../../../fakes/tenant-directory';

const TENANT = 'tenant-help';
const unit = (id: string, kind: OrgUnit['kind']): OrgUnit => ({ tenantId: TENANT, id, kind, name: id });

function user(id: string, teamId = 'team-a'): UserContext {
  return {
    tenantId: TENANT,
    userId: id,
    name: id,
    locale: 'nl',
    person: null,
    team: unit(teamId, 'team'),
    department: unit('dep-a', 'department'),
    location: unit('loc-a', 'location'),
    roles: ['employee'],
  };
}

function coach(id: string, where: { teamId?: string; departmentId?: string }, now: Date): Coach {
  return {
    tenantId: TENANT,
    userId: id,
    name: id,
    domains: ['communication'],
    maxOpenTickets: 3,
    weeklyCapacity: 5,
    workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00', timeZone: 'Europe/Amsterdam' },
    takesIntakes: true,
    available: true,
    locationId: 'loc-a',
    ...where,
    openTickets: 0,
    pendingOffers: 0,
    weekKey: isoWeek(now),
    weekCount: 0,
    lastOfferedAt: null,
    registeredAt: '2026-01-01T00:00:00Z',
  };
}

/**
 * The help flow on in-memory repositories and a recording notifier: what the coaches and the
 * requester are told, and the ticket's state after each step. The card data each step takes is
 * written in one place (`act`), so the tests read as the story.
 */
describe('HelpService: one coach at a time', () => {
  let clock: FakeClock;
  let tickets: MemoryTicketRepository;
  let coaches: MemoryCoachRepository;
  let timers: MemoryTimerRepository;
  let notifier: RecordingNotifier;
  let aggregates: RecordingHelpAggregates;
  let help: HelpService;
  let backgroundErrors: unknown[];
  const requester = user('requester');

  beforeEach(async () => {
    clock = new FakeClock(TUESDAY_MORNING);
    tickets = new MemoryTicketRepository();
    coaches = new MemoryCoachRepository();
    timers = new MemoryTimerRepository();
    notifier = new RecordingNotifier();
    aggregates = new RecordingHelpAggregates();
    backgroundErrors = [];
    const now = clock.now();
    // Nearest first: the requester's own team, then the department, then elsewhere in the organisation.
    await coaches.upsert(coach('coach-team', { teamId: 'team-a', departmentId: 'dep-a' }, now));
    await coaches.upsert(coach('coach-department', { teamId: 'team-b', departmentId: 'dep-a' }, now));
    await coaches.upsert(coach('coach-elsewhere', { teamId: 'team-c', departmentId: 'dep-c' }, now));
    help = new HelpService({
      tickets,
      coaches,
      timers,
      aggregates,
      presence: everyoneAvailable,
      directory: tenantOnlyDirectory({ tenantId: TENANT, coordinatorId: 'coordinator' }),
      notifier,
      clock,
      offerTimeoutSeconds: 600,
      maxOffers: 3,
      topics: () => ['communication', 'safety'],
      onBackgroundError: (err) => backgroundErrors.push(err),
      sleep: async () => undefined,
    });
  });

  const ticketOf = (view: HelpView): Ticket => {
    assert.ok('ticket' in view, `a view with a ticket, got ${view.kind}`);
    return view.ticket;
  };
  const stored = async (t: Ticket) => (await tickets.get(TENANT, t.ticketId))!.value;
  const act = {
    /** The submit answers at once; the offer follows right after the turn. Returns the ticket as stored then. */
    ask: async (who = requester) => {
      const answered = ticketOf(
        await help.submit(
          who,
          {
            kind: 'help',
            topic: 'communication',
            question: 'Hoe deel ik een bestand?',
            urgency: 'today',
            channel: 'chat',
            where: '',
          },
          null,
        ),
      );
      assert.equal(answered.state, 'searching', 'the turn answers before a coach is sought');
      await help.idle();
      return stored(answered);
    },
    accept: async (coachId: string, t: Ticket) =>
      help.accept(user(coachId), { ticketId: t.ticketId, fromPool: false, seq: (await stored(t)).offer?.seq ?? 0 }),
    decline: async (coachId: string, t: Ticket) =>
      help.decline(user(coachId), { ticketId: t.ticketId, seq: (await stored(t)).offer?.seq ?? 0, reason: 'vol' }),
    cancel: (t: Ticket, who = requester) => help.cancel(who, { ticketId: t.ticketId }),
    timeOut: async (t: Ticket) => {
      clock.advance(600_000 + 1000);
      const s = await stored(t);
      await help.offerTimedOut(TENANT, t.ticketId, s.offer!.seq);
    },
  };
  const offeredTo = () => notifier.offers.map((o) => o.coachId);

  it('offers a new question to the nearest coach only; the requester’s card says it is offered', async () => {
    const ticket = await act.ask();
    await help.idle();
    assert.equal(ticket.state, 'offered');
    assert.deepEqual(offeredTo(), ['coach-team']);
    assert.equal(ticket.offer?.coachId, 'coach-team');
    assert.equal(
      (await coaches.get(TENANT, 'coach-team'))!.value.pendingOffers,
      1,
      'the offer counts against the coach',
    );
  });

  it('when the coach declines, then the next nearest coach is offered and never the one who declined', async () => {
    const ticket = await act.ask();
    const view = await act.decline('coach-team', ticket);
    await help.idle();
    assert.equal(view.kind, 'offerClosed');
    assert.deepEqual(offeredTo(), ['coach-team', 'coach-department']);
    const now = await stored(ticket);
    assert.deepEqual(now.passedBy, ['coach-team']);
    assert.equal((await coaches.get(TENANT, 'coach-team'))!.value.pendingOffers, 0);
  });

  it('when nobody answers in time, then the offer is withdrawn on the coach’s card and the next coach is asked', async () => {
    const ticket = await act.ask();
    await act.timeOut(ticket);
    await help.idle();
    assert.deepEqual(notifier.closed, [{ coachId: 'coach-team', why: 'timed-out' }]);
    assert.deepEqual(offeredTo(), ['coach-team', 'coach-department']);
    assert.equal((await stored(ticket)).events.filter((e) => e.type === 'timed-out').length, 1);
  });

  it('when the store goes away after a time-out was stored, the retried time-out still asks the next coach', async () => {
    const ticket = await act.ask();
    const list = coaches.list.bind(coaches);
    coaches.list = async () => {
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    };
    await assert.rejects(act.timeOut(ticket), /socket hang up/);
    assert.equal((await stored(ticket)).state, 'searching', 'the time-out itself was stored');
    assert.equal((await timers.due(new Date(8.64e15), 10)).length, 1, 'its timer is kept for the next try');
    coaches.list = list;
    await help.offerTimedOut(TENANT, ticket.ticketId, 1); // the scheduler's next try
    await help.idle();
    const now = await stored(ticket);
    assert.equal(now.state, 'offered');
    assert.equal(now.offer?.coachId, 'coach-department');
    assert.equal(now.events.filter((e) => e.type === 'timed-out').length, 1, 'timed out once');
  });

  it('when the store fails while the offer card is prepared, the card goes out once it works again', async () => {
    const offer = notifier.offer.bind(notifier);
    let failures = 2;
    notifier.offer = async (...args) => {
      if (failures-- > 0) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return offer(...args);
    };
    const ticket = await act.ask();
    assert.deepEqual(offeredTo(), ['coach-team'], 'one card, after two failed tries');
    assert.equal((await stored(ticket)).offer?.activityId, 'offer-card-1', 'its card is remembered for later updates');
    assert.deepEqual(backgroundErrors, []);
  });

  it('stops trying to send an offer card when the offer would have timed out, and reports it', async () => {
    let tries = 0;
    notifier.offer = async () => {
      tries++;
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    };
    const ticket = await act.ask();
    // Waits of 0.5 s, 1 s, 2 s, … fit 10 times in the 600 s an offer stands.
    assert.equal(tries, 11);
    assert.equal(backgroundErrors.length, 1);
    assert.equal((await stored(ticket)).state, 'offered', 'the offer still times out and moves on as usual');
  });

  it('a repeated submit of the same form card gives the one ticket, offered once', async () => {
    const form = {
      kind: 'help' as const,
      topic: 'communication',
      question: 'Hoe deel ik een bestand?',
      urgency: 'today' as const,
      channel: 'chat' as const,
      where: '',
    };
    const views = await Promise.all([
      help.submit(requester, form, 'form-card-1', 'invoke-1'),
      help.submit(requester, form, 'form-card-1', 'invoke-2'),
    ]);
    await help.idle();
    const again = await help.submit(requester, form, 'form-card-1', 'invoke-3');
    await help.idle();
    const ids = [...views, again].map((v) => ticketOf(v).ticketId);
    assert.equal(new Set(ids).size, 1, 'one ticket');
    assert.deepEqual(offeredTo(), ['coach-team'], 'offered once');
    assert.equal((await timers.due(new Date(8.64e15), 10)).length, 1, 'only the offer’s time-out is stored');
    assert.deepEqual(await tickets.dueForRouting(new Date(8.64e15), 10), [], 'routed: nothing left for a sweep');
  });

  it('counts a request once, with its first step: a repeat, a late sweep or a cancel before routing adds nothing', async () => {
    const form = {
      kind: 'help' as const,
      topic: 'communication',
      question: 'Hoe deel ik een bestand?',
      urgency: 'today' as const,
      channel: 'chat' as const,
      where: '',
    };
    const requested = () => aggregates.events.filter((e) => e.type === 'requested').length;
    const first = ticketOf(await help.submit(requester, form, 'form-card-1', 'invoke-1'));
    await help.submit(requester, form, 'form-card-1', 'invoke-2');
    await help.idle();
    await help.routeTicket(TENANT, first.ticketId, clock.now()); // a sweep that came too late
    await help.idle();
    assert.equal(requested(), 1, 'counted once, with the offer');

    const other = user('requester-2');
    const cancelled = ticketOf(await help.submit(other, form, 'form-card-2', 'invoke-3'));
    await help.cancel(other, { ticketId: cancelled.ticketId }); // before its routing after the turn
    await help.idle();
    const after = await stored(cancelled);
    assert.equal(after.state, 'cancelled');
    assert.equal(after.routeDueAt, undefined, 'nothing left for a sweep');
    assert.equal(after.offerCount, 0, 'never offered');
    assert.equal(requested(), 2, 'a request cancelled before its first offer still counts');
  });

  it('a late time-out of an offer already answered changes nothing', async () => {
    const ticket = await act.ask();
    const seq = (await stored(ticket)).offer!.seq;
    await act.accept('coach-team', ticket);
    await help.offerTimedOut(TENANT, ticket.ticketId, seq);
    await help.idle();
    const now = await stored(ticket);
    assert.equal(now.state, 'accepted');
    assert.equal(now.coachId, 'coach-team');
    assert.deepEqual(notifier.closed, []);
  });

  it('after three offers without a yes it escalates to the coaches left and the coordinator, and tells the requester', async () => {
    const ticket = await act.ask();
    await act.decline('coach-team', ticket);
    await act.decline('coach-department', ticket);
    await act.timeOut(ticket);
    await help.idle();
    const now = await stored(ticket);
    assert.equal(now.state, 'escalated');
    assert.equal(notifier.escalations.length, 1);
    assert.equal(notifier.escalations[0].coordinatorId, 'coordinator');
    assert.ok(notifier.requesterUpdates.some((u) => u.state === 'escalated' && u.notify));
  });

  it('never offers a coach whose registration waits for approval', async () => {
    await coaches.upsert({
      ...(await coaches.get(TENANT, 'coach-team'))!.value,
      approval: { state: 'pending', since: clock.now().toISOString() },
    });
    await act.ask();
    await help.idle();
    assert.deepEqual(offeredTo(), ['coach-department'], 'the nearest approved coach instead');
  });

  it('with a contact person for the department: tells them and the pool first, the coordinator once after one offer time', async () => {
    const withContact = new HelpService({
      tickets,
      coaches,
      timers,
      aggregates: new RecordingHelpAggregates(),
      presence: everyoneAvailable,
      directory: tenantOnlyDirectory({
        tenantId: TENANT,
        coordinatorId: 'coordinator',
        settings: { contactPersons: { 'dep-a': ['contact-a', 'requester'] } },
      }),
      notifier,
      clock,
      offerTimeoutSeconds: 600,
      maxOffers: 1,
      topics: () => ['communication', 'safety'],
    });
    const ticket = ticketOf(
      await withContact.submit(
        requester,
        { kind: 'help', topic: 'communication', question: 'Hoe?', urgency: 'now', channel: 'chat', where: '' },
        null,
      ),
    );
    await withContact.idle(); // routed after the submit's turn
    await withContact.decline(user('coach-team'), { ticketId: ticket.ticketId, seq: 1 });
    await withContact.idle();
    assert.equal((await stored(ticket)).state, 'escalated');
    assert.deepEqual(notifier.contactEscalations, [{ ticketId: ticket.ticketId, contactIds: ['contact-a'] }]);
    assert.equal(notifier.escalations.length, 1);
    assert.equal(notifier.escalations[0].coordinatorId, null, 'not the coordinator yet');

    const due = await timers.due(new Date(clock.now().getTime() + 600_000), 10);
    assert.deepEqual(
      due.map((d) => d.value.kind),
      ['coordinator-escalation'],
    );
    await withContact.coordinatorDue(TENANT, ticket.ticketId);
    await withContact.coordinatorDue(TENANT, ticket.ticketId);
    assert.deepEqual(
      notifier.escalations.map((e) => e.coordinatorId),
      [null, 'coordinator'],
      'the coordinator is told once',
    );
    assert.ok((await stored(ticket)).coordinatorToldAt);
  });

  it('when the requester cancels, the coach’s offer is withdrawn and nobody else is asked', async () => {
    const ticket = await act.ask();
    const view = await act.cancel(ticket);
    await help.idle();
    assert.equal(ticketOf(view).state, 'cancelled');
    assert.deepEqual(notifier.closed, [{ coachId: 'coach-team', why: 'cancelled' }]);
    assert.deepEqual(offeredTo(), ['coach-team']);
    assert.equal((await coaches.get(TENANT, 'coach-team'))!.value.pendingOffers, 0);
    assert.equal((await timers.due(new Date(8.64e15), 10)).length, 0, 'no time-out left to fire');
  });

  it('refuses a cancel by someone else and a second cancel, and changes nothing', async () => {
    const ticket = await act.ask();
    await assert.rejects(act.cancel(ticket, user('someone-else')), (err: unknown) => err instanceof AppError);
    assert.equal((await stored(ticket)).state, 'offered');
    await act.cancel(ticket);
    await assert.rejects(
      act.cancel(ticket),
      (err: unknown) => err instanceof AppError && err.code === 'already_handled',
    );
  });

  it('a coach who was not offered the ticket cannot decline it', async () => {
    const ticket = await act.ask();
    await assert.rejects(act.decline('coach-elsewhere', ticket), (err: unknown) => err instanceof AppError);
    assert.equal((await stored(ticket)).offer?.coachId, 'coach-team');
  });
});
