import { t } from '../i18n';
import type { Locale } from '../domain/org';
import { action, card, heading, text } from './card';

export interface NudgeModel {
  /** How many of the team took the scan; null when the team is too small to say (anonymity). */
  participation: { completed: number; members: number } | null;
  /** This member finished the scan already: thank them and offer their result instead of the scan. */
  done?: boolean;
}

/**
 * The participation reminder a leader sends to the team: how many colleagues already
 * took the scan (numbers only), why it helps, how to ask a digicoach, and how to stop
 * these reminders. Short, for a phone.
 */
export function nudgeCard(m: NudgeModel, locale: Locale) {
  const body = [heading(t(locale, m.done ? 'nudge.doneTitle' : 'nudge.title'))];
  if (m.participation) {
    body.push(
      text(
        m.participation.completed > 0
          ? t(locale, 'nudge.count', { completed: m.participation.completed, members: m.participation.members })
          : t(locale, 'nudge.countNone'),
        { weight: 'Bolder' },
      ),
    );
  }
  body.push(
    text(t(locale, m.done ? 'nudge.done' : 'nudge.why')),
    text(t(locale, 'nudge.privacy')),
    text(t(locale, 'nudge.help')),
    text(t(locale, 'nudge.remindersOffHint'), { isSubtle: true, size: 'Small' }),
  );
  const first = m.done
    ? action(t(locale, 'action.result'), 'scan.result')
    : action(t(locale, 'nudge.start'), 'scan.start', {}, 'positive');
  return card(body, [first, action(t(locale, 'nudge.askCoach'), 'help.start')]);
}
