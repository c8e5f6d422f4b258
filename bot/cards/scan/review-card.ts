import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { AnswerReview } from '../../domain/scan/answer-review';
import { action, card, type Element, heading, text } from '../card';
import { escapeMarkdown } from '../markdown';
import { scanAnswerLabel } from './answer-label';
import { DEFAULT_TERMS } from '../../domain/terms/definitions';
import type { Terms } from '../../domain/terms/terms';

/**
 * "Bekijk je antwoorden": a few checks per card, each with the person's answer, the right
 * one and the content's explanation, naming systems in the tenant's own words. Shown to the
 * owner only, after the scan.
 */
export function reviewCard(r: AnswerReview, locale: Locale, terms: Terms = DEFAULT_TERMS) {
  const words = (s: string) => escapeMarkdown(terms.apply(s, locale));
  const body: Element[] = [heading(t(locale, 'review.title'))];
  if (r.removed) body.push(text(t(locale, 'review.removed')));
  else if (!r.total) body.push(text(t(locale, 'review.none')));
  else {
    body.push(text(t(locale, 'review.intro', { right: r.right, total: r.total }), { isSubtle: true }));
    if (r.pages > 1)
      body.push(text(t(locale, 'review.page', { page: r.page, pages: r.pages }), { size: 'Small', isSubtle: true }));
    for (const { item, given, correct } of r.items) {
      const right = terms.apply(scanAnswerLabel(item, item.answer, locale), locale);
      body.push(
        text(words(item.text[locale]), { weight: 'Bolder', spacing: 'Medium', separator: true }),
        text(
          [
            `${correct ? t(locale, 'review.right') : t(locale, 'review.wrong')} · ${t(locale, 'review.yourAnswer', {
              answer: words(scanAnswerLabel(item, given, locale)),
            })}`,
            ...(correct ? [] : [t(locale, 'review.rightAnswer', { answer: escapeMarkdown(right) })]),
          ].join('  \n'),
          { spacing: 'Small' },
        ),
      );
      if (item.explanation) body.push(text(words(item.explanation[locale]), { isSubtle: true, spacing: 'Small' }));
    }
  }
  const next =
    r.page < r.pages ? [action(t(locale, 'review.next'), 'scan.review', { result: r.resultId, page: r.page + 1 })] : [];
  return card(body, [...next, action(t(locale, 'review.back'), 'scan.result')]);
}
