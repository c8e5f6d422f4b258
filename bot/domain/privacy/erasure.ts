import type { Ticket, TicketEvent } from '../help/help-types';

/** What stands in for an erased person in a ticket: never their id, the same for everyone. */
export const ERASED = 'erased';
/** What stands in for a removed detail of a ticket (a name, the question, the place), after erasure or retention. */
export const BLANK = '—';

/**
 * A ticket without the erased person in it; null when they are not in it. Timings
 * (the events and their times), topic, urgency, channel, outcome, minutes and rating
 * stay, so figures about the help itself still add up; who asked, what they asked,
 * where they were and their comment go. Of a coach, the name, id and reasons go.
 */
export function eraseFromTicket(ticket: Ticket, userId: string): Ticket | null {
  let next = ticket;
  if (ticket.requester.userId === userId) {
    next = {
      ...next,
      requester: { userId: ERASED, name: BLANK, locale: ticket.requester.locale },
      question: BLANK,
      where: BLANK,
      comment: undefined,
      requesterActivityId: null,
    };
  }
  const isCoach =
    ticket.coachId === userId ||
    ticket.passedBy.includes(userId) ||
    ticket.offer?.coachId === userId ||
    ticket.events.some((e) => e.coachId === userId);
  if (isCoach) {
    next = {
      ...next,
      coachId: ticket.coachId === userId ? ERASED : ticket.coachId,
      coachName: ticket.coachId === userId ? BLANK : ticket.coachName,
      coachActivityId: ticket.coachId === userId ? null : ticket.coachActivityId,
      passedBy: ticket.passedBy.map((id) => (id === userId ? ERASED : id)),
    };
  }
  const events = next.events.map((e) => eraseFromEvent(e, userId));
  const eventsChanged = events.some((e, i) => e !== next.events[i]);
  if (next === ticket && !eventsChanged) return null;
  return { ...next, events };
}

function eraseFromEvent(e: TicketEvent, userId: string): TicketEvent {
  if (e.by !== userId && e.coachId !== userId) return e;
  const { reason: _reason, reasons: _reasons, ...rest } = e;
  return { ...rest, ...(e.by === userId ? { by: ERASED } : {}), ...(e.coachId === userId ? { coachId: ERASED } : {}) };
}

/** The part of a ticket that is the coach's own: what they did and when, never the requester or the question. */
export function coachPartOf(ticket: Ticket, userId: string) {
  return {
    ticketId: ticket.ticketId,
    createdAt: ticket.createdAt,
    kind: ticket.kind,
    topic: ticket.topic,
    state: ticket.state,
    handledByYou: ticket.coachId === userId,
    outcome: ticket.coachId === userId ? (ticket.outcome ?? null) : null,
    minutesSpent: ticket.coachId === userId ? (ticket.minutesSpent ?? null) : null,
    rating: ticket.coachId === userId ? (ticket.rating ?? null) : null,
    yourSteps: ticket.events
      .filter((e) => e.by === userId || e.coachId === userId)
      .map((e) => ({
        type: e.type,
        at: e.at,
        ...(e.by === userId && e.reason ? { reason: e.reason } : {}),
        ...(e.by === userId && e.outcome ? { outcome: e.outcome } : {}),
        ...(e.by === userId && e.minutes !== undefined ? { minutes: e.minutes } : {}),
      })),
  };
}

/** The requester's own ticket as they asked it, with its steps' times (coaches' routing reasons are not theirs). */
export function requesterPartOf(ticket: Ticket) {
  return {
    ticketId: ticket.ticketId,
    createdAt: ticket.createdAt,
    kind: ticket.kind,
    topic: ticket.topic,
    question: ticket.question,
    urgency: ticket.urgency,
    channel: ticket.channel,
    where: ticket.where,
    state: ticket.state,
    coach: ticket.coachName,
    outcome: ticket.outcome ?? null,
    minutesSpent: ticket.minutesSpent ?? null,
    rating: ticket.rating ?? null,
    comment: ticket.comment ?? null,
    steps: ticket.events.map((e) => ({ type: e.type, at: e.at })),
  };
}
