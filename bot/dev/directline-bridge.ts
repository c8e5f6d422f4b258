import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { AppError } from '../domain/errors';
import { toLocale } from '../domain/org';
import type { ConnectorEmulator, OutboundActivity } from './connector-emulator';
import { postJson } from './loopback';
import { type ChatActivity, Transcript } from './transcript';
import {
  PLAYGROUND_BOT,
  type PlaygroundIdentity,
  type TeamsActivity,
  teamsExecute,
  teamsInstall,
  teamsMessage,
  teamsSubmit,
} from './teams-activity';

const CARD = 'application/vnd.microsoft.card.adaptive';

interface Conversation {
  /** The id in the bridge's URLs. */
  handle: string;
  /** `conversation.id` as the bot sees it (a Teams personal chat id). */
  teamsId: string;
  who: PlaygroundIdentity;
  transcript: Transcript;
  /** Activities reach the bot one at a time per chat, in the order the user made them. */
  queue: Promise<unknown>;
}

export interface Delivery {
  id: string;
  /** The HTTP status /api/messages answered with (the bot's own status, for the developer). */
  botStatus: number;
  /** For invokes: the HTTP body /api/messages answered with. */
  invokeResponse?: unknown;
}

/**
 * A local Direct Line: the playground page talks to it, it talks to the bot exactly as
 * Teams would (Teams-shaped activities POSTed to /api/messages over HTTP), and it turns
 * what the bot sends to the connector (send, update, delete) into one transcript per chat.
 */
export class DirectLineBridge {
  private readonly byHandle = new Map<string, Conversation>();
  private readonly byTeamsId = new Map<string, Conversation>();
  private readonly byUser = new Map<string, Conversation>();
  /** Messages the bot sent to a 1:1 chat it created for someone who has not opened the playground yet. */
  private readonly waiting = new Map<string, OutboundActivity[]>();

  constructor(private readonly deps: { emulator: ConnectorEmulator; baseUrl: () => string; log: Logger }) {
    deps.emulator.on('activity', (record: OutboundActivity) => this.onOutbound(record));
  }

  /** Opens the user's personal chat with the bot; the first open (or a restart) installs the app, as Teams does. */
  open(who: PlaygroundIdentity, opts: { restart?: boolean } = {}): { conversationId: string; created: boolean } {
    const key = `${who.tenantId}|${who.userId}`;
    const existing = this.byUser.get(key);
    if (existing && !opts.restart) return { conversationId: existing.handle, created: false };
    const conv: Conversation = {
      handle: randomUUID(),
      teamsId: `a:1dev-${randomUUID()}`,
      who,
      transcript: new Transcript(),
      queue: Promise.resolve(),
    };
    this.byHandle.set(conv.handle, conv);
    this.byTeamsId.set(conv.teamsId, conv);
    this.byUser.set(key, conv);
    // Like Teams, the chat already holds what the bot sent before the user first opened it.
    for (const member of [who.userId, `29:${who.userId}`]) {
      for (const record of this.waiting.get(member) ?? []) this.onOutbound(record);
      this.waiting.delete(member);
    }
    for (const activity of teamsInstall(who, conv.teamsId, this.serviceUrl())) {
      this.enqueue(conv, () => this.deliver(activity)).catch((err: unknown) =>
        this.deps.log.warn({ err, conversationId: conv.teamsId }, 'install activity not delivered'),
      );
    }
    return { conversationId: conv.handle, created: true };
  }

  /** The chat's transcript; 404 for a conversation this bridge never opened. */
  transcript(handle: string): Transcript {
    return this.conversation(handle).transcript;
  }

  /** A typed message: shown as sent at once (with Web Chat's client id, so it matches), then delivered. */
  async say(handle: string, text: string, clientActivityId?: string): Promise<Delivery> {
    const conv = this.conversation(handle);
    const activity = teamsMessage(conv.who, conv.teamsId, this.serviceUrl(), text);
    conv.transcript.push({
      id: activity.id,
      type: 'message',
      timestamp: activity.timestamp,
      text,
      from: { id: `29:${conv.who.userId}`, name: conv.who.name, role: 'user' },
      channelData: clientActivityId ? { clientActivityID: clientActivityId } : {},
    });
    return this.enqueue(conv, () => this.deliver(activity));
  }

  /** An Action.Submit tap on a card the bot sent in this chat. */
  async submit(handle: string, replyToId: string, value: Record<string, unknown>): Promise<Delivery> {
    const conv = this.conversation(handle);
    this.botActivity(conv, replyToId);
    return this.enqueue(conv, () =>
      this.deliver(teamsSubmit(conv.who, conv.teamsId, this.serviceUrl(), replyToId, value)),
    );
  }

