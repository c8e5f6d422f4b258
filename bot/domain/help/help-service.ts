import { createHash, randomUUID } from 'node:crypto';
import { AppError, isConflict, isTemporarilyUnavailable } from '../errors';
import type { UserContext } from '../org';
import type { Clock, Directory } from '../ports';
import type { Versioned } from '../scan/scan-types';
import type {
  CoachRepository,
  HelpAggregates,
  HelpScope,
  Presence,
  TicketRepository,
  Timer,
  TimerRepository,
} from './help-ports';
import type { Coach, Ticket, TicketEvent, TicketKind } from './help-types';
import { isApproved, OPEN_STATES, timingsOf } from './help-types';
import { contactsOf, coordinatorOf } from './contacts';
import { chooseCoach } from './routing';
import { countAccepted } from './coach-load';
import { updateCoach } from './coach-record';
import type { AcceptTicket, DeclineOffer, RateTicket, ResolveTicket, SubmitHelp, TicketRef } from './help-commands';
import { canReopen } from './reopen';
import { RoutingWorker } from './routing-worker';

/** Proactive messages of the help flow; implemented with cards and the outbound queue. */
export interface HelpNotifier {
  offer(ticket: Ticket, coach: Coach, reasons: string[], minutesToAnswer: number): Promise<string | null>;
  offerClosed(
    ticket: Ticket,
    coachId: string,
    activityId: string | null | undefined,
    why: 'declined' | 'timed-out' | 'taken' | 'cancelled' | 'resolved' | 'given-back',
  ): Promise<void>;
  /** The requester's status card in place, plus a short message on the steps that matter. */
  requester(ticket: Ticket, notify: boolean): Promise<void>;
  rating(ticket: Ticket): Promise<void>;
  escalation(ticket: Ticket, coachIds: string[], coordinatorId: string | null): Promise<void>;
  /** The requester's department's contact persons, told before the coordinator. */
  contactEscalation(ticket: Ticket, contactIds: string[]): Promise<void>;
}

export interface HelpServiceDeps {
  tickets: TicketRepository;
  coaches: CoachRepository;
  timers: TimerRepository;
  aggregates: HelpAggregates;
  presence: Presence;
  directory: Directory;
  notifier: HelpNotifier;
  clock: Clock;
  offerTimeoutSeconds: number;
  maxOffers: number;
  topics: () => string[];
  /**
   * How long a new ticket waits for the instance that stored it to route it, before any
   * instance's sweep of due timers routes it instead (that instance stopped or is stuck).
   */
  routeGraceSeconds?: number;
  /** New tickets routed at once after their turns when no request is being submitted (see RoutingWorker). */
  routingConcurrency?: number;
  /** Where failures of work done after the turn (messages, counters) are reported. */
  onBackgroundError?: (err: unknown) => void;
  /** Waits between attempts to send an offer card (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

export type HelpView =
  | { kind: 'requestForm'; where: string; topic?: string; requestKind: TicketKind; question?: string }
  | { kind: 'status'; ticket: Ticket; canCancel: boolean; canReopen: boolean }
  | { kind: 'assigned'; ticket: Ticket }
  | {
      kind: 'offerClosed';
      ticket: Ticket;
      why: 'declined' | 'taken' | 'given-back' | 'resolved' | 'cancelled' | 'timed-out';
    }
  | { kind: 'myTickets'; asRequester: Ticket[]; asCoach: Ticket[]; coach: Coach | null }
  | {
      kind: 'registration';
      current: Coach | null;
      departmentKnown: boolean;
      /** Where the directory places the colleague: the form's default location. */
      ownLocationId?: string;
      tenantId: string;
    }
  | { kind: 'registered'; coach: Coach }
  | { kind: 'availability'; available: boolean }
  | { kind: 'myCoaches'; team: Coach[]; department: Coach[]; contactNames: string[] }
  | { kind: 'notCoach' };

const bad = () => new AppError('bad_input', 400, 'error.badInput');
/** A burst is over when no submit was under way for this long: then routing runs at full width. */
const QUIET_GAP_MS = 100;
/** The longest a new ticket's routing waits for a burst of submits to be answered first (then one at a time). */
const ROUTE_MAX_WAIT_MS = 5000;
const handled = () => new AppError('already_handled', 409, 'error.conflict');
/** The first wait before an offer card is sent again (then doubled, while the offer stands). */
const OFFER_RETRY_FIRST_MS = 500;
const ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The help flow: a request is routed to the nearest available digicoach, one coach at
 * a time; declines and time-outs move it on; after several offers the coach pool and
 * the coordinator are told. Every step is an event with a timestamp, and every change
 * of a ticket is a conditional write: two clicks at once give exactly one outcome.
 */
