import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { Profile } from '../../domain/scan/content';
import { action, card, heading, openUrl, text } from '../card';
import { formatDate } from '../format';

export interface IntroModel {
  profiles: Profile[];
  preselected: string | null;
  previousDate: string | null;
  anonymityThreshold: number;
  /** The full privacy statement in the user's language (an absolute URL). */
  privacyUrl?: string;
}

/** What the scan is, how long it takes, who sees what; then the job profile (pre-selected when known). */
export function scanIntroCard(m: IntroModel, locale: Locale) {
  return card(
    [
      heading(t(locale, 'scan.intro.title')),
      text(t(locale, 'scan.intro.body')),
      text(t(locale, 'scan.intro.privacy', { threshold: m.anonymityThreshold }), { isSubtle: true, size: 'Small' }),
      ...(m.previousDate
        ? [text(t(locale, 'scan.intro.previous', { date: formatDate(m.previousDate, locale) }), { size: 'Small' })]
        : []),
      {
        type: 'Input.ChoiceSet',
        id: 'profile',
        label: t(locale, 'scan.intro.profile'),
        isRequired: true,
        errorMessage: t(locale, 'scan.intro.profileError'),
        style: 'expanded',
        wrap: true,
        ...(m.preselected ? { value: m.preselected } : {}),
        choices: m.profiles.map((p) => ({ title: p.name[locale], value: p.id })),
      },
    ],
    [
      action(t(locale, 'scan.action.begin'), 'scan.begin', {}, 'positive'),
      ...(m.privacyUrl ? [openUrl(t(locale, 'privacy.action.statement'), m.privacyUrl)] : []),
    ],
  );
}
