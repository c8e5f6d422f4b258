import { t } from '../../i18n';
import type { Article } from '../../domain/knowledge/article';
import type { Locale } from '../../domain/org';
import { type AdaptiveCard, card, heading, text } from '../card';
import { articleSteps } from './article-steps';

/**
 * One article as a card of its own: title and numbered steps. The message extension inserts
 * it into any chat or channel, so it carries no bot actions (taps there would reach nobody's
 * personal chat).
 */
export function articleCard(article: Article, locale: Locale): AdaptiveCard {
  return card([
    heading(article.title[locale]),
    articleSteps(article, locale),
    text(t(locale, 'knowledge.article.footer'), { isSubtle: true, size: 'Small', spacing: 'Medium' }),
  ]);
}
