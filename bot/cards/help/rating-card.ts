import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, heading, text } from '../card';
import type { RatingModel } from './models';
import { ticketFacts } from './ticket-facts';
import { escapeMarkdown } from '../markdown';

/** After resolving, to the requester: a score 1–5 (`rating`) and an optional `comment`; `help.rate` {t}. */
export function ratingCard(m: RatingModel, locale: Locale): AdaptiveCard {
  const coach = m.coachName || t(locale, 'help.status.someone');
  return card(
    [
      heading(t(locale, 'help.rating.title', { coach: escapeMarkdown(coach) })),
      ticketFacts(m.ticket, m.topicName, locale, { short: true }),
      {
        type: 'Input.ChoiceSet',
        id: 'rating',
        label: t(locale, 'help.rating.label'),
        style: 'expanded',
        wrap: true,
        isRequired: true,
        errorMessage: t(locale, 'help.rating.error'),
        choices: ['5', '4', '3', '2', '1'].map((v) => ({
          title: t(locale, `help.rating.${v}` as MessageKey),
          value: v,
        })),
        spacing: 'Medium',
      },
      {
        type: 'Input.Text',
        id: 'comment',
        label: t(locale, 'help.rating.comment'),
        isMultiline: true,
        maxLength: 300,
        isRequired: false,
      },
      text(t(locale, 'help.rating.who', { coach: escapeMarkdown(coach) }), { isSubtle: true, size: 'Small' }),
    ],
    [action(t(locale, 'help.action.rate'), 'help.rate', { t: m.ticket.ticketId }, 'positive')],
  );
}
