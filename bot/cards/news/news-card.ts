import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { NewsCardModel } from '../../domain/news/news-service';
import { type AdaptiveCard, card, heading, text } from '../card';
import { escapeMarkdown } from '../markdown';

const TAG: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * Coach news in a coach's chat: who it is from, for whom, and the message as the programme
 * team wrote it (plain text: Markdown in it is shown as typed, never as links or layout).
 */
export function newsCard(m: NewsCardModel, locale: Locale): AdaptiveCard {
  const date = new Date(m.sentAt).toLocaleDateString(TAG[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  });
  const audience = m.departmentName
    ? t(locale, 'news.card.department', { department: escapeMarkdown(m.departmentName) })
    : t(locale, 'news.card.everyone');
  return card([
    heading(t(locale, 'news.card.title')),
    text(`${t(locale, 'news.card.from', { date })} · ${audience}`, { isSubtle: true, spacing: 'None' }),
    // One block per line the team typed: escaping makes each line inert, the blocks keep the line breaks.
    ...m.text
      .split(/\n+/)
      .filter((line) => line.trim())
      .slice(0, 20)
      .map((line, i) => text(escapeMarkdown(line), { spacing: i === 0 ? 'Medium' : 'Small' })),
  ]);
}
