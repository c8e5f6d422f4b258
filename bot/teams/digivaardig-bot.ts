import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  type TurnContext,
  TurnContext as TC,
} from 'botbuilder';
import type { Logger } from '../logger';
import type { AdaptiveCard } from '../cards/card';
import { type ActionCommand, isVerb, parseAction, type Verb } from '../cards/verbs';
import { menuCard } from '../cards/menu-card';
import { noticeCard } from '../cards/notice-card';
import { personalChatCard } from '../cards/personal-chat-card';
import { welcomeCard } from '../cards/welcome-card';
import { AppError, isTemporarilyUnavailable } from '../domain/errors';
import type { Locale, UserContext } from '../domain/org';
import { toLocale } from '../domain/org';
import type { Directory, UserStateRepository, Clock } from '../domain/ports';
import { resolveUserContext } from '../domain/user-context';
import { t } from '../i18n';
import { identityOf } from './activity-identity';
import { isFromTeams } from '../http/activity-guard';
import { parseCommand } from './commands';
import type { ReferenceKeeper } from './reference-keeper';
import type { Features, Reply, Turn } from './turn';
import type { KnowledgeSearchExtension } from './features/knowledge-feature';

export interface BotDeps {
  directory: Directory;
  userState: UserStateRepository;
  references: ReferenceKeeper;
  features: Features;
  /** The message extension's knowledge-base search (composeExtension/query and selectItem). */
  searchExtension?: KnowledgeSearchExtension;
  allowedTenants: string[];
  anonymityThreshold: number;
  /** Deep link to the personal chat with the bot, offered in channels and group chats; null in development. */
  personalChatUrl: string | null;
  clock: Clock;
  log: Logger;
}

/** The owner of the one welcome record per channel or group chat (they belong to nobody). */
const SHARED_WELCOME_OWNER = 'shared-conversation';
/** An invoke's answer within this, leaving Teams' ~5 s room for the network. */
const INVOKE_BUDGET_MS = 4_000;

/** A channel or group chat; activities without a conversation type are treated as personal (the emulator's). */
function isShared(activity: TurnContext['activity']): boolean {
  const type = activity.conversation?.conversationType;
  return Boolean(type) && type !== 'personal';
}

/** The message extension works from any chat or channel's compose box and answers only the person searching. */
function isSearchExtension(activity: TurnContext['activity']): boolean {
  return activity.type === 'invoke' && (activity.name ?? '').startsWith('composeExtension/');
}

/**
 * The Teams bot: thin. It works out who is talking, refuses tenants that are not
 * allowed, stores the conversation reference, and hands commands and card actions
 * to the features. No state lives on the instance.
 */
