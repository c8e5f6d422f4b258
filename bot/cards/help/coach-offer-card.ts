import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import type { CoachOfferModel } from './models';
import { capitalize, joinList, ticketFacts } from './ticket-facts';
import { escapeMarkdown } from '../markdown';

/** Reason codes from routing that a coach can understand; the rest (load, rotation) stays internal. */
const REASON_KEYS: Record<string, MessageKey> = {
  'same-coach-as-before': 'coach.reason.same-coach-as-before',
  'nearest:team': 'coach.reason.team',
  'nearest:department': 'coach.reason.department',
  'nearest:location': 'coach.reason.location',
  'nearest:organisation': 'coach.reason.organisation',
  'skill:topic': 'coach.reason.skill',
};

/** "Why you? You are in the same team and you know this topic." — or null when no reason says anything. */
export function whyYouLine(reasons: string[], locale: Locale): string | null {
  const known = reasons.filter((r) => r in REASON_KEYS);
  // Going back to the same coach says more than where they sit.
  const parts = (known.includes('same-coach-as-before') ? known.filter((r) => !r.startsWith('nearest:')) : known).map(
    (r) => t(locale, REASON_KEYS[r]),
  );
  return parts.length ? t(locale, 'help.offer.why', { reasons: capitalize(joinList(parts, locale)) }) : null;
}

/** The 1:1 offer to one coach: the question, why them, the deadline; Accept / Decline (optional reason). */
export function coachOfferCard(m: CoachOfferModel, locale: Locale): AdaptiveCard {
  const { ticket } = m;
  const seq = ticket.offer?.seq ?? 0;
  const why = whyYouLine(m.reasons, locale);
  const body: Element[] = [
    heading(t(locale, 'help.offer.title')),
    text(
      t(locale, ticket.kind === 'intake' ? 'help.offer.fromIntake' : 'help.offer.from', {
        name: escapeMarkdown(m.requesterName),
      }),
    ),
    ticketFacts(ticket, m.topicName, locale),
    ...(why ? [text(why, { spacing: 'Medium', isSubtle: true })] : []),
    text(
      m.minutesToAnswer === 1
        ? t(locale, 'help.offer.deadlineOne')
        : t(locale, 'help.offer.deadline', { minutes: m.minutesToAnswer }),
      { weight: 'Bolder', spacing: 'Medium' },
    ),
    {
      type: 'Input.Text',
      id: 'reason',
      label: t(locale, 'help.offer.reason'),
      placeholder: t(locale, 'help.offer.reasonPlaceholder'),
      maxLength: 200,
      isRequired: false,
    },
  ];
  return card(body, [
    action(t(locale, 'help.action.accept'), 'help.accept', { t: ticket.ticketId, seq }, 'positive'),
    action(t(locale, 'help.action.decline'), 'help.decline', { t: ticket.ticketId, seq }),
  ]);
}
