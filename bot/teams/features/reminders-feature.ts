import { noticeCard } from '../../cards/notice-card';
import { MAX_REMINDERS } from '../../domain/campaigns/campaign-worker';
import type { Clock, ReminderSwitch } from '../../domain/ports';
import type { Features } from '../turn';
import type { ScanStepOf } from './scan-next-step';

/**
 * `geen herinneringen` / `wel herinneringen` (en: `no reminders` / `reminders on`): the
 * same switch as "Mijn voortgang" in the tab; it stops the monthly campaign reminders and
 * the leader's team reminders alike. Switching them on offers the scan's next step
 * (`scanStep`): continue it, see the result, or start it.
 */
export function remindersFeature(
  reminders: Pick<ReminderSwitch, 'setRemindersOff'>,
  clock: Clock,
  scanStep?: ScanStepOf,
): Features {
  return {
    commands: {
      remindersOff: async (turn) => {
        await reminders.setRemindersOff(turn.user.tenantId, turn.user.userId, true, clock.now().toISOString());
        return {
          card: noticeCard({ titleKey: 'reminders.off.title', bodyKey: 'reminders.off.body' }, turn.user.locale),
        };
      },
      remindersOn: async (turn) => {
        await reminders.setRemindersOff(turn.user.tenantId, turn.user.userId, false, clock.now().toISOString());
        const next = (await scanStep?.(turn.user)) ?? { titleKey: 'action.startScan', verb: 'scan.start' };
        return {
          card: noticeCard(
            { titleKey: 'reminders.on.title', bodyKey: 'reminders.on.body', params: { max: MAX_REMINDERS }, next },
            turn.user.locale,
          ),
        };
      },
    },
    actions: {},
  };
}
