import { type MessageKey, t } from '../i18n';
import type { Locale } from '../domain/org';
import { action, card, type Element, heading, text } from './card';
import type { PlainVerb } from './verbs';
import { escapeMarkdown } from './markdown';

export interface NoticeModel {
  titleKey: MessageKey;
  bodyKey: MessageKey;
  params?: Record<string, string | number>;
  /** The main way forward; the menu is always offered too. */
  next?: { titleKey: MessageKey; verb: PlainVerb };
}

/** A short notice: a title, a line, and the way on. Used for errors, "not yet", pause and the like. */
/** Notice parameters can carry what someone typed (an unknown command): never Markdown. */
function inert(params: NoticeModel['params']): NoticeModel['params'] {
  return (
    params &&
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? escapeMarkdown(v) : v]))
  );
}

export function noticeCard(m: NoticeModel, locale: Locale) {
  const actions: Element[] = [];
  if (m.next) actions.push(action(t(locale, m.next.titleKey), m.next.verb, {}, 'positive'));
  actions.push(action(t(locale, 'action.menu'), 'menu'));
  return card([heading(t(locale, m.titleKey)), text(t(locale, m.bodyKey, inert(m.params)))], actions);
}
