import { t } from '../i18n';
import type { Locale } from '../domain/org';
import type { ReminderCardModel } from '../domain/campaigns/campaign-worker';
import { action, card, heading, text } from './card';

/**
 * The monthly campaign reminder to someone who has not finished the scan: how many
 * colleagues in the team already did (numbers only, and only when the team's figures
 * may be shown), why it helps, how to get help, and how to stop these reminders.
 */
export function reminderCard(m: ReminderCardModel, locale: Locale) {
  const body = [heading(t(locale, 'campaign.reminder.title'))];
  if (m.participation) {
    body.push(
      text(
        m.participation.completed > 0
          ? t(locale, 'campaign.reminder.count', {
              completed: m.participation.completed,
              members: m.participation.members,
            })
          : t(locale, 'campaign.reminder.countNone'),
        { weight: 'Bolder' },
      ),
    );
  }
  body.push(
    text(t(locale, 'campaign.reminder.why')),
    text(t(locale, 'campaign.reminder.privacy')),
    text(t(locale, 'campaign.reminder.help')),
  );
  if (m.remindersLeft === 0) body.push(text(t(locale, 'campaign.reminder.last'), { isSubtle: true, size: 'Small' }));
  body.push(text(t(locale, 'campaign.remindersOffHint'), { isSubtle: true, size: 'Small' }));
  return card(body, [
    action(t(locale, 'campaign.start'), 'scan.start', {}, 'positive'),
    action(t(locale, 'campaign.askCoach'), 'help.start'),
  ]);
}
