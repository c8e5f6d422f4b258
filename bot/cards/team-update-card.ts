import { t } from '../i18n';
import type { Locale } from '../domain/org';
import type { LeaderCardModel } from '../domain/campaigns/campaign-worker';
import { action, card, heading, text } from './card';
import { escapeMarkdown } from './markdown';

/**
 * The monthly message to a team leader: per team "8 van de 12 in je team deden de scan",
 * or no numbers where the anonymity plan withholds the team (as the dashboard does), the
 * programme's goal, a tip for the team meeting, and how to stop these messages.
 */
export function teamUpdateCard(m: LeaderCardModel, locale: Locale) {
  const body = [heading(t(locale, 'campaign.leader.title'))];
  for (const team of m.teams) {
    const p = team.participation;
    body.push(
      p
        ? text(
            t(locale, 'campaign.leader.team', {
              team: escapeMarkdown(team.name),
              completed: p.completed,
              members: p.members,
              percent: p.members > 0 ? Math.round((100 * p.completed) / p.members) : 0,
            }),
          )
        : text(t(locale, 'campaign.leader.teamWithheld', { team: escapeMarkdown(team.name), threshold: m.threshold })),
    );
  }
  body.push(
    text(t(locale, 'campaign.leader.goal')),
    text(t(locale, 'campaign.leader.tip')),
    text(t(locale, 'campaign.remindersOffHint'), { isSubtle: true, size: 'Small' }),
  );
  return card(body, [
    action(t(locale, 'campaign.start'), 'scan.start', {}, 'positive'),
    action(t(locale, 'campaign.askCoach'), 'help.start'),
  ]);
}
