import { noticeCard } from '../../cards/notice-card';
import type { OptOuts } from '../../domain/campaigns/campaign-ports';
import { MAX_REMINDERS } from '../../domain/campaigns/campaign-worker';
import type { Clock } from '../../domain/ports';
import type { Features } from '../turn';

/**
 * `geen herinneringen` / `wel herinneringen` (en: `no reminders` / `reminders on`): the
 * same switch as "Mijn voortgang" in the tab; it stops the monthly campaign reminders and
 * the leader's team reminders alike.
 */
export function remindersFeature(optOuts: Pick<OptOuts, 'setOptOut'>, clock: Clock): Features {
  return {
    commands: {
      remindersOff: async (turn) => {
        await optOuts.setOptOut(turn.user.tenantId, turn.user.userId, true, clock.now().toISOString());
        return { card: noticeCard({ titleKey: 'reminders.off.title', bodyKey: 'reminders.off.body' }, turn.user.locale) };
      },
      remindersOn: async (turn) => {
        await optOuts.setOptOut(turn.user.tenantId, turn.user.userId, false, clock.now().toISOString());
        return { card: noticeCard({ titleKey: 'reminders.on.title', bodyKey: 'reminders.on.body', params: { max: MAX_REMINDERS }, next: { titleKey: 'action.startScan', verb: 'scan.start' } }, turn.user.locale) };
      },
    },
    actions: {},
  };
}
