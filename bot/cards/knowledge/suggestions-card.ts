import { t } from '../../i18n';
import type { Article } from '../../domain/knowledge/article';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import { escapeMarkdown } from '../markdown';
import type { CardData } from '../verbs';
import { articleSteps } from './article-steps';

export interface SuggestionsModel {
  question: string;
  /** Up to 3 articles, best first. */
  articles: Article[];
  /** What "Toch een digicoach" sends on: the help form's fields, or just the question. */
  escalate: CardData<'knowledge.escalate'>;
}

/**
 * "Misschien helpt dit al": the articles that fit a help question, each opening in place with
 * its steps, "Dit hielp me" (`knowledge.helped` {a}) and "Hielp niet" (`knowledge.notHelped`, which
 * offers a coach next); "Toch een digicoach" (`knowledge.escalate`)
 * goes on to a person with the question filled in.
 */
export function suggestionsCard(m: SuggestionsModel, locale: Locale): AdaptiveCard {
  const articles: Element[] = m.articles.slice(0, 3).map((article) => ({
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      text(`**${escapeMarkdown(article.title[locale])}**`),
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.ShowCard',
            title: t(locale, 'knowledge.suggest.show'),
            card: {
              type: 'AdaptiveCard',
              body: [articleSteps(article, locale)],
              actions: [
                action(t(locale, 'knowledge.action.helped'), 'knowledge.helped', { a: article.id }, 'positive'),
                action(t(locale, 'knowledge.action.notHelped'), 'knowledge.notHelped', {
                  a: article.id,
                  ...m.escalate,
                }),
              ],
            },
          },
        ],
      },
    ],
  }));
  return card(
    [
      heading(t(locale, 'knowledge.suggest.title')),
      text(t(locale, 'knowledge.suggest.intro', { question: escapeMarkdown(m.question) })),
      ...articles,
    ],
    [action(t(locale, 'knowledge.action.coach'), 'knowledge.escalate', m.escalate)],
  );
}
