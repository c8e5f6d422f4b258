import type { Locale } from '../../domain/org';
import type { Directory } from '../../domain/ports';
import type { ContentSource } from '../../domain/scan/scan-service';
import type { Coach, Ticket } from '../../domain/help/help-types';
import { timingsOf } from '../../domain/help/help-types';
import { medianOf } from '../../domain/help/stats';
import type { HelpView } from '../../domain/help/help-service';
import type { CoachStats, Option, TicketSummary } from '../../cards/help/models';
import { helpRequestCard } from '../../cards/help/help-request-card';
import { requesterStatusCard } from '../../cards/help/requester-status-card';
import { coachAssignedCard } from '../../cards/help/coach-assigned-card';
import { coachOfferClosedCard } from '../../cards/help/coach-offer-closed-card';
import { myTicketsCard } from '../../cards/help/my-tickets-card';
import { coachRegistrationCard } from '../../cards/help/coach-registration-card';
import { noticeCard } from '../../cards/notice-card';
import { type MyCoach, myCoachesCard, teamsChatUrl } from '../../cards/help/my-coaches-card';
import type { AdaptiveCard } from '../../cards/card';

/** Turns help views into cards; shared by the chat feature and the proactive notifier. */
export class HelpCards {
  constructor(private readonly deps: { content: ContentSource; directory: Directory }) {}

  topicName(topic: string, locale: Locale): string {
    return this.deps.content.current().domainsById.get(topic)?.name[locale] ?? topic;
  }

  domains(locale: Locale): Option[] {
    return this.deps.content.current().content.domains.map((d) => ({ id: d.id, name: d.name[locale] }));
  }

  /** A one-tap Teams chat with a colleague, when their sign-in name is known. */
  async chatUrl(tenantId: string, userId: string | null, message: string): Promise<string | null> {
    if (!userId) return null;
    const email = (await this.deps.directory.getPerson(tenantId, userId))?.email;
    return email
      ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(email)}&message=${encodeURIComponent(message)}`
      : null;
  }

  async status(
    ticket: Ticket,
    locale: Locale,
    canCancel: boolean,
    canReopen: boolean,
    compact = false,
  ): Promise<AdaptiveCard> {
    const chatUrl =
      ticket.state === 'accepted' ? await this.chatUrl(ticket.tenantId, ticket.coachId, ticket.question) : null;
    return requesterStatusCard(
      { ticket, topicName: this.topicName(ticket.topic, locale), chatUrl, canCancel, canReopen, compact },
      locale,
    );
  }

  async forView(view: HelpView, locale: Locale): Promise<AdaptiveCard> {
    switch (view.kind) {
      case 'requestForm':
        return helpRequestCard(
          {
            domains: this.domains(locale),
            where: view.where,
            topic: view.topic,
            kind: view.requestKind,
            question: view.question,
          },
          locale,
        );
      case 'status':
        return this.status(view.ticket, locale, view.canCancel, view.canReopen);
      case 'assigned':
        return coachAssignedCard(
          {
            ticket: view.ticket,
            topicName: this.topicName(view.ticket.topic, locale),
            requesterName: view.ticket.requester.name,
            chatUrl: await this.chatUrl(view.ticket.tenantId, view.ticket.requester.userId, view.ticket.question),
          },
          locale,
        );
      case 'offerClosed':
        return coachOfferClosedCard(
          { ticket: view.ticket, topicName: this.topicName(view.ticket.topic, locale), why: view.why },
          locale,
        );
      case 'myTickets':
        return myTicketsCard(
          {
            asRequester: view.asRequester.map((t) => this.summary(t, t.coachName, locale)),
            asCoach: view.asCoach.map((t) => this.summary(t, t.requester.name, locale)),
            coachStats: view.coach ? statsOf(view.coach, view.asCoach) : null,
          },
          locale,
        );
      case 'registration': {
        const [locations, departments] = await Promise.all([
          this.deps.directory.listUnits(view.tenantId, 'location'),
          this.deps.directory.listUnits(view.tenantId, 'department'),
        ]);
        return coachRegistrationCard(
          {
            domains: this.domains(locale),
            locations: locations.map(option),
            departments: departments.map(option),
            current: view.current,
            departmentKnown: view.departmentKnown,
            ownLocationId: view.ownLocationId,
          },
          locale,
        );
      }
      case 'registered':
        return noticeCard(
          {
            titleKey: view.coach.approval?.state === 'pending' ? 'coach.pending.title' : 'coach.registered.title',
            bodyKey: view.coach.approval?.state === 'pending' ? 'coach.pending.body' : 'coach.registered.body',
            next: { titleKey: 'help.action.tickets', verb: 'help.tickets' },
          },
          locale,
        );
      case 'availability':
        return noticeCard(
          {
            titleKey: view.available ? 'coach.available.title' : 'coach.unavailable.title',
            bodyKey: view.available ? 'coach.available.body' : 'coach.unavailable.body',
          },
          locale,
        );
      case 'myCoaches': {
        const mine = (c: Coach): MyCoach => ({
          name: c.name,
          topicNames: c.domains.map((d) => this.topicName(d, locale)),
          available: c.available,
          chatUrl: c.email ? teamsChatUrl(c.email) : null,
        });
        return myCoachesCard(
          { team: view.team.map(mine), department: view.department.map(mine), contactNames: view.contactNames },
          locale,
        );
      }
      case 'notCoach':
        return noticeCard(
          {
            titleKey: 'coach.notCoach.title',
            bodyKey: 'coach.notCoach.body',
            next: { titleKey: 'coach.register.title', verb: 'help.register' },
          },
          locale,
        );
    }
  }

  private summary(t: Ticket, otherPartyName: string | null, locale: Locale): TicketSummary {
    const timings = timingsOf(t);
    const minutes = (s: number | null) => (s === null ? null : Math.round(s / 60));
    return {
      ticketId: t.ticketId,
      state: t.state,
      topicName: this.topicName(t.topic, locale),
      question: t.question,
      otherPartyName,
      createdAt: t.createdAt,
      minutesToAccept: minutes(timings.secondsToAccept),
      minutesToResolve: minutes(timings.secondsToResolve),
      minutesSpent: t.minutesSpent ?? null,
      rating: t.rating ?? null,
    };
  }
}

const option = (u: { id: string; name: string }): Option => ({ id: u.id, name: u.name });

/** A coach's own figures, derived from their tickets' events (never typed in). */
function statsOf(coach: Coach, tickets: Ticket[]): CoachStats {
  const handled = tickets.filter((t) => t.state === 'resolved' || t.state === 'rated');
  const ratings = tickets.map((t) => t.rating).filter((r): r is number => typeof r === 'number');
  const minutes = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null).map((s) => s / 60);
  return {
    handled: handled.length,
    medianMinutesToAccept: medianOf(minutes(tickets.map((t) => timingsOf(t).secondsToAccept))),
    medianMinutesToResolve: medianOf(minutes(handled.map((t) => timingsOf(t).secondsToResolve))),
    averageRating: ratings.length ? Math.round((10 * ratings.reduce((s, r) => s + r, 0)) / ratings.length) / 10 : null,
    ratings: ratings.length,
    available: coach.available,
    openTickets: coach.openTickets,
    maxOpenTickets: coach.maxOpenTickets,
    weekCount: coach.weekCount,
    weeklyCapacity: coach.weeklyCapacity,
  };
}
