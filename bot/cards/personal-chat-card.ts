import { t } from '../i18n';
import type { Locale } from '../domain/org';
import { card, type Element, heading, openUrl, text } from './card';

export interface PersonalChatModel {
  /** Deep link to the 1:1 chat with the bot; null when the bot's app id is unknown (development). */
  chatUrl: string | null;
}

/**
 * The answer in a channel or group chat. Scans, results and help questions are
 * personal, so the bot never answers them where colleagues read along; it points
 * to the personal chat and, for leaders, to the team tab.
 */
export function personalChatCard(m: PersonalChatModel, locale: Locale) {
  const actions: Element[] = m.chatUrl ? [openUrl(t(locale, 'team.openChat'), m.chatUrl)] : [];
  return card(
    [
      heading(t(locale, 'team.title')),
      text(t(locale, 'team.body')),
      text(t(locale, 'team.leaders'), { isSubtle: true, size: 'Small' }),
    ],
    actions,
  );
}

/** Teams' deep link to a 1:1 chat with a bot: its app id with the `28:` prefix. */
export function botChatUrl(botAppId: string | undefined): string | null {
  return botAppId ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${botAppId}`)}` : null;
}