export class HelpService {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** New tickets' routing after their turns; it yields to submit turns (a burst is answered first, then routed). */
  private readonly routing: RoutingWorker;

  constructor(private readonly deps: HelpServiceDeps) {
    this.routing = new RoutingWorker({
      size: deps.routingConcurrency ?? 4,
      quietGapMs: QUIET_GAP_MS,
      maxWaitMs: ROUTE_MAX_WAIT_MS,
    });
  }

  /** Resolves when the messages and counters of earlier turns are done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Messages to other people and counters go out after the turn: the user's card answers
   * at once (Teams allows an invoke about 5 s), and a slow or throttled send never turns
   * a stored change into an error for the person who made it.
   */
  private later(task: () => Promise<unknown>): void {
    const run = task().catch((err) => this.deps.onBackgroundError?.(err));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** `hulp`: the request form, with where the user is prefilled. */
  async requestForm(user: UserContext, kind: TicketKind = 'help', topic?: string): Promise<HelpView> {
    return { kind: 'requestForm', where: user.location?.name ?? '', topic, requestKind: kind };
  }

  /**
   * The form's submit: the ticket is stored and the turn answers "sent, we are looking";
   * the search for a coach starts right after the turn (see `open`). One form card gives
   * one ticket: a second tap on it, or Teams sending the same invoke again, shows the
   * ticket the first one made. `requestId` (the invoke's activity id) stands in for the
   * card when Teams names none.
   */
  async submit(
    user: UserContext,
    request: SubmitHelp,
    requesterActivityId: string | null,
    requestId?: string,
  ): Promise<HelpView> {
    const question = request.question.replace(/\s+/g, ' ').trim();
    const where = request.where.trim().slice(0, 100);
    if (!this.deps.topics().includes(request.topic) || !question || question.length > 200) throw bad();
    const key = requesterActivityId ?? requestId;
    return this.open(
      user,
      { ...request, question, where },
      requesterActivityId,
      key ? submitTicketId(user, key) : null,
    );
  }

  /**
   * An intake from the scan result (the Ghent triage): routed to coaches who take intakes.
   * The scan card the requester tapped shows the intake recorded, not this ticket's status,
   * so every step of the ticket reaches them as a message of its own.
   */
  async requestIntake(user: UserContext, topic: string, question: string): Promise<HelpView> {
    return this.open(
      user,
      { kind: 'intake', topic, question, urgency: 'week', channel: 'in-person', where: user.location?.name ?? '' },
      null,
      null,
    );
  }

  async cancel(user: UserContext, { ticketId }: TicketRef): Promise<HelpView> {
    return this.change(
      user.tenantId,
      ticketId,
      async (t) => {
        if (t.requester.userId !== user.userId) throw bad();
        if (!OPEN_STATES.has(t.state)) throw handled();
        return {
          ...routed(t),
          state: 'cancelled',
          offer: null,
          events: [...t.events, this.event('cancelled', { by: user.userId })],
        };
      },
      async (before, after) => {
        this.countRequest(before);
        if (before.offer) await this.releaseOffer(after, before.offer.coachId, before.offer.activityId, 'cancelled');
        this.later(() => this.deps.aggregates.record(after.tenantId, requesterScopes(after), { type: 'cancelled' }));
        return this.statusView(after, user.userId);
      },
    );
  }

  /** Within 7 days of resolving, the requester can reopen: the same coach is asked first. */
  async reopen(user: UserContext, { ticketId }: TicketRef): Promise<HelpView> {
    const now = this.deps.clock.now();
    return this.change(
      user.tenantId,
      ticketId,
      async (t) => {
        if (t.requester.userId !== user.userId) throw bad();
        if (!this.canReopen(t, now)) throw handled();
        return {
          ...t,
          state: 'searching',
          coachId: null,
          coachName: null,
          offer: null,
          offerCount: 0,
          passedBy: [],
          outcome: undefined,
          rating: undefined,
          events: [...t.events, this.event('reopened', { by: user.userId })],
        };
      },
      async (before, after) => {
        this.later(() => this.deps.aggregates.record(after.tenantId, requesterScopes(after), { type: 'reopened' }));
        const moved = await this.offerNext(after.tenantId, after.ticketId, before.coachId, true);
        return this.statusView(moved ?? after, user.userId);
      },
    );
  }

  /** The offered coach accepts — or, after escalation, any coach of the tenant picks it up. */
  async accept(user: UserContext, command: AcceptTicket): Promise<HelpView> {
    const me = await this.deps.coaches.get(user.tenantId, user.userId);
    if (!me || !isApproved(me.value)) throw bad();
    const now = this.deps.clock.now();
    let offeredToMe: { seq: number; activityId?: string | null } | null = null;
    return this.change(
      user.tenantId,
      command.ticketId,
      async (t) => {
        offeredToMe = null;
        if (t.coachId === user.userId && t.state === 'accepted') return null; // a double click: already mine
        const fromPool = command.fromPool && t.state === 'escalated' && t.requester.userId !== user.userId;
        const isMyOffer =
          !command.fromPool && t.state === 'offered' && t.offer?.coachId === user.userId && t.offer.seq === command.seq;
        if (!fromPool && !isMyOffer) {
          if (
            t.offer?.coachId === user.userId ||
            t.passedBy.includes(user.userId) ||
            t.coachId ||
            !OPEN_STATES.has(t.state)
          )
            throw handled();
          throw bad();
        }
        if (isMyOffer) offeredToMe = { seq: t.offer!.seq, activityId: t.offer!.activityId };
        return {
          ...t,
          state: 'accepted',
          coachId: user.userId,
          coachName: me.value.name,
          coachActivityId: isMyOffer ? t.offer!.activityId : null,
          offer: null,
          events: [...t.events, this.event('accepted', { by: user.userId, coachId: user.userId })],
        };
      },
      async (before, after, changed) => {
        if (!changed) return { kind: 'assigned', ticket: after };
        if (before.offer) await this.deps.timers.cancel(after.tenantId, timerId(after.ticketId, before.offer.seq));
        await this.updateCoach(after.tenantId, user.userId, (c) => {
          if (offeredToMe) c.pendingOffers = Math.max(0, c.pendingOffers - 1);
          c.openTickets += 1;
          countAccepted(c, now);
        });
        // A pool pick-up leaves any other open offer card behind: close it.
        if (before.offer && before.offer.coachId !== user.userId)
          await this.releaseOffer(after, before.offer.coachId, before.offer.activityId, 'taken');
        const minutes = (timingsOf(after).secondsToAccept ?? 0) / 60;
        this.later(() =>
          this.deps.aggregates.record(after.tenantId, [...requesterScopes(after), ...coachScopes(me.value)], {
            type: 'accepted',
            minutesToAccept: minutes,
          }),
        );
        this.later(() => this.deps.notifier.requester(after, true));
        return { kind: 'assigned', ticket: after };
      },
    );
  }

  async decline(user: UserContext, { ticketId, seq, reason: given }: DeclineOffer): Promise<HelpView> {
    const reason = given?.trim().slice(0, 200) || undefined;
    return this.keepRouted(user.tenantId, ticketId, () =>
      this.change(
        user.tenantId,
        ticketId,
        async (t) => {
          if (t.state !== 'offered' || t.offer?.coachId !== user.userId) {
            if (t.passedBy.includes(user.userId) || t.coachId === user.userId || t.offer?.coachId === user.userId)
              throw handled();
            throw bad();
          }
          if (t.offer.seq !== seq) throw handled();
          return this.passOn(t, user.userId, 'declined', reason);
        },
        async (before, after) => {
          await this.afterPass(before, after, 'declined');
          return { kind: 'offerClosed', ticket: after, why: 'declined' };
        },
      ),
    );
  }

  /** The assigned coach hands the ticket back: the next coach is asked. */
  async giveBack(user: UserContext, { ticketId }: TicketRef): Promise<HelpView> {
    return this.keepRouted(user.tenantId, ticketId, () =>
      this.change(
        user.tenantId,
        ticketId,
        async (t) => {
          if (t.coachId !== user.userId) throw bad();
          if (t.state !== 'accepted') throw handled();
          return { ...this.passOn(t, user.userId, 'given-back'), coachId: null, coachName: null };
        },
        async (_before, after) => {
          await this.updateCoach(after.tenantId, user.userId, (c) => (c.openTickets = Math.max(0, c.openTickets - 1)));
          await this.offerNext(after.tenantId, after.ticketId, null, false);
          return { kind: 'offerClosed', ticket: after, why: 'given-back' };
        },
      ),
    );
  }

  /**
   * A step that puts a ticket back to searching and then offers it on: a route is stored
   * first, so if the next offer is not made (the instance stops, the store goes away) a sweep
   * makes it; once the step is done the route is dropped (a route left over changes nothing).
   */
  private async keepRouted(tenantId: string, ticketId: string, step: () => Promise<HelpView>): Promise<HelpView> {
    if (!ID.test(ticketId)) throw bad();
    const route = this.routeTimer({ tenantId, ticketId }, this.deps.clock.now());
    await this.deps.timers.schedule(route);
    try {
      const view = await step();
      this.later(() => this.deps.timers.complete(route));
      return view;
    } catch (err) {
      // Refused (not theirs, already handled): nothing changed, the route is not needed. Otherwise it stays.
      if (err instanceof AppError && err.code !== 'unavailable') this.later(() => this.deps.timers.complete(route));
      throw err;
    }
  }

  async resolve(user: UserContext, { ticketId, outcome, minutes }: ResolveTicket): Promise<HelpView> {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 480) throw bad();
    return this.change(
      user.tenantId,
      ticketId,
      async (t) => {
        if (t.coachId !== user.userId) throw bad();
        if (t.state !== 'accepted') throw handled();
        return {
          ...t,
          state: 'resolved',
          outcome,
          minutesSpent: minutes,
          events: [...t.events, this.event('resolved', { by: user.userId, coachId: user.userId, outcome, minutes })],
        };
      },
      async (_before, after) => {
        const coach = await this.updateCoach(
          after.tenantId,
          user.userId,
          (c) => (c.openTickets = Math.max(0, c.openTickets - 1)),
        );
        const toResolve = (timingsOf(after).secondsToResolve ?? 0) / 60;
        this.later(() =>
          this.deps.aggregates.record(
            after.tenantId,
            [...requesterScopes(after), ...(coach ? coachScopes(coach) : [])],
            {
              type: 'resolved',
              minutesToResolve: toResolve,
              minutesSpent: minutes,
              outcome,
              month: after.updatedAt.slice(0, 7),
            },
          ),
        );
        this.later(() => this.deps.notifier.requester(after, false));
        this.later(() => this.deps.notifier.rating(after));
        return { kind: 'offerClosed', ticket: after, why: 'resolved' };
      },
    );
  }

