import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { HelpChannel, Outcome, Ticket, TicketState, Urgency } from '../../domain/help/help-types';
import { action, type Element } from '../card';

/** Shared pieces of the help cards: localized labels, the compact ticket facts, durations and dates. */

export const urgencyLabel = (u: Urgency, locale: Locale) => t(locale, `help.urgency.${u}` as MessageKey);
export const channelLabel = (c: HelpChannel, locale: Locale) => t(locale, `help.channel.${c}` as MessageKey);
export const outcomeLabel = (o: Outcome, locale: Locale) => t(locale, `help.outcome.${o}` as MessageKey);

export const URGENCIES: Urgency[] = ['now', 'today', 'week'];
export const CHANNELS: HelpChannel[] = ['chat', 'call', 'in-person'];
export const OUTCOMES: Outcome[] = ['solved', 'service-desk', 'training'];

/**
 * A ticket's state in a few words. The requester never learns that a ticket is offered
 * to a particular coach (it reads as "searching"); a coach sees "waiting for your answer".
 */
export function stateLabel(state: TicketState, side: 'requester' | 'coach', locale: Locale): string {
  if (state === 'offered') return t(locale, side === 'coach' ? 'ticket.state.offeredToMe' : 'ticket.state.searching');
  return t(locale, `ticket.state.${state}` as MessageKey);
}

/**
 * One "Label: value" line. The value is a plain TextRun (no Markdown), so text typed by
 * a colleague (question, place) shows exactly as typed and cannot turn into links or layout.
 */
export function fact(label: string, value: string, opts: Record<string, unknown> = {}): Element {
  return {
    type: 'RichTextBlock',
    spacing: 'Small',
    ...opts,
    inlines: [
      { type: 'TextRun', text: `${label}: `, weight: 'Bolder' },
      { type: 'TextRun', text: value },
    ],
  };
}

/** Plain user text on its own (no Markdown), e.g. a question in a list. */
export function plain(value: string, opts: Record<string, unknown> = {}): Element {
  return { type: 'RichTextBlock', ...opts, inlines: [{ type: 'TextRun', text: value }] };
}

export interface FactOptions {
  /** Show who asked (for coaches and the coordinator). */
  requester?: boolean;
  /** Show when it was asked. */
  asked?: boolean;
  /** Only topic and question. */
  short?: boolean;
}

/** Topic, question, urgency, how and where as short lines in one container. */
export function ticketFacts(ticket: Ticket, topicName: string, locale: Locale, opts: FactOptions = {}): Element {
  const items: Element[] = [];
  if (opts.requester) items.push(fact(t(locale, 'ticket.fact.requester'), ticket.requester.name));
  items.push(
    fact(t(locale, 'ticket.fact.topic'), topicName),
    fact(t(locale, 'ticket.fact.question'), truncate(ticket.question, 300)),
  );
  if (!opts.short) {
    items.push(
      fact(t(locale, 'ticket.fact.urgency'), urgencyLabel(ticket.urgency, locale)),
      fact(t(locale, 'ticket.fact.channel'), channelLabel(ticket.channel, locale)),
    );
    if (ticket.where.trim()) items.push(fact(t(locale, 'ticket.fact.where'), truncate(ticket.where.trim(), 120)));
  }
  if (opts.asked) items.push(fact(t(locale, 'ticket.fact.asked'), formatDateTime(ticket.createdAt, locale)));
  items[0] = { ...items[0], spacing: 'None' };
  return { type: 'Container', spacing: 'Medium', items };
}

/** Cuts text to `max` characters on a word boundary where possible, ending with "…". */
export function truncate(value: string, max: number): string {
  const clean = value.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A duration for people: "less than 1 min", "12 min", "2 h 5 min", "3 days". */
export function formatDuration(minutes: number, locale: Locale): string {
  if (minutes < 1) return t(locale, 'help.duration.underMinute');
  const total = Math.round(minutes);
  if (total < 60) return t(locale, 'help.duration.minutes', { minutes: total });
  if (total < 48 * 60) return t(locale, 'help.duration.hours', { hours: Math.floor(total / 60), minutes: total % 60 });
  return t(locale, 'help.duration.days', { days: Math.round(total / (24 * 60)) });
}

const intlLocale = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

/** "23 nov 2026" / "23 Nov 2026". */
export function formatShortDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  })
    .format(new Date(iso))
    .replace('.', '');
}

/** "23 nov 2026, 10:05". */
export function formatDateTime(iso: string, locale: Locale): string {
  const time = new Intl.DateTimeFormat(intlLocale(locale), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
  return `${formatShortDate(iso, locale)}, ${time}`;
}

/** A number with at most one decimal, in the reader's notation ("4,5" / "4.5"). */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(value);
}

/** Joins items as people do: "a, b en c" / "a, b and c". */
export function joinList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(intlLocale(locale), { type: 'conjunction' }).format(items);
}

export function capitalize(value: string): string {
  return value ? value[0].toLocaleUpperCase() + value.slice(1) : value;
}

/** Opens the one-tap Teams chat link. */
export function openUrl(title: string, url: string): Element {
  return { type: 'Action.OpenUrl', title, url };
}

/** An action that does not send or validate the card's inputs (e.g. "give back" next to a resolve form). */
export function withoutInputs(el: Element): Element {
  const fallback = el.fallback as Element | undefined;
  return {
    ...el,
    associatedInputs: 'none',
    ...(fallback ? { fallback: { ...fallback, associatedInputs: 'none' } } : {}),
  };
}

/** "My tickets": offered on most help cards as the way back to the overview. */
export function ticketsAction(locale: Locale): Element {
  return withoutInputs(action(t(locale, 'help.action.tickets'), 'help.tickets'));
}
