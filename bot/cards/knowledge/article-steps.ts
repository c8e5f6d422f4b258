import type { Article } from '../../domain/knowledge/article';
import type { Locale } from '../../domain/org';
import { type Element, text } from '../card';

/** An article's steps as one numbered list (Teams renders Markdown lists, also on a phone). */
export function articleSteps(article: Article, locale: Locale): Element {
  return text(article.steps[locale].map((step, i) => `${i + 1}. ${step}`).join('\n'));
}
