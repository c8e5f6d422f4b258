import { t } from '../i18n';
import type { Locale } from '../domain/org';
import { action, card, heading, text } from './card';

/** The leaders' own scan lives in the tab; the bot explains it and opens it. */
export function leadershipCard(m: { tabUrl: string }, locale: Locale) {
  return card(
    [heading(t(locale, 'leadership.title')), text(t(locale, 'leadership.body'))],
    [
      { type: 'Action.OpenUrl', title: t(locale, 'leadership.open'), url: m.tabUrl, style: 'positive' },
      action(t(locale, 'action.menu'), 'menu'),
    ],
  );
}
