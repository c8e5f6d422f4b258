import { type MessageKey, t } from '../i18n';
import type { Locale } from '../domain/org';
import { action, card, heading, text } from './card';

/** A short notice: a title, a line, and the way back to the menu. Used for errors and "not yet". */
export function noticeCard(m: { titleKey: MessageKey; bodyKey: MessageKey; params?: Record<string, string | number> }, locale: Locale) {
  return card(
    [heading(t(locale, m.titleKey)), text(t(locale, m.bodyKey, m.params))],
    [action(t(locale, 'action.menu'), 'menu')],
  );
}
