import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { type AdaptiveCard, card, heading, text } from '../card';
import { truncate } from './ticket-facts';
import { escapeMarkdown } from '../markdown';

export interface CoordinatorDigestModel {
  count: number;
  since: Date;
  /** The newest waiting questions, newest first (at most five are shown). */
  latest: Array<{ topicName: string; question: string; requesterName: string }>;
}

/**
 * When several questions are escalated in a short time, the coordinator gets one card that
 * is kept up to date instead of one message per question (one chat takes 60 per 30 s).
 */
export function coordinatorDigestCard(m: CoordinatorDigestModel, locale: Locale): AdaptiveCard {
  const time = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(m.since);
  const lines = m.latest.slice(0, 5).map((q) =>
    t(locale, 'help.digest.line', {
      topic: escapeMarkdown(q.topicName),
      question: escapeMarkdown(truncate(q.question, 80)),
      requester: escapeMarkdown(q.requesterName),
    }),
  );
  return card([
    heading(t(locale, 'help.digest.title', { count: m.count })),
    text(t(locale, 'help.digest.body', { time })),
    text(lines.join('\n')),
    text(t(locale, 'help.digest.advice'), { isSubtle: true, spacing: 'Medium' }),
  ]);
}