  /**
   * An Action.Execute tap: the `adaptiveCard/action` invoke. When the bot answers with a
   * card, that card replaces the tapped one in place, as in Teams.
   */
  async execute(handle: string, replyToId: string, verb: string, data: Record<string, unknown>): Promise<Delivery> {
    const conv = this.conversation(handle);
    this.botActivity(conv, replyToId);
    const result = await this.enqueue(conv, () =>
      this.deliver(teamsExecute(conv.who, conv.teamsId, this.serviceUrl(), replyToId, verb, data)),
    );
    const answer = result.invokeResponse as { statusCode?: number; type?: string; value?: unknown } | null;
    if (
      result.botStatus === 200 &&
      answer?.statusCode === 200 &&
      answer.type === CARD &&
      answer.value &&
      typeof answer.value === 'object'
    ) {
      const tapped = conv.transcript.get(replyToId)!;
      conv.transcript.push({ ...tapped, attachments: [{ contentType: CARD, content: answer.value }] });
    }
    return result;
  }

  private conversation(handle: string): Conversation {
    const conv = this.byHandle.get(handle);
    if (!conv) throw new AppError('not_found', 404, 'error.notFound');
    return conv;
  }

  /** Card actions only make sense on a card the bot showed in this very chat. */
  private botActivity(conv: Conversation, id: string): ChatActivity {
    const target = conv.transcript.get(id);
    if (!target || (target.from as { role?: string } | undefined)?.role !== 'bot')
      throw new AppError('not_found', 404, 'error.notFound');
    return target;
  }

  private async deliver(activity: TeamsActivity): Promise<Delivery> {
    let res: { status: number; body: unknown };
    try {
      res = await postJson(`${this.deps.baseUrl()}/api/messages`, activity);
    } catch (err) {
      this.deps.log.warn({ err, activityId: activity.id }, 'bot endpoint unreachable over loopback');
      throw new AppError('bot_unreachable', 502, 'error.title');
    }
    if (res.status >= 400)
      this.deps.log.warn(
        { status: res.status, activityId: activity.id, type: activity.type },
        'bot answered the playground with an error',
      );
    return {
      id: activity.id,
      botStatus: res.status,
      ...(activity.type === 'invoke' ? { invokeResponse: res.body } : {}),
    };
  }

  private enqueue<T>(conv: Conversation, work: () => Promise<T>): Promise<T> {
    const run = conv.queue.then(work, work);
    conv.queue = run.catch(() => undefined);
    return run;
  }

  private serviceUrl(): string {
    return `${this.deps.baseUrl()}/dev/connector`;
  }

  /** What the bot sent to the connector, shown in the chat it belongs to. */
  private onOutbound(record: OutboundActivity): void {
    const conv = this.byTeamsId.get(record.conversationId) ?? this.createdFor(record.conversationId);
    if (!conv) {
      const member = /^a:dev-(.+)$/.exec(record.conversationId)?.[1];
      if (member) this.waiting.set(member, [...(this.waiting.get(member) ?? []), record].slice(-200));
      return;
    }
    const { transcript } = conv;
    if (record.op === 'send') {
      transcript.push(fromBot(record.activity, record.id, new Date(record.at).toISOString(), record.replyToId));
      return;
    }
    // Teams keeps an updated or deleted message where it was: same id, same timestamp.
    const earlier = transcript.get(record.id);
    if (!earlier) return;
    if (record.op === 'update') {
      transcript.push(fromBot(record.activity, record.id, earlier.timestamp, earlier.replyToId as string | undefined));
    } else {
      const text = toLocale(conv.who.locale) === 'en' ? 'This message has been deleted.' : 'Dit bericht is verwijderd.';
      transcript.push({
        id: record.id,
        type: 'message',
        timestamp: earlier.timestamp,
        from: earlier.from,
        text,
        channelData: { 'playground:deleted': true },
      });
    }
  }

  /** A 1:1 chat the bot created itself (createConversation) is the user's existing chat, as in Teams. */
  private createdFor(conversationId: string): Conversation | undefined {
    const member = /^a:dev-(.+)$/.exec(conversationId)?.[1];
    if (!member) return undefined;
    return [...this.byUser.values()].find((c) => `29:${c.who.userId}` === member || c.who.userId === member);
  }
}

function fromBot(
  activity: Record<string, unknown>,
  id: string,
  timestamp: string,
  replyToId: string | undefined,
): ChatActivity {
  const from = (activity.from as Record<string, unknown> | undefined) ?? { ...PLAYGROUND_BOT };
  return {
    ...activity,
    type: typeof activity.type === 'string' ? activity.type : 'message',
    id,
    timestamp,
    replyToId,
    from: { ...from, role: 'bot' },
  };
}
