import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import type { EscalationModel } from './models';
import { ticketFacts } from './ticket-facts';
import { escapeMarkdown } from '../markdown';

/**
 * After several offers without acceptance. To the department's coaches: "can you help?" with
 * `help.accept` {t, pool: true}. To the programme coordinator: the same facts, no button,
 * and what to look at in the coach network.
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
  const body: Element[] = [
    heading(t(locale, 'help.escalation.titleCoordinator')),
    text(asked),
    facts,
    text(t(locale, 'help.escalation.advice', { name: escapeMarkdown(ticket.requester.name) }), { spacing: 'Medium' }),
  ];
  return card(body);
}
