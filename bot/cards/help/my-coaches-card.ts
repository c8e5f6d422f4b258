import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, openUrl, text } from '../card';
import { escapeMarkdown } from '../markdown';

export interface MyCoach {
  name: string;
  topicNames: string[];
  available: boolean;
  /** A one-tap Teams chat, when the coach's sign-in name is known. */
  chatUrl: string | null;
}

export interface MyCoachesModel {
  team: MyCoach[];
  department: MyCoach[];
  contactNames: string[];
}

/** At most this many coaches per group: a card stays small on a phone. */
const MAX_PER_GROUP = 6;

/** The Teams deep link to a 1:1 chat with a colleague (their UPN, usually their e-mail address). */
export const teamsChatUrl = (upn: string): string =>
  `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(upn)}`;

/**
 * `wie is mijn digicoach`: the approved coaches of the user's team and department, each
 * with their topics and a chat link; or, when there are none, what to do instead (`hulp`).
 */
export function myCoachesCard(m: MyCoachesModel, locale: Locale): AdaptiveCard {
  const help = action(t(locale, 'action.askCoach'), 'help.start', {}, 'positive');
  const contacts = m.contactNames.length
    ? [
        text(t(locale, 'myCoaches.contacts', { names: m.contactNames.map(escapeMarkdown).join(', ') }), {
          isSubtle: true,
          spacing: 'Medium',
        }),
      ]
    : [];
  if (!m.team.length && !m.department.length)
    return card([heading(t(locale, 'myCoaches.emptyTitle')), text(t(locale, 'myCoaches.empty')), ...contacts], [help]);
  const group = (titleKey: 'myCoaches.team' | 'myCoaches.department', coaches: MyCoach[]): Element[] =>
    coaches.length
      ? [
          text(t(locale, titleKey), { weight: 'Bolder', spacing: 'Medium' }),
          ...coaches.slice(0, MAX_PER_GROUP).map((c) => coachBlock(c, locale)),
        ]
      : [];
  return card(
    [
      heading(t(locale, 'myCoaches.title')),
      text(t(locale, 'myCoaches.intro')),
      ...group('myCoaches.team', m.team),
      ...group('myCoaches.department', m.department),
      ...contacts,
      text(t(locale, 'myCoaches.askHint'), { isSubtle: true, spacing: 'Medium' }),
    ],
    [help],
  );
}

function coachBlock(c: MyCoach, locale: Locale): Element {
  const items: Element[] = [
    text(escapeMarkdown(c.name), { weight: 'Bolder' }),
    text(t(locale, 'myCoaches.topics', { topics: c.topicNames.map(escapeMarkdown).join(', ') }), {
      isSubtle: true,
      spacing: 'None',
    }),
  ];
  if (!c.available) items.push(text(t(locale, 'myCoaches.away'), { isSubtle: true, spacing: 'None' }));
  if (c.chatUrl)
    items.push({ type: 'ActionSet', actions: [openUrl(t(locale, 'myCoaches.chat', { name: c.name }), c.chatUrl)] });
  return { type: 'Container', separator: true, spacing: 'Small', items };
}
