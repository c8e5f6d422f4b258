import { CardFactory } from 'botbuilder';
import { createTeamsAdapter, type TeamsAdapter } from '../teams/teams-adapter';
import type { Config } from '../config';
import type { Log } from '../domain/log';
import type { Clock, UserStateRepository } from '../domain/ports';
import { toLocale } from '../domain/org';
import { noticeCard } from '../cards/notice-card';
import { OutboundQueue } from '../teams/outbound/outbound-queue';
import { ProactiveMessenger } from '../teams/outbound/proactive-messenger';

/**
 * Step 4: the Bot Framework adapter (with the turn error card: a short reference, never the
 * error itself) and the messenger that sends proactive cards through the outbound queue.
 */
export function buildBotAdapter(
  config: Config,
  userState: UserStateRepository,
  clock: Clock,
  log: Log,
): { adapter: TeamsAdapter; messenger: ProactiveMessenger } {
  const adapter = createTeamsAdapter(config.bot);
  adapter.onTurnError = async (context, err) => {
    log.error(
      { err, activityId: context.activity.id, conversationId: context.activity.conversation?.id },
      'unhandled turn error',
    );
    if (context.activity.type === 'message') {
      const card = noticeCard(
        { titleKey: 'error.title', bodyKey: 'error.body', params: { ref: (context.activity.id ?? '').slice(-8) } },
        toLocale(context.activity.locale),
      );
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }).catch(() => undefined);
    }
  };
  const messenger = new ProactiveMessenger({
    adapter,
    botAppId: config.bot?.appId ?? '',
    userState,
    clock,
    queue: new OutboundQueue({
      onGone: (tenantId, conversation) => log.info({ tenantId, conversation }, 'conversation gone: app removed'),
    }),
    log,
  });
  return { adapter, messenger };
}
