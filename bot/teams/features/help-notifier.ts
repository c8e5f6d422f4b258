import type { Logger } from '../../logger';
import { toLocale, type Locale } from '../../domain/org';
import type { Directory, Messenger } from '../../domain/ports';
import type { HelpNotifier } from '../../domain/help/help-service';
import type { Coach, Ticket } from '../../domain/help/help-types';
import { coachOfferCard } from '../../cards/help/coach-offer-card';
import { coachOfferClosedCard } from '../../cards/help/coach-offer-closed-card';
import { escalationCard } from '../../cards/help/escalation-card';
import { ratingCard } from '../../cards/help/rating-card';
import type { HelpCards } from './help-cards';

/** The help flow's proactive messages: cards through the messenger (queued and rate-limited). */
export class TeamsHelpNotifier implements HelpNotifier {
  constructor(private readonly deps: { messenger: Messenger; directory: Directory; cards: HelpCards; canReopen: (t: Ticket) => boolean; log: Logger }) {}

  async offer(ticket: Ticket, coach: Coach, reasons: string[], minutesToAnswer: number): Promise<string | null> {
    const locale = await this.localeOf(ticket.tenantId, coach.userId);
    const card = coachOfferCard({ ticket, topicName: this.deps.cards.topicName(ticket.topic, locale), requesterName: ticket.requester.name, reasons, minutesToAnswer }, locale);
    return this.deps.messenger.sendCard(ticket.tenantId, coach.userId, card);
  }

  async offerClosed(ticket: Ticket, coachId: string, activityId: string | null | undefined, why: Parameters<HelpNotifier['offerClosed']>[3]): Promise<void> {
    if (!activityId) return;
    const locale = await this.localeOf(ticket.tenantId, coachId);
    await this.deps.messenger.updateCard(ticket.tenantId, coachId, activityId, coachOfferClosedCard({ ticket, topicName: this.deps.cards.topicName(ticket.topic, locale), why }, locale));
  }

  async requester(ticket: Ticket, notify: boolean): Promise<void> {
    const locale = toLocale(ticket.requester.locale);
    const open = ['searching', 'offered', 'escalated'].includes(ticket.state);
    const card = await this.deps.cards.status(ticket, locale, open, this.deps.canReopen(ticket));
    // The status card is kept current in place; a step that matters also arrives as a short new message, which notifies.
    if (ticket.requesterActivityId) await this.deps.messenger.updateCard(ticket.tenantId, ticket.requester.userId, ticket.requesterActivityId, card);
    if (!ticket.requesterActivityId) await this.deps.messenger.sendCard(ticket.tenantId, ticket.requester.userId, card);
    else if (notify) await this.deps.messenger.sendCard(ticket.tenantId, ticket.requester.userId, await this.deps.cards.status(ticket, locale, false, false, true));
  }

  async rating(ticket: Ticket): Promise<void> {
    const locale = toLocale(ticket.requester.locale);
    await this.deps.messenger.sendCard(ticket.tenantId, ticket.requester.userId, ratingCard({ ticket, coachName: ticket.coachName ?? '', topicName: this.deps.cards.topicName(ticket.topic, locale) }, locale));
  }

  async escalation(ticket: Ticket, coachIds: string[], coordinatorId: string | null): Promise<void> {
    const offers = ticket.offerCount;
    const sends = coachIds.map(async (id) => {
      const locale = await this.localeOf(ticket.tenantId, id);
      return this.deps.messenger.sendCard(ticket.tenantId, id, escalationCard({ ticket, topicName: this.deps.cards.topicName(ticket.topic, locale), offers, forCoach: true }, locale));
    });
    if (coordinatorId && !coachIds.includes(coordinatorId)) {
      const locale = await this.localeOf(ticket.tenantId, coordinatorId);
      sends.push(this.deps.messenger.sendCard(ticket.tenantId, coordinatorId, escalationCard({ ticket, topicName: this.deps.cards.topicName(ticket.topic, locale), offers, forCoach: false }, locale)));
    }
    const results = await Promise.allSettled(sends);
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed) this.deps.log.warn({ ticketId: ticket.ticketId, failed }, 'some escalation messages failed');
  }

  private async localeOf(tenantId: string, userId: string): Promise<Locale> {
    return toLocale((await this.deps.directory.getPerson(tenantId, userId))?.preferredLocale);
  }
}
