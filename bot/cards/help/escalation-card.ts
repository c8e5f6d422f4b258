import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import type { EscalationModel } from './models';
import { ticketFacts } from './ticket-facts';
import { escapeMarkdown } from '../markdown';

/**
 * After several offers without acceptance. To the department's coaches: "can you help?" with
 * `help.accept` {t, pool: true}. To the department's contact persons (first) and the programme
 * coordinator (when nobody picked it up): the same facts, no button, and what to do next.
 */
export function escalationCard(m: EscalationModel, locale: Locale): AdaptiveCard {
  const { ticket } = m;
  const asked =
    m.offers <= 0
      ? t(locale, 'help.escalation.askedNone')
      : m.offers === 1
        ? t(locale, 'help.escalation.askedOne')
        : t(locale, 'help.escalation.asked', { offers: m.offers });
  const facts = ticketFacts(ticket, m.topicName, locale, { requester: true, asked: true });
  if (m.forCoach) {
    return card(
      [heading(t(locale, 'help.escalation.title')), text(`${asked} ${t(locale, 'help.escalation.canYouHelp')}`), facts],
      [action(t(locale, 'help.action.pickUp'), 'help.accept', { t: ticket.ticketId, pool: true }, 'positive')],
    );
  }
  const name = escapeMarkdown(ticket.requester.name);
  const body: Element[] = [
    heading(t(locale, m.forContact ? 'help.escalation.titleContact' : 'help.escalation.titleCoordinator')),
    text(asked),
    facts,
    text(t(locale, m.forContact ? 'help.escalation.adviceContact' : 'help.escalation.advice', { name }), {
      spacing: 'Medium',
    }),
  ];
  return card(body);
}
