import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { PulseAbout } from '../../domain/pulse/pulse';
import { action, type AdaptiveCard, card, heading, text } from '../card';
import { escapeMarkdown } from '../markdown';

/**
 * The optional pulse after a finished module or a rated help request: how useful (1–5,
 * required to send) and, optionally, whether they would recommend it. Says plainly that
 * the answer is anonymous; ignoring the card is fine.
 */
export function pulseCard(m: { about: PulseAbout; ref: string; title: string | null }, locale: Locale): AdaptiveCard {
  return card(
    [
      heading(t(locale, 'pulse.title')),
      text(
        m.about === 'module'
          ? t(locale, 'pulse.aboutModule', { title: escapeMarkdown(m.title ?? '') })
          : t(locale, 'pulse.aboutHelp'),
      ),
      {
        type: 'Input.ChoiceSet',
        id: 'useful',
        label: t(locale, 'pulse.useful'),
        style: 'expanded',
        wrap: true,
        isRequired: true,
        errorMessage: t(locale, 'pulse.usefulError'),
        choices: ['5', '4', '3', '2', '1'].map((v) => ({
          title: t(locale, `pulse.useful.${v}` as MessageKey),
          value: v,
        })),
      },
      {
        type: 'Input.ChoiceSet',
        id: 'recommend',
        label: t(locale, 'pulse.recommend'),
        style: 'expanded',
        wrap: true,
        isRequired: false,
        choices: [
          { title: t(locale, 'pulse.recommend.yes'), value: 'yes' },
          { title: t(locale, 'pulse.recommend.no'), value: 'no' },
        ],
      },
      text(t(locale, 'pulse.anonymous'), { isSubtle: true, size: 'Small' }),
    ],
    [action(t(locale, 'pulse.send'), 'pulse.answer', { about: m.about, ref: m.ref }, 'positive')],
  );
}
