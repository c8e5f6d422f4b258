import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import type { CoachOfferClosedModel } from './models';
import { formatDuration, outcomeLabel, ticketFacts, ticketsAction } from './ticket-facts';

/** The coach's offer card once it is no longer theirs to answer: one line why, the question, no buttons but "my tickets". */
export function coachOfferClosedCard(m: CoachOfferClosedModel, locale: Locale): AdaptiveCard {
  const { ticket } = m;
  const body: Element[] = [
    heading(t(locale, 'help.closed.title')),
    text(t(locale, `help.closed.${m.why}` as MessageKey), { weight: 'Bolder' }),
  ];
  if (m.why === 'resolved' && ticket.outcome) {
    const outcome = t(locale, 'help.status.resolved', { outcome: outcomeLabel(ticket.outcome, locale) });
    body.push(
      text(ticket.minutesSpent ? `${outcome} · ${formatDuration(ticket.minutesSpent, locale)}` : outcome, {
        isSubtle: true,
      }),
    );
  }
  body.push(ticketFacts(ticket, m.topicName, locale, { short: true }));
  // A resolved question can become a how-to for the knowledge base (the coach writes it; nothing is copied in).
  const draft =
    m.why === 'resolved'
      ? [action(t(locale, 'knowledge.draft.action'), 'knowledge.draft', { t: ticket.ticketId })]
      : [];
  return card(body, [...draft, ticketsAction(locale)]);
}
