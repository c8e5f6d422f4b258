import { randomUUID } from 'node:crypto';
import type { ConnectorEmulator, OutboundActivity } from '../../bot/dev/connector-emulator';

export const WESTERKWARTIER = '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01';
export const GENT = 'a3b9d7e1-4c2f-4e8a-b6d5-9f1e2c3d4b02';

export interface TeamsUser {
  tenantId: string;
  aadObjectId: string;
  name: string;
  locale?: string;
}

/**
 * A Teams client for tests: sends Teams-shaped activities to the bot's /api/messages
 * with `serviceUrl` pointing at the fake connector, and reads what the bot sent back.
 */
export class TeamsTestClient {
  readonly conversationId: string;

  /** `settle` waits for the work the bot does after a turn (proactive messages, counters). */
  constructor(
    readonly botUrl: string,
    readonly connector: ConnectorEmulator,
    readonly connectorUrl: string,
    readonly user: TeamsUser,
    private readonly settle?: () => Promise<void>,
  ) {
    this.conversationId = `a:1dev-${user.aadObjectId}`;
  }

  activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connectorUrl,
      timestamp: new Date().toISOString(),
      locale: this.user.locale ?? 'nl-NL',
      from: { id: `29:${this.user.aadObjectId}`, aadObjectId: this.user.aadObjectId, name: this.user.name },
      recipient: { id: '28:digivaardig-bot', name: 'Digivaardig' },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: this.user.tenantId },
      channelData: { tenant: { id: this.user.tenantId } },
      ...extra,
    };
  }

  /** The newest message the bot sent to this chat (the card most likely tapped). */
  private lastCardMessageId(): string {
    return (
      this.connector
        .activities(this.conversationId)
        .filter((a) => a.op === 'send')
        .at(-1)?.id ?? randomUUID()
    );
  }

  async post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Sends and waits for `expect` new outbound activities in this conversation. */
  async exchange(
    activity: Record<string, unknown>,
    expect = 1,
  ): Promise<{ status: number; body: unknown; replies: OutboundActivity[] }> {
    const since = this.connector.activities(this.conversationId).length;
    const res = await this.post(activity);
    await this.settle?.();
    const replies = expect > 0 ? await this.connector.waitFor(this.conversationId, expect, { since }) : [];
    return { ...res, replies };
  }

  say(text: string, expect = 1) {
    return this.exchange(this.activity({ type: 'message', text }), expect);
  }

  install() {
    return this.exchange(this.activity({ type: 'installationUpdate', action: 'add' }));
  }

  /** Taps an Action.Execute button: the invoke's HTTP response carries the replacing card. */
  async tap(verb: string, data: Record<string, unknown> = {}, expectFollowUps = 0) {
    const res = await this.exchange(
      // Teams names the message whose card was tapped; the bot may update that card later.
      this.activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: this.lastCardMessageId(),
        value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
      }),
      expectFollowUps,
    );
    const body = res.body as { status?: number; body?: { statusCode: number; type: string; value: unknown } } | null;
    return {
      ...res,
      card: (body as { value?: unknown } | null)?.value as Record<string, unknown> | undefined,
      invoke: body,
    };
  }
}

/** The Adaptive Card of an outbound activity (first attachment). */
export function cardOf(a: OutboundActivity | undefined): Record<string, unknown> {
  const attachments =
    (a?.activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined) ?? [];
  const att = attachments.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!att) throw new Error(`no adaptive card in ${JSON.stringify(a?.activity).slice(0, 300)}`);
  return att.content;
}
