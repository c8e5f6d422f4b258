import { randomUUID } from 'node:crypto';

/** Who the playground acts as: an Entra user in a tenant, as Teams identifies them. */
export interface PlaygroundIdentity {
  tenantId: string;
  userId: string;
  name: string;
  locale: string;
}

/** The bot as Teams addresses it in a personal chat (no app id in development). */
export const PLAYGROUND_BOT = { id: '28:digivaardig-bot', name: 'Digivaardig' } as const;

export type TeamsActivity = Record<string, unknown> & { id: string; type: string; timestamp: string };

/**
 * Builds an activity the way Teams sends it in a personal (1:1) chat, so the bot cannot
 * tell the playground from Teams: channel `msteams`, the user as `29:<oid>` with
 * `aadObjectId`, the tenant in `channelData` and on the conversation, and replies routed
 * to `serviceUrl`.
 */
export function teamsActivity(
  who: PlaygroundIdentity,
  conversationId: string,
  serviceUrl: string,
  extra: Record<string, unknown> & { type: string },
): TeamsActivity {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    locale: who.locale,
    from: { id: `29:${who.userId}`, aadObjectId: who.userId, name: who.name },
    recipient: { ...PLAYGROUND_BOT },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: who.tenantId },
    channelData: { tenant: { id: who.tenantId } },
    entities: [
      {
        type: 'clientInfo',
        locale: who.locale,
        platform: 'Web',
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
    ],
    ...extra,
  };
}

/** A typed message. Teams also sends the text as an HTML attachment; bots must cope with both. */
export function teamsMessage(
  who: PlaygroundIdentity,
  conversationId: string,
  serviceUrl: string,
  text: string,
): TeamsActivity {
  return teamsActivity(who, conversationId, serviceUrl, {
    type: 'message',
    text,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<p>${escapeHtml(text)}</p>` }],
  });
}

/** An `Action.Submit` tap: a message without text whose `value` is the action's data, replying to the card's message. */
export function teamsSubmit(
  who: PlaygroundIdentity,
  conversationId: string,
  serviceUrl: string,
  replyToId: string,
  value: Record<string, unknown>,
): TeamsActivity {
  return teamsActivity(who, conversationId, serviceUrl, { type: 'message', replyToId, value });
}

/** An `Action.Execute` tap (Universal Actions): an `adaptiveCard/action` invoke; the HTTP answer carries the replacing card. */
export function teamsExecute(
  who: PlaygroundIdentity,
  conversationId: string,
  serviceUrl: string,
  replyToId: string,
  verb: string,
  data: Record<string, unknown>,
): TeamsActivity {
  return teamsActivity(who, conversationId, serviceUrl, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}

/**
 * What Teams sends the first time a user adds the app in personal scope: the 1:1
 * conversation is created (`conversationUpdate` with the bot as added member) and the
 * app is installed (`installationUpdate` add). A bot receives both.
 */
export function teamsInstall(who: PlaygroundIdentity, conversationId: string, serviceUrl: string): TeamsActivity[] {
  return [
    teamsActivity(who, conversationId, serviceUrl, {
      type: 'conversationUpdate',
      membersAdded: [{ ...PLAYGROUND_BOT }],
    }),
    teamsActivity(who, conversationId, serviceUrl, { type: 'installationUpdate', action: 'add' }),
  ];
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
