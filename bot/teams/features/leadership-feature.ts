import { leadershipCard } from '../../cards/leadership-card';
import { noticeCard } from '../../cards/notice-card';
import type { Features } from '../turn';

/**
 * `leiderschapsscan`: the digital-leadership scan is taken in the tab (it needs room for
 * the result and the conversation cards); the bot starts it from chat with a link: a
 * Teams deep link into the app's tab when the app id is known, else the tab's web address.
 */
export function leadershipFeature(tabUrl: () => string): Features {
  return {
    commands: {
      leadership: async (turn) =>
        turn.user.roles.includes('leader')
          ? { card: leadershipCard({ tabUrl: tabUrl() }, turn.user.locale) }
          : {
              card: noticeCard(
                {
                  titleKey: 'leadership.title',
                  bodyKey: 'leadership.notLeader',
                  next: { titleKey: 'action.startScan', verb: 'scan.start' },
                },
                turn.user.locale,
              ),
            },
    },
    actions: {},
  };
}
