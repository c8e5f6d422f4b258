import { t, tn } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import type { CoachStats, MyTicketsModel, TicketSummary } from './models';
import { formatDuration, formatNumber, formatShortDate, plain, stateLabel, truncate } from './ticket-facts';
import { escapeMarkdown } from '../markdown';

/** At most this many tickets per section, so the card stays small on a phone. */
export const MAX_TICKETS_PER_SECTION = 20;
const QUESTION_CHARS = 80;

/** The requester's side never names a coach before one accepted (an offer is not a promise). */
const COACH_KNOWN = new Set(['accepted', 'resolved', 'rated']);

function ticketBlock(s: TicketSummary, side: 'requester' | 'coach', locale: Locale): Element {
  const items: Element[] = [
    text(
      `**${escapeMarkdown(s.topicName)}** · ${stateLabel(s.state, side, locale)} · ${formatShortDate(s.createdAt, locale)}`,
      {
        spacing: 'None',
      },
    ),
    plain(truncate(s.question, QUESTION_CHARS), { spacing: 'None' }),
  ];
  const details: string[] = [];
  if (s.otherPartyName && (side === 'coach' || COACH_KNOWN.has(s.state))) {
    details.push(t(locale, side === 'coach' ? 'help.tickets.from' : 'help.tickets.coach', { name: s.otherPartyName }));
  }
  if (s.minutesToAccept !== null)
    details.push(t(locale, 'help.tickets.acceptedAfter', { time: formatDuration(s.minutesToAccept, locale) }));
  if (s.minutesToResolve !== null)
    details.push(t(locale, 'help.tickets.resolvedAfter', { time: formatDuration(s.minutesToResolve, locale) }));
  // The time the coach entered on resolving, next to the clock time since the question came in.
  if (side === 'coach' && s.minutesSpent)
    details.push(t(locale, 'help.tickets.spent', { time: formatDuration(s.minutesSpent, locale) }));
  if (s.rating !== null) details.push(t(locale, 'help.tickets.rating', { rating: s.rating }));
  // Names can carry Markdown characters; the details line is shown without Markdown.
  if (details.length) items.push(plain(details.join(' · '), { spacing: 'None' }));
  return { type: 'Container', separator: true, spacing: 'Small', items };
}

function section(
  title: string,
  tickets: TicketSummary[],
  side: 'requester' | 'coach',
  emptyText: string,
  locale: Locale,
): Element[] {
  const out: Element[] = [text(title, { weight: 'Bolder', size: 'Medium', spacing: 'Large' })];
  if (!tickets.length) return [...out, text(emptyText, { isSubtle: true })];
  out.push(...tickets.slice(0, MAX_TICKETS_PER_SECTION).map((s) => ticketBlock(s, side, locale)));
  if (tickets.length > MAX_TICKETS_PER_SECTION)
    out.push(
      text(tn(locale, 'help.tickets.more', tickets.length - MAX_TICKETS_PER_SECTION), {
        isSubtle: true,
        size: 'Small',
      }),
    );
  return out;
}

function statsSection(s: CoachStats, locale: Locale): Element[] {
  const lines = [tn(locale, 'coach.stats.handled', s.handled)];
  if (s.medianMinutesToAccept !== null)
    lines.push(t(locale, 'coach.stats.accept', { time: formatDuration(s.medianMinutesToAccept, locale) }));
  if (s.medianMinutesToResolve !== null)
    lines.push(t(locale, 'coach.stats.resolve', { time: formatDuration(s.medianMinutesToResolve, locale) }));
  lines.push(
    s.averageRating !== null && s.ratings > 0
      ? tn(locale, 'coach.stats.rating', s.ratings, { rating: formatNumber(s.averageRating, locale) })
      : t(locale, 'coach.stats.noRating'),
    t(locale, s.available ? 'coach.stats.available' : 'coach.stats.unavailable'),
    t(locale, 'coach.stats.load', {
      open: s.openTickets,
      maxOpen: s.maxOpenTickets,
      week: s.weekCount,
      capacity: s.weeklyCapacity,
    }),
  );
  return [
    text(t(locale, 'coach.stats.title'), { weight: 'Bolder', size: 'Medium', spacing: 'Large', separator: true }),
    text(lines.map((l) => `- ${l}`).join('\n')),
    text(t(locale, s.available ? 'coach.stats.hintOff' : 'coach.stats.hintOn'), { isSubtle: true, size: 'Small' }),
  ];
}

/** `mijn tickets`: my questions; for coaches also the questions I help with and my own figures. */
export function myTicketsCard(m: MyTicketsModel, locale: Locale): AdaptiveCard {
  const isCoach = m.coachStats !== null || m.asCoach.length > 0;
  const body: Element[] = [
    heading(t(locale, 'help.tickets.title')),
    ...section(t(locale, 'help.tickets.mine'), m.asRequester, 'requester', t(locale, 'help.tickets.mineEmpty'), locale),
    ...(isCoach
      ? section(t(locale, 'help.tickets.helping'), m.asCoach, 'coach', t(locale, 'help.tickets.helpingEmpty'), locale)
      : []),
    ...(m.coachStats ? statsSection(m.coachStats, locale) : []),
  ];
  return card(body, [action(t(locale, 'action.askCoach'), 'help.start', {}, 'positive')]);
}