  async rate(user: UserContext, { ticketId, rating, comment: given }: RateTicket): Promise<HelpView> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw bad();
    const comment = given?.trim().slice(0, 300);
    return this.change(
      user.tenantId,
      ticketId,
      async (t) => {
        if (t.requester.userId !== user.userId) throw bad();
        if (t.state !== 'resolved') throw handled();
        return {
          ...t,
          state: 'rated',
          rating,
          comment: comment || undefined,
          events: [...t.events, this.event('rated', { by: user.userId, rating })],
        };
      },
      async (_before, after) => {
        const coach = after.coachId ? await this.deps.coaches.get(after.tenantId, after.coachId) : null;
        this.later(() =>
          this.deps.aggregates.record(
            after.tenantId,
            [...requesterScopes(after), ...(coach ? coachScopes(coach.value) : [])],
            { type: 'rated', rating },
          ),
        );
        return this.statusView(after, user.userId);
      },
    );
  }

  async myTickets(user: UserContext): Promise<HelpView> {
    const [asRequester, asCoach, coach] = await Promise.all([
      this.deps.tickets.forRequester(user.tenantId, user.userId, 10),
      this.deps.tickets.forCoach(user.tenantId, user.userId, 20),
      this.deps.coaches.get(user.tenantId, user.userId),
    ]);
    return { kind: 'myTickets', asRequester, asCoach, coach: coach?.value ?? null };
  }

  /**
   * A new ticket's routing, from a sweep of due timers: the instance that stored it did not
   * route it within the grace time (it stopped, or is still busy). Routing is a conditional
   * change of the ticket, so a late second routing of the same ticket changes nothing.
   */
  async routeTicket(tenantId: string, ticketId: string, dueAt: Date): Promise<void> {
    const current = await this.deps.tickets.get(tenantId, ticketId);
    if (!current) {
      // The route is written beside the ticket: a ticket still missing a grace time later is a submit that failed.
      if (this.deps.clock.now().getTime() - dueAt.getTime() > this.graceMs()) return;
      throw new Error(`ticket ${ticketId} not stored yet`);
    }
    await this.route(current.value);
  }

  /** A due offer time-out (from the scheduler): the offer is withdrawn and the next coach asked. */
  async offerTimedOut(tenantId: string, ticketId: string, seq: number): Promise<void> {
    try {
      await this.change(
        tenantId,
        ticketId,
        async (t) => {
          if (t.state !== 'offered' || t.offer?.seq !== seq) return null; // answered in time, or already moved on
          return this.passOn(t, t.offer.coachId, 'timed-out');
        },
        async (before, after, changed) => {
          if (changed) await this.afterPass(before, after, 'timed-out');
          // A retry after this time-out was stored but the next offer was not made (the store went away): make it now.
          else if (after.state === 'searching' && after.offerCount === seq)
            await this.offerNext(tenantId, ticketId, null, false);
          return { kind: 'status', ticket: after, canCancel: false, canReopen: false };
        },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'bad_input') return; // the ticket is gone
      throw err;
    }
  }

  /**
   * The second step of an escalation (a due timer): still nobody picked the question up after
   * the department's contact persons were told, so the programme coordinator is told. Once.
   */
  async coordinatorDue(tenantId: string, ticketId: string): Promise<void> {
    const told: { ticket: Ticket | null } = { ticket: null };
    try {
      await this.change(
        tenantId,
        ticketId,
        async (t) => {
          told.ticket = null;
          if (t.state !== 'escalated' || t.coordinatorToldAt) return null; // picked up, cancelled, or told already
          return { ...t, coordinatorToldAt: this.deps.clock.now().toISOString() };
        },
        async (_before, after, changed) => {
          if (changed) told.ticket = after;
          return { kind: 'status', ticket: after, canCancel: false, canReopen: false };
        },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'bad_input') return; // the ticket is gone
      throw err;
    }
    const ticket = told.ticket;
    if (!ticket) return;
    const coordinator = coordinatorOf(await this.deps.directory.getTenant(tenantId));
    if (coordinator && coordinator !== ticket.requester.userId)
      await this.deps.notifier.escalation(ticket, [], coordinator);
  }

  // ——— the routing loop ———

  /**
   * Stores a new ticket and answers at once: within a burst of requests the search for a
   * coach (coach list, presence, booking the coach, the offer) would not fit Teams' ~5 s
   * for an invoke. `idempotentId` is the ticket id a repeat of this submit maps to.
   */
  private async open(
    user: UserContext,
    fields: Pick<Ticket, 'kind' | 'topic' | 'question' | 'urgency' | 'channel' | 'where'>,
    requesterActivityId: string | null,
    idempotentId: string | null,
  ): Promise<HelpView> {
    const at = this.deps.clock.now();
    const now = at.toISOString();
    const ticket: Ticket = {
      ticketId: idempotentId ?? randomUUID(),
      tenantId: user.tenantId,
      ...fields,
      requester: {
        userId: user.userId,
        name: user.name,
        email: user.person?.email,
        teamId: user.team?.id,
        departmentId: user.department?.id,
        locationId: user.location?.id,
        locale: user.locale,
      },
      state: 'searching',
      offer: null,
      offerCount: 0,
      passedBy: [],
      coachId: null,
      coachName: null,
      requesterActivityId,
      // One write: the ticket carries the time by which any instance's sweep routes it, should
      // this instance stop before routing it after the turn.
      routeDueAt: new Date(at.getTime() + this.graceMs()).toISOString(),
      events: [this.event('created', { by: user.userId })],
      createdAt: now,
      updatedAt: now,
    };
    this.routing.submitStarted();
    try {
      await this.deps.tickets.create(ticket);
    } catch (err) {
      if (!isConflict(err) || !idempotentId) throw err;
      // The same submit again: the ticket the first one made, routed if it is not yet (a no-op if under way).
      const first = (await this.deps.tickets.get(ticket.tenantId, ticket.ticketId))!.value;
      if (first.state === 'searching') this.routeAfterTurn(first);
      return this.statusView(first, user.userId);
    } finally {
      this.routing.submitEnded();
    }
    this.routeAfterTurn(ticket);
    return this.statusView(ticket, user.userId);
  }

  private routeTimer(ticket: Pick<Ticket, 'tenantId' | 'ticketId'>, at: Date): Timer {
    return {
      id: routeTimerId(ticket.ticketId),
      tenantId: ticket.tenantId,
      kind: 'route',
      ticketId: ticket.ticketId,
      seq: 0,
      dueAt: new Date(at.getTime() + this.graceMs()).toISOString(),
      lease: null,
    };
  }

  private graceMs(): number {
    return (this.deps.routeGraceSeconds ?? 30) * 1000;
  }

  /** After the turn, through the routing worker, which waits while a burst of submits is being answered. */
  private routeAfterTurn(ticket: Ticket): void {
    this.later(() =>
      this.routing.add(async () => {
        const current = await this.deps.tickets.get(ticket.tenantId, ticket.ticketId);
        if (current) await this.route(current.value);
      }),
    );
  }

  /**
   * Routes a stored ticket that is still searching. The requester's card, which answered
   * "sent, we are looking", is updated in place with the outcome; a request without such a
   * card (an intake from the scan) hears of an escalation by message, as before.
   */
  private async route(ticket: Ticket): Promise<void> {
    if (ticket.state !== 'searching') return;
    const hasCard = Boolean(ticket.requesterActivityId);
    const moved = await this.offerNext(ticket.tenantId, ticket.ticketId, null, hasCard);
    if (hasCard && moved && moved.state !== 'searching') {
      const shown = moved;
      this.later(() => this.deps.notifier.requester(shown, false));
    }
  }

  /**
   * Offers the ticket to the best coach who has not passed on it, or escalates. The
   * coach's pending-offer count is booked with its ETag first, so a burst of requests
   * spreads over coaches instead of piling onto one. `inRequesterTurn` is true when the
   * requester's own tap (asking, reopening) led here and the view returned to them shows
   * the outcome; a decline, a give-back or a time-out is someone else's turn or none.
   */
  private async offerNext(
    tenantId: string,
    ticketId: string,
    preferCoachId: string | null,
    inRequesterTurn: boolean,
  ): Promise<Ticket | null> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const current = await this.deps.tickets.get(tenantId, ticketId);
      if (!current || current.value.state !== 'searching') return current?.value ?? null;
      const ticket = current.value;
      if (ticket.offerCount >= this.deps.maxOffers) return this.escalate(current, inRequesterTurn);
      const now = this.deps.clock.now();
      const all = await this.deps.coaches.list(tenantId);
      const coaches = all.filter((c) => c.value.userId !== ticket.requester.userId);
      const presence = await this.deps.presence.availability(
        tenantId,
        coaches.map((c) => c.value.userId),
      );
      const choice = chooseCoach({ ticket, coaches: coaches.map((c) => c.value), now, presence, preferCoachId });
      if (!choice) return this.escalate(current, inRequesterTurn, all);
      const booked = coaches.find((c) => c.value.userId === choice.coach.userId)!;
      try {
        await this.deps.coaches.replace(
          { ...booked.value, pendingOffers: booked.value.pendingOffers + 1, lastOfferedAt: now.toISOString() },
          booked.etag,
        );
      } catch (err) {
        if (isConflict(err)) continue; // the coach's load changed meanwhile: choose again
        throw err;
      }
      const seq = ticket.offerCount + 1;
      const dueAt = new Date(now.getTime() + this.deps.offerTimeoutSeconds * 1000);
      const offered: Ticket = {
        ...routed(ticket),
        state: 'offered',
        offer: { coachId: choice.coach.userId, offeredAt: now.toISOString(), dueAt: dueAt.toISOString(), seq },
        offerCount: seq,
        events: [...ticket.events, this.event('offered', { coachId: choice.coach.userId, reasons: choice.reasons })],
        updatedAt: now.toISOString(),
      };
      // The time-out is stored before the offer: an instance that stops in between leaves no
      // offer without its time-out (a time-out whose offer never came changes nothing when due).
      await this.deps.timers.schedule({
        id: timerId(ticketId, seq),
        tenantId,
        kind: 'offer-timeout',
        ticketId,
        seq,
        dueAt: dueAt.toISOString(),
        lease: null,
      });
      let saved: Versioned<Ticket>;
      try {
        saved = await this.deps.tickets.replace(offered, current.etag);
      } catch (err) {
        await this.updateCoach(
          tenantId,
          choice.coach.userId,
          (c) => (c.pendingOffers = Math.max(0, c.pendingOffers - 1)),
        );
        if (isConflict(err)) continue; // cancelled or changed meanwhile: look again
        throw err;
      }
      this.countRequest(ticket);
      this.later(() => this.deps.aggregates.record(tenantId, coachScopes(choice.coach), { type: 'offered' }));
      const minutes = Math.round(this.deps.offerTimeoutSeconds / 60);
      this.later(async () => {
        const activityId = await this.sendOffer(saved.value, choice, minutes, dueAt);
        if (activityId) await this.rememberOfferCard(tenantId, ticketId, seq, activityId);
      });
      return saved.value;
    }
    throw new Error(`could not offer ticket ${ticketId}: too much contention`);
  }

  /**
   * No coach (left) to offer: the coach pool and the coordinator are told. The requester
   * hears it from us only outside their own turn; within it, the status card that replaces
   * the one they tapped already says we are still looking.
   */
  private async escalate(
    current: Versioned<Ticket>,
    inRequesterTurn: boolean,
    listed?: Array<Versioned<Coach>>,
  ): Promise<Ticket> {
    const t = current.value;
    const escalated: Ticket = {
      ...routed(t),
      state: 'escalated',
      offer: null,
      events: [...t.events, this.event('escalated', {})],
      updatedAt: this.deps.clock.now().toISOString(),
    };
    let saved: Ticket;
    try {
      saved = (await this.deps.tickets.replace(escalated, current.etag)).value;
    } catch (err) {
      if (isConflict(err)) return (await this.deps.tickets.get(t.tenantId, t.ticketId))!.value;
      throw err;
    }
    this.countRequest(t);
    // An offer attempt that lost its ticket write (the ticket changed meanwhile) may have stored the
    // time-out of the offer it never made: no offer of the escalated ticket carries that seq, so it goes.
    await this.deps.timers.cancel(t.tenantId, timerId(t.ticketId, t.offerCount + 1));
    // The coaches routing just listed, when it did (a burst escalates many tickets: one query each, not two).
    const [coaches, tenant] = await Promise.all([
      listed ?? this.deps.coaches.list(t.tenantId),
      this.deps.directory.getTenant(t.tenantId),
    ]);
    // The order: the department's coaches and its contact persons now; the coordinator only when
    // nobody picked it up within one offer's time (at once when the department has no contact person).
    const contacts = contactsOf(tenant, saved.requester.departmentId).filter((id) => id !== saved.requester.userId);
    if (contacts.length) {
      const dueAt = new Date(this.deps.clock.now().getTime() + this.deps.offerTimeoutSeconds * 1000);
      await this.deps.timers.schedule({
        id: escalationTimerId(saved.ticketId, saved.events.length),
        tenantId: saved.tenantId,
        kind: 'coordinator-escalation',
        ticketId: saved.ticketId,
        seq: saved.events.length,
        dueAt: dueAt.toISOString(),
        lease: null,
      });
      this.later(() => this.deps.notifier.contactEscalation(saved, contacts));
    }
    this.later(() =>
      this.deps.notifier.escalation(
        saved,
        poolFor(
          saved,
          coaches.map((c) => c.value),
        ),
        contacts.length ? null : coordinatorOf(tenant),
      ),
    );
    this.later(() => this.deps.aggregates.record(t.tenantId, requesterScopes(saved), { type: 'escalated' }));
    if (!inRequesterTurn) this.later(() => this.deps.notifier.requester(saved, true));
    return saved;
  }

  /**
   * A request is counted with its first step (the first offer, an escalation or a cancel before
   * either): the write that removes `routeDueAt` happens once per ticket, whichever instance makes it.
   */
  private countRequest(before: Ticket): void {
    if (!before.routeDueAt) return;
    this.later(() =>
      this.deps.aggregates.record(before.tenantId, requesterScopes(before), {
        type: 'requested',
        intake: before.kind === 'intake',
        month: before.createdAt.slice(0, 7),
      }),
    );
  }

  /**
   * The offer card. When the store or the network fails on the way (reading the coach's chat
   * or language), it is tried again while the offer stands: a coach must not miss an offer
   * whose time-out still runs.
   */
  private async sendOffer(
    ticket: Ticket,
    choice: { coach: Coach; reasons: string[] },
    minutes: number,
    dueAt: Date,
  ): Promise<string | null> {
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref()));
    const room = dueAt.getTime() - this.deps.clock.now().getTime();
    for (let wait = OFFER_RETRY_FIRST_MS, waited = 0; ; waited += wait, wait *= 2) {
      try {
        return await this.deps.notifier.offer(ticket, choice.coach, choice.reasons, minutes);
      } catch (err) {
        if (!isTemporarilyUnavailable(err) || waited + wait >= room) throw err;
        await sleep(wait);
      }
    }
  }

  private async rememberOfferCard(
    tenantId: string,
    ticketId: string,
    seq: number,
    activityId: string,
  ): Promise<Ticket> {
    for (;;) {
      const current = (await this.deps.tickets.get(tenantId, ticketId))!;
      if (current.value.offer?.seq !== seq) return current.value;
      try {
        return (
          await this.deps.tickets.replace(
            { ...current.value, offer: { ...current.value.offer, activityId } },
            current.etag,
          )
        ).value;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
  }

  private passOn(t: Ticket, coachId: string, type: 'declined' | 'timed-out' | 'given-back', reason?: string): Ticket {
    return {
      ...t,
      state: 'searching',
      offer: null,
      passedBy: t.passedBy.includes(coachId) ? t.passedBy : [...t.passedBy, coachId],
      events: [
        ...t.events,
        this.event(type, { coachId, ...(type === 'timed-out' ? {} : { by: coachId }), ...(reason ? { reason } : {}) }),
      ],
    };
  }

  private async afterPass(before: Ticket, after: Ticket, why: 'declined' | 'timed-out'): Promise<void> {
    const offer = before.offer!;
    // A time-out's own timer stays until the next offer is made: the scheduler drops it then, or tries again.
    if (why === 'declined') await this.deps.timers.cancel(after.tenantId, timerId(after.ticketId, offer.seq));
    const coach = await this.updateCoach(
      after.tenantId,
      offer.coachId,
      (c) => (c.pendingOffers = Math.max(0, c.pendingOffers - 1)),
    );
    if (coach) this.later(() => this.deps.aggregates.record(after.tenantId, coachScopes(coach), { type: why }));
    if (why === 'timed-out')
      this.later(() => this.deps.notifier.offerClosed(after, offer.coachId, offer.activityId, 'timed-out'));
    await this.offerNext(after.tenantId, after.ticketId, null, false);
  }

  private async releaseOffer(
    ticket: Ticket,
    coachId: string,
    activityId: string | null | undefined,
    why: 'cancelled' | 'taken',
  ): Promise<void> {
    await this.deps.timers.cancel(ticket.tenantId, timerId(ticket.ticketId, ticket.offerCount));
    await this.updateCoach(ticket.tenantId, coachId, (c) => (c.pendingOffers = Math.max(0, c.pendingOffers - 1)));
    this.later(() => this.deps.notifier.offerClosed(ticket, coachId, activityId, why));
  }

  /**
   * Applies a change to a ticket with its ETag. `decide` returns the new ticket, null
   * for "nothing to change", or throws; on a conflict the ticket is read again and
   * decided anew, so a second click sees the first one's outcome.
   */
  private async change(
    tenantId: string,
    ticketId: string,
    decide: (t: Ticket) => Promise<Ticket | null>,
    then: (before: Ticket, after: Ticket, changed: boolean) => Promise<HelpView>,
  ): Promise<HelpView> {
    if (!ID.test(ticketId)) throw bad();
    for (let attempt = 0; ; attempt++) {
      const current = await this.deps.tickets.get(tenantId, ticketId);
      if (!current) throw bad();
      const next = await decide(current.value);
      if (!next) return then(current.value, current.value, false);
      let saved: Versioned<Ticket>;
      try {
        saved = await this.deps.tickets.replace(
          { ...next, updatedAt: this.deps.clock.now().toISOString() },
          current.etag,
        );
      } catch (err) {
        if (!isConflict(err) || attempt >= 4) throw err;
        continue;
      }
      return then(current.value, saved.value, true);
    }
  }

  private updateCoach(tenantId: string, userId: string, change: (c: Coach) => void): Promise<Coach | null> {
    return updateCoach(this.deps.coaches, tenantId, userId, change);
  }

  private statusView(ticket: Ticket, viewer: string): HelpView {
    return {
      kind: 'status',
      ticket,
      canCancel: ticket.requester.userId === viewer && OPEN_STATES.has(ticket.state),
      canReopen: ticket.requester.userId === viewer && this.canReopen(ticket, this.deps.clock.now()),
    };
  }

  canReopen(t: Ticket, now: Date): boolean {
    return canReopen(t, now);
  }

  private event(type: TicketEvent['type'], extra: Partial<TicketEvent>): TicketEvent {
    return { type, at: this.deps.clock.now().toISOString(), ...extra };
  }
}

export const timerId = (ticketId: string, seq: number) => `timer:${ticketId}:${seq}`;
export const routeTimerId = (ticketId: string) => `route:${ticketId}`;

/** The ticket without its first routing's due time: it is routed (offered or escalated). */
function routed(t: Ticket): Ticket {
  const copy = { ...t };
  delete copy.routeDueAt;
  return copy;
}

/** One ticket per form card (or invoke) of a user: a UUID-shaped hash, so a repeat finds the first. */
function submitTicketId(user: UserContext, key: string): string {
  const h = createHash('sha256').update(`${user.tenantId}|${user.userId}|${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** One per escalation of a ticket (a reopened ticket can escalate again): named by the escalation's event position. */
export const escalationTimerId = (ticketId: string, at: number) => `timer:${ticketId}:escalation:${at}`;

function requesterScopes(t: Ticket): HelpScope[] {
  const scopes: HelpScope[] = [{ kind: 'tenant', id: t.tenantId }];
  if (t.requester.departmentId) scopes.push({ kind: 'department', id: t.requester.departmentId });
  if (t.requester.locationId) scopes.push({ kind: 'location', id: t.requester.locationId });
  if (t.requester.teamId) scopes.push({ kind: 'team', id: t.requester.teamId });
  return scopes;
}

function coachScopes(c: Pick<Coach, 'departmentId' | 'locationId'>): HelpScope[] {
  return [
    ...(c.departmentId ? [{ kind: 'coach-department' as const, id: c.departmentId }] : []),
    ...(c.locationId ? [{ kind: 'coach-location' as const, id: c.locationId }] : []),
  ];
}

/** The department's coaches (else the location's), never the requester. */
function poolFor(t: Ticket, coaches: Coach[]): string[] {
  const others = coaches.filter((c) => c.userId !== t.requester.userId && isApproved(c));
  const department = others.filter((c) => t.requester.departmentId && c.departmentId === t.requester.departmentId);
  const pool = department.length
    ? department
    : others.filter((c) => t.requester.locationId && c.locationId === t.requester.locationId);
  return pool.map((c) => c.userId);
}
