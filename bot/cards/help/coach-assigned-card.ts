import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import type { CoachAssignedModel } from './models';
import { OUTCOMES, openUrl, outcomeLabel, ticketFacts, withoutInputs } from './ticket-facts';
import { escapeMarkdown } from '../markdown';

/**
 * After accepting: who to help and how, a chat link, and the resolve form (`outcome`,
 * `minutes`) with Resolve (`help.resolve` {t}) or Give back (`help.giveBack` {t}).
 */
export function coachAssignedCard(m: CoachAssignedModel, locale: Locale): AdaptiveCard {
  const { ticket } = m;
  const name = m.requesterName;
  const body: Element[] = [
    heading(t(locale, 'help.assigned.title', { name: escapeMarkdown(name) })),
    text(t(locale, 'help.assigned.body', { name: escapeMarkdown(name) })),
    ticketFacts(ticket, m.topicName, locale),
    {
      type: 'Input.ChoiceSet',
      id: 'outcome',
      label: t(locale, 'help.assigned.outcome'),
      style: 'expanded',
      wrap: true,
      isRequired: true,
      errorMessage: t(locale, 'help.assigned.outcomeError'),
      choices: OUTCOMES.map((o) => ({ title: outcomeLabel(o, locale), value: o })),
      spacing: 'Medium',
    },
    {
      type: 'Input.Number',
      id: 'minutes',
      label: t(locale, 'help.assigned.minutes'),
      min: 1,
      max: 480,
      isRequired: true,
      errorMessage: t(locale, 'help.assigned.minutesError'),
    },
    text(t(locale, 'help.assigned.giveBackHint'), { isSubtle: true, size: 'Small', spacing: 'Medium' }),
  ];
  return card(body, [
    ...(m.chatUrl ? [openUrl(t(locale, 'help.action.chat', { name }), m.chatUrl)] : []),
    action(t(locale, 'help.action.resolve'), 'help.resolve', { t: ticket.ticketId }, 'positive'),
    // Giving back must not demand the resolve form's required inputs.
    withoutInputs(action(t(locale, 'help.action.giveBack'), 'help.giveBack', { t: ticket.ticketId })),
  ]);
}
