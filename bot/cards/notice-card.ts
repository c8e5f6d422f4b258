import { type MessageKey, t } from '../i18n';
import type { Locale } from '../domain/org';
import { action, card, type Element, heading, text } from './card';
import type { PlainVerb } from './verbs';

export interface NoticeModel {
  titleKey: MessageKey;
  bodyKey: MessageKey;
  params?: Record<string, string | number>;
  /** The main way forward; the menu is always offered too. */
  next?: { titleKey: MessageKey; verb: PlainVerb };
}

/** A short notice: a title, a line, and the way on. Used for errors, "not yet", pause and the like. */
export function noticeCard(m: NoticeModel, locale: Locale) {
  const actions: Element[] = [];
  if (m.next) actions.push(action(t(locale, m.next.titleKey), m.next.verb, {}, 'positive'));
  actions.push(action(t(locale, 'action.menu'), 'menu'));
  return card([heading(t(locale, m.titleKey)), text(t(locale, m.bodyKey, m.params))], actions);
}
