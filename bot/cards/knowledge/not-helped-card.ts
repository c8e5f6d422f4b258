import { t } from '../../i18n';
import type { Article } from '../../domain/knowledge/article';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, heading, text } from '../card';
import { escapeMarkdown } from '../markdown';
import type { CardData } from '../verbs';

/** After "Hielp niet": thanks, and the way on to a person with the question as it was ("Toch een digicoach"). */
export function notHelpedCard(
  article: Article,
  escalate: CardData<'knowledge.escalate'>,
  locale: Locale,
): AdaptiveCard {
  return card(
    [
      heading(t(locale, 'knowledge.notHelped.title')),
      text(t(locale, 'knowledge.notHelped.body', { title: escapeMarkdown(article.title[locale]) })),
    ],
    [
      action(t(locale, 'knowledge.action.coach'), 'knowledge.escalate', escalate, 'positive'),
      action(t(locale, 'action.menu'), 'menu'),
    ],
  );
}
