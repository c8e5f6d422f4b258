import { t } from '../i18n';
import type { Locale } from '../domain/org';
import { action, card, heading, text } from './card';

export function menuCard(m: { isCoach: boolean; intro: boolean }, locale: Locale) {
  return card(
    [
      heading(t(locale, 'menu.title')),
      ...(m.intro ? [text(t(locale, 'menu.intro'))] : []),
      text(t(locale, 'menu.commands')),
      ...(m.isCoach ? [text(t(locale, 'menu.coachCommands'), { isSubtle: true })] : []),
    ],
    [
      action(t(locale, 'action.startScan'), 'scan.start', {}, 'positive'),
      action(t(locale, 'action.askCoach'), 'help.start'),
    ],
  );
}
