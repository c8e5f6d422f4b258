import { t, tn, type MessageKey } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { EventView } from '../../domain/events/event-service';
import { action, card, type Element, heading, openUrl, text } from '../card';
import { escapeMarkdown } from '../markdown';

/** At most this many events on one card: a phone shows them without endless scrolling. */
const MAX_EVENTS = 6;

const LOCALE_TAG: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

/** "wo 9 dec." from the event's local date (the day is already in the tenant's zone). */
function day(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** The lines every event card shows: kind and title, when, where, places. */
export function eventLines(e: EventView, locale: Locale): Element[] {
  const kind = t(locale, `events.kind.${e.kind}` as MessageKey);
  const where = [e.place, e.onlineUrl ? t(locale, 'events.online') : ''].filter(Boolean).join(' · ');
  const places =
    e.mine === 'confirmed'
      ? t(locale, 'events.mine.confirmed')
      : e.mine === 'waiting'
        ? t(locale, 'events.mine.waiting', { position: e.waitingPosition ?? 1 })
        : e.spotsLeft > 0
          ? tn(locale, 'events.spots', e.spotsLeft)
          : t(locale, 'events.full');
  return [
    text(`**${escapeMarkdown(e.title)}**`, { spacing: 'Medium', separator: true }),
    text(`${kind} · ${t(locale, 'events.when', { date: day(e.date, locale), start: e.start, end: e.end })}`, {
      spacing: 'None',
      isSubtle: true,
    }),
    ...(where ? [text(escapeMarkdown(where), { spacing: 'None', isSubtle: true })] : []),
    text(places, { spacing: 'Small', weight: e.mine ? 'Bolder' : 'Default' }),
  ];
}

/** The buttons for one event: sign up (or join the waiting list), or give up one's place; the online link once signed up. */
function eventButtons(e: EventView, locale: Locale): Element[] {
  if (e.started || e.status !== 'scheduled') return [];
  if (e.mine) {
    return [
      action(t(locale, 'events.action.cancel'), 'event.cancel', { e: e.eventId }),
      ...(e.mine === 'confirmed' && e.onlineUrl ? [openUrl(t(locale, 'events.action.open'), e.onlineUrl)] : []),
    ];
  }
  const title = e.spotsLeft > 0 ? t(locale, 'events.action.signUp') : t(locale, 'events.action.wait');
  return [action(title, 'event.signUp', { e: e.eventId }, 'positive')];
}

export interface EventsModel {
  events: EventView[];
  /** Set when the list is one module's events. */
  module?: { id: string; title: string };
}

/** `activiteiten`: the upcoming events with sign-up and cancel in place. */
export function eventsCard(m: EventsModel, locale: Locale) {
  const body: Element[] = [
    heading(
      m.module
        ? t(locale, 'events.titleModule', { module: escapeMarkdown(m.module.title) })
        : t(locale, 'events.title'),
    ),
    text(t(locale, 'events.intro'), { isSubtle: true }),
  ];
  if (!m.events.length) body.push(text(t(locale, 'events.none'), { spacing: 'Medium' }));
  for (const e of m.events.slice(0, MAX_EVENTS)) {
    body.push(...eventLines(e, locale));
    const buttons = eventButtons(e, locale);
    if (buttons.length) body.push({ type: 'ActionSet', actions: buttons });
  }
  return card(body, [action(t(locale, 'action.menu'), 'menu')]);
}

/** A proactive notice about one event (moved up from the waiting list, the day-before reminder, cancelled). */
export function eventNoticeCard(kind: 'promoted' | 'reminder' | 'cancelled', e: EventView, locale: Locale) {
  const title = escapeMarkdown(e.title);
  const body: Element[] = [
    heading(t(locale, `events.${kind}.title`, { title })),
    text(t(locale, `events.${kind}.body`, { title })),
    ...eventLines(e, locale),
  ];
  const buttons = kind === 'cancelled' ? [] : eventButtons(e, locale);
  if (buttons.length) body.push({ type: 'ActionSet', actions: buttons });
  return card(body, [action(t(locale, 'events.action.show'), 'events.show', {})]);
}
