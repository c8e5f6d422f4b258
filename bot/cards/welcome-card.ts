import { t } from '../i18n';
import type { Locale } from '../domain/org';
import { action, card, heading, text } from './card';
import { escapeMarkdown } from './markdown';

export interface WelcomeModel {
  givenName?: string;
  teamKnown: boolean;
  anonymityThreshold: number;
}

export function welcomeCard(m: WelcomeModel, locale: Locale) {
  return card(
    [
      heading(t(locale, 'welcome.title', { name: m.givenName ? `, ${escapeMarkdown(m.givenName)}` : '' })),
      text(t(locale, 'welcome.body')),
      text(t(locale, 'welcome.privacy', { threshold: m.anonymityThreshold }), { isSubtle: true, size: 'Small' }),
      ...(m.teamKnown ? [] : [text(t(locale, 'welcome.unknownTeam'), { isSubtle: true, size: 'Small' })]),
    ],
    [
      action(t(locale, 'action.startScan'), 'scan.start', {}, 'positive'),
      action(t(locale, 'action.askCoach'), 'help.start'),
      action(t(locale, 'action.menu'), 'menu'),
    ],
  );
}
