import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import type { RequesterStatusModel } from './models';
import { openUrl, outcomeLabel, ticketFacts, ticketsAction } from './ticket-facts';
import { escapeMarkdown } from '../markdown';

/**
 * The requester's status card, replaced in place as the ticket moves. While the ticket is
 * searching, offered or escalated it never names a coach: an offer is not a promise.
 */
export function requesterStatusCard(m: RequesterStatusModel, locale: Locale): AdaptiveCard {
  const { ticket } = m;
  const coach = ticket.coachName || t(locale, 'help.status.someone');
  const body: Element[] = [];
  const actions: Element[] = [];
  const line = (key: MessageKey, params: Record<string, string | number> = {}, opts: Record<string, unknown> = {}) =>
    body.push(text(t(locale, key, params), opts));

  switch (ticket.state) {
    case 'searching':
    case 'offered':
      body.push(heading(t(locale, 'help.status.searchingTitle')));
      line('help.status.searching');
      break;
    case 'escalated':
      body.push(heading(t(locale, 'help.status.escalatedTitle')));
      line('help.status.escalated');
      break;
    case 'accepted':
      body.push(heading(t(locale, 'help.status.acceptedTitle', { coach: escapeMarkdown(coach) })));
      line(m.chatUrl ? 'help.status.acceptedChat' : 'help.status.accepted', { coach: escapeMarkdown(coach) });
      if (m.chatUrl) actions.push(openUrl(t(locale, 'help.action.chat', { name: coach }), m.chatUrl));
      break;
    case 'resolved':
      body.push(heading(t(locale, 'help.status.resolvedTitle')));
      if (ticket.outcome)
        line('help.status.resolved', { outcome: outcomeLabel(ticket.outcome, locale) }, { weight: 'Bolder' });
      if (m.canReopen) line('help.status.reopenHint', {}, { isSubtle: true });
      break;
    case 'rated':
      // This card replaces the rating card, right under the status card that already says "Je vraag is
      // afgerond" with its outcome and facts: it thanks, names the question in one line and repeats nothing.
      body.push(heading(t(locale, 'help.status.ratedTitle')));
      if (ticket.rating) line('help.status.rated', { rating: ticket.rating });
      break;
    case 'cancelled':
      body.push(heading(t(locale, 'help.status.cancelledTitle')));
      line('help.status.cancelled');
      break;
  }
  const compact = m.compact || ticket.state === 'rated';
  if (compact)
    body.push(
      text(`${escapeMarkdown(m.topicName)}: ${escapeMarkdown(ticket.question)}`, { isSubtle: true, size: 'Small' }),
    );
  else body.push(ticketFacts(ticket, m.topicName, locale));

  if (m.compact) return card(body, actions);
  if (m.canCancel)
    actions.push(action(t(locale, 'help.action.cancel'), 'help.cancel', { t: ticket.ticketId }, 'destructive'));
  if (m.canReopen) actions.push(action(t(locale, 'help.action.reopen'), 'help.reopen', { t: ticket.ticketId }));
  actions.push(ticketsAction(locale));
  return card(body, actions);
}