export class DigivaardigBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
  }

  /** The tenant gate runs before any handler: an unknown tenant in production gets one polite refusal. */
  override async run(context: TurnContext): Promise<void> {
    // The endpoint refuses other channels already; a turn from one gets no answer either.
    if (!isFromTeams(context.activity)) {
      this.deps.log.warn({ activityId: context.activity.id, channelId: context.activity.channelId }, 'not from Teams');
      return;
    }
    const { tenantId, userId } = identityOf(context.activity);
    const allowed = this.deps.allowedTenants;
    if (!tenantId || !userId || (allowed.length > 0 && !allowed.includes(tenantId))) {
      this.deps.log.warn({ activityId: context.activity.id, tenantKnown: Boolean(tenantId) }, 'tenant refused');
      if (context.activity.type === 'message' || context.activity.type === 'invoke') {
        const locale = toLocale(context.activity.locale);
        if (context.activity.type === 'invoke') {
          await context.sendActivity({
            type: 'invokeResponse',
            value: {
              status: 200,
              body: cardResponse(noticeCard({ titleKey: 'app.name', bodyKey: 'tenant.refused' }, locale)),
            },
          });
        } else {
          await context.sendActivity(t(locale, 'tenant.refused'));
        }
      }
      return;
    }
    if (isShared(context.activity) && !isSearchExtension(context.activity)) return this.inSharedConversation(context);
    await super.run(context);
  }

  /**
   * In a channel or group chat the bot answers nothing personal: every message or card
   * action gets the pointer to the personal chat, and adding the app to a team posts
   * that pointer once. Nothing is read or stored for the sender.
   */
  private async inSharedConversation(context: TurnContext): Promise<void> {
    const a = context.activity;
    const reply = () => personalChatCard({ chatUrl: this.deps.personalChatUrl }, toLocale(a.locale));
    if (a.type === 'invoke') {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: cardResponse(reply()) } });
      return;
    }
    const botAdded =
      (a.type === 'conversationUpdate' && a.membersAdded?.some((m) => m.id === a.recipient?.id)) ||
      (a.type === 'installationUpdate' && a.action === 'add');
    if (a.type === 'message' || botAdded) {
      const { tenantId } = identityOf(a);
      const first =
        a.type === 'message' ||
        (await this.deps.userState.firstWelcome(
          tenantId!,
          SHARED_WELCOME_OWNER,
          a.conversation.id,
          this.deps.clock.now().toISOString(),
        ));
      if (first) await send(context, reply());
    }
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const reply = await this.withinInvokeBudget(context, async () => {
      const turn = await this.turnOf(context);
      return this.safely(turn, () => this.dispatchAction(turn, invokeValue.action?.verb, invokeValue.action?.data));
    });
    for (const followUp of reply.followUps ?? [])
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(followUp)] });
    return cardResponse(reply.card);
  }

  /** The message extension's search: no personal data, no stored reference; only the tenant and the language count. */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const typed: unknown = query.parameters?.find((p) => p.name === 'query')?.value;
    const { tenantId } = identityOf(context.activity);
    const search = this.deps.searchExtension;
    if (!search) return super.handleTeamsMessagingExtensionQuery(context, query);
    return search.query(tenantId!, toLocale(context.activity.locale), typeof typed === 'string' ? typed : '');
  }

  protected override async handleTeamsMessagingExtensionSelectItem(
    context: TurnContext,
    value: unknown,
  ): Promise<MessagingExtensionResponse> {
    const { tenantId } = identityOf(context.activity);
    const search = this.deps.searchExtension;
    if (!search) return super.handleTeamsMessagingExtensionSelectItem(context, value);
    return search.selectItem(tenantId!, toLocale(context.activity.locale), value);
  }

  private async message(context: TurnContext): Promise<void> {
    let turn: Turn;
    try {
      turn = await this.turnOf(context);
    } catch (err) {
      if (!isTemporarilyUnavailable(err)) throw err;
      this.deps.log.warn({ err, activityId: context.activity.id }, 'store unavailable; asked to try again');
      await send(context, tryAgainCard(toLocale(context.activity.locale)));
      return;
    }
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (value && typeof value === 'object' && 'verb' in value) {
      // Action.Submit fallback of a card action: replace the tapped card where we can.
      const reply = await this.safely(turn, () => this.dispatchAction(turn, value.verb, value));
      await this.replaceOrSend(context, reply.card);
      for (const followUp of reply.followUps ?? []) await send(context, followUp);
      return;
    }
    const reply = await this.safely(turn, () => this.dispatchText(turn, context.activity.text));
    await send(context, reply.card);
    for (const followUp of reply.followUps ?? []) await send(context, followUp);
  }

  private async dispatchText(turn: Turn, text: string | undefined): Promise<Reply> {
    const command = parseCommand(text);
    const { features } = this.deps;
    if (command === 'hello') return { card: this.welcomeCardFor(turn.user) };
    if (command === 'menu')
      return { card: menuCard({ isCoach: turn.user.roles.includes('coach'), intro: false }, turn.user.locale) };
    if (command) {
      const handler = features.commands[command];
      if (handler) return handler(turn);
    }
    for (const claim of features.freeText ?? []) {
      const reply = await claim({ ...turn, text });
      if (reply) return reply;
    }
    return { card: menuCard({ isCoach: turn.user.roles.includes('coach'), intro: true }, turn.user.locale) };
  }

  /**
   * Every tap, Action.Execute or its Action.Submit fallback, is parsed here once with its
   * verb's schema. An unknown verb, or data that does not fit it (forged, malformed, from an
   * old card), gets a localized notice and reaches no feature, so nothing changes.
   */
  private async dispatchAction(turn: Turn, verb: unknown, data: unknown): Promise<Reply> {
    const locale = turn.user.locale;
    if (!isVerb(verb)) return { card: noticeCard({ titleKey: 'error.title', bodyKey: 'error.unknownAction' }, locale) };
    const command = parseAction(verb, data);
    if (command === null) {
      this.deps.log.info({ activityId: turn.activityId, verb }, 'action refused: its data does not fit the verb');
      return { card: noticeCard({ titleKey: 'error.title', bodyKey: 'error.badInput' }, locale) };
    }
    if (verb === 'menu')
      return { card: menuCard({ isCoach: turn.user.roles.includes('coach'), intro: false }, locale) };
    return this.runAction(turn, verb, command);
  }

  private async runAction<V extends Verb>(turn: Turn, verb: V, command: ActionCommand<V>): Promise<Reply> {
    const handler = this.deps.features.actions[verb];
    if (!handler)
      return { card: noticeCard({ titleKey: 'error.title', bodyKey: 'error.unknownAction' }, turn.user.locale) };
    return handler(turn, command);
  }

  /**
   * Teams shows its own error when an invoke is not answered within about 5 s. When the
   * store is busy or unreachable (retries included) the user gets "try again shortly" in
   * time instead; work still under way finishes or fails on its own and is only logged.
   */
  private async withinInvokeBudget(context: TurnContext, work: () => Promise<Reply>): Promise<Reply> {
    // Read now: botbuilder revokes the turn context when the turn ends, before late work settles.
    const activityId = context.activity.id;
    const tryAgain = { card: tryAgainCard(toLocale(context.activity.locale)) };
    const running = work();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), INVOKE_BUDGET_MS)));
    try {
      const outcome = await Promise.race([running, late]);
      if (outcome !== 'late') return outcome;
      this.deps.log.warn({ activityId }, 'invoke over its time budget; asked to try again');
      running.catch((err: unknown) => this.deps.log.warn({ err, activityId }, 'late turn failed'));
      return tryAgain;
    } catch (err) {
      if (!isTemporarilyUnavailable(err)) throw err;
      this.deps.log.warn({ err, activityId }, 'store unavailable; asked to try again');
      return tryAgain;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Expected failures (bad input, conflicts, a store that is down) become their localized card; anything else is logged with ids. */
  private async safely(turn: Turn, work: () => Promise<Reply>): Promise<Reply> {
    try {
      return await work();
    } catch (err) {
      const locale = turn.user.locale;
      if (err instanceof AppError) {
        this.deps.log.info({ activityId: turn.activityId, code: err.code }, 'turn refused');
        return { card: noticeCard({ titleKey: 'error.title', bodyKey: err.messageKey as never }, locale) };
      }
      if (isTemporarilyUnavailable(err)) {
        this.deps.log.warn({ err, activityId: turn.activityId }, 'store unavailable; asked to try again');
        return { card: tryAgainCard(locale) };
      }
      const ref = (turn.activityId ?? '').slice(-8) || 'turn';
      this.deps.log.error({ err, activityId: turn.activityId, conversationId: turn.conversationId }, 'turn failed');
      return { card: noticeCard({ titleKey: 'error.title', bodyKey: 'error.body', params: { ref } }, locale) };
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const turn = await this.turnOf(context);
    await this.saveReference(context, turn.user);
    const first = await this.deps.userState.firstWelcome(
      turn.user.tenantId,
      turn.user.userId,
      turn.conversationId,
      this.deps.clock.now().toISOString(),
    );
    if (first) await send(context, this.welcomeCardFor(turn.user));
  }

  private welcomeCardFor(user: UserContext): AdaptiveCard {
    return welcomeCard(
      {
        givenName: user.person?.givenName ?? user.name.split(' ')[0],
        teamKnown: Boolean(user.team),
        anonymityThreshold: this.deps.anonymityThreshold,
      },
      user.locale,
    );
  }

  private async turnOf(context: TurnContext): Promise<Turn> {
    const a = context.activity;
    const { tenantId, userId, name } = identityOf(a);
    const user = await resolveUserContext(this.deps.directory, {
      tenantId: tenantId!,
      userId: userId!,
      name,
      localeTag: a.locale,
    });
    if (a.type === 'message' || a.type === 'invoke') await this.saveReference(context, user);
    return { user, activityId: a.id, conversationId: a.conversation.id, text: a.text, replyToId: a.replyToId };
  }

  /** Keeps the latest conversation reference of the personal chat (the only kind that gets here) so proactive messages can reach the user. */
  private async saveReference(context: TurnContext, user: UserContext): Promise<void> {
    await this.deps.references.keep(
      user.tenantId,
      user.userId,
      TC.getConversationReference(context.activity),
      context.activity.locale ?? user.locale,
    );
  }

  private async replaceOrSend(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const replyTo = context.activity.replyToId;
    if (replyTo) {
      try {
        await context.updateActivity({ id: replyTo, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
        return;
      } catch (err) {
        this.deps.log.debug({ err, activityId: context.activity.id }, 'could not update card in place; sending');
      }
    }
    await send(context, card);
  }
}

/** The store is busy or unreachable: try again shortly, what was confirmed is kept. */
const tryAgainCard = (locale: Locale): AdaptiveCard =>
  noticeCard({ titleKey: 'error.title', bodyKey: 'error.unavailable' }, locale);

async function send(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never };
}
