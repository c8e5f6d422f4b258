import { CardFactory, type CloudAdapter, type ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../../logger';
import type { Clock, Messenger, UserStateRepository } from '../../domain/ports';
import type { CampaignDelivery, DeliverOptions, Delivery } from '../../domain/campaigns/campaign-ports';
import { ConversationGoneError, type OutboundQueue, statusOf } from './outbound-queue';

/** The item's claim went to another instance: the queue must not send (nor retry). */
class ClaimLostError extends Error {
  constructor() {
    super('send item claimed by another instance');
  }
}

/**
 * Proactive 1:1 messages through the Bot Framework: continues the conversation whose
 * reference was stored at install (or on the user's last message), otherwise creates
 * the 1:1 chat through the connector with the tenant's service URL. Every send goes
 * through the outbound queue.
 */
export class ProactiveMessenger implements Messenger, CampaignDelivery {
  constructor(
    private readonly deps: {
      adapter: CloudAdapter;
      botAppId: string;
      userState: UserStateRepository;
      queue: OutboundQueue;
      /** When a created chat's reference is stored (the app's clock, so tests control it). */
      clock: Clock;
      log: Logger;
    },
  ) {}

  async sendCard(tenantId: string, userId: string, card: object): Promise<string | null> {
    const sent = await this.send(tenantId, userId, card);
    if (sent.status === 'failed') throw sent.error;
    return sent.status === 'sent' ? sent.activityId : null;
  }

  /**
   * Like sendCard, but says what happened instead of throwing: campaigns record why a
   * message did not go out (app removed, never reachable, still throttled after retries).
   */
  async deliver(tenantId: string, userId: string, card: object, opts: DeliverOptions = {}): Promise<Delivery> {
    const sent = await this.send(tenantId, userId, card, opts);
    if (sent.status !== 'failed') return sent;
    if (statusOf(sent.error) === 429) return { status: 'throttled' };
    return { status: 'error', error: sent.error };
  }

  /**
   * Sends the card through the outbound queue. No reference and none to be created is
   * 'unreachable'; a 403 or 404 marks the stored reference stale and is 'gone'; any other
   * error of the send (after the queue's retries) comes back as 'failed'. A guard that loses its
   * claim right before the HTTP call stops the send: 'lost'.
   */
  private async send(
    tenantId: string,
    userId: string,
    card: object,
    { beforeRetry, guard }: DeliverOptions = {},
  ): Promise<Exclude<Delivery, { status: 'throttled' | 'error' }> | { status: 'failed'; error: unknown }> {
    const reference = await this.referenceFor(tenantId, userId);
    if (!reference) return { status: 'unreachable' };
    let attempts = 0;
    try {
      const activityId = await this.deps.queue.enqueue({
        tenantId,
        conversationKey: reference.conversation.id,
        send: async () => {
          // The queue sends again after a 429 or 5xx: each retry waits for the caller's turn too.
          if (attempts++ > 0 && beforeRetry) await beforeRetry();
          // The stored item is claimed here, after every wait and right before the HTTP call: only
          // a call in flight can leave it uncertain when this process dies.
          if (guard && !(await guard.claim())) throw new ClaimLostError();
          try {
            return await this.inConversation(
              reference,
              async (context) =>
                (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }))?.id ?? null,
            );
          } catch (err) {
            // Teams refused it (429): nothing was delivered, so the wait for the retry is not uncertain.
            if (guard && statusOf(err) === 429) await guard.refused();
            throw err;
          }
        },
      });
      return { status: 'sent', activityId };
    } catch (err) {
      if (err instanceof ClaimLostError) return { status: 'lost' };
      if (err instanceof ConversationGoneError) {
        await this.deps.userState.markStale(tenantId, userId);
        return { status: 'gone', code: err.status };
      }
      return { status: 'failed', error: err };
    }
  }

  async updateCard(tenantId: string, userId: string, activityId: string, card: object): Promise<boolean> {
    const reference = await this.referenceFor(tenantId, userId);
    if (!reference) return false;
    try {
      await this.deps.queue.enqueue({
        tenantId,
        conversationKey: reference.conversation.id,
        send: () =>
          this.inConversation(reference, async (context) => {
            await context.updateActivity({
              id: activityId,
              type: 'message',
              attachments: [CardFactory.adaptiveCard(card)],
            });
          }),
      });
      return true;
    } catch (err) {
      this.deps.log.warn({ err, activityId }, 'could not update a proactive card');
      return false;
    }
  }

  /**
   * Runs `work` in the conversation and hands its outcome back. The adapter passes an
   * error thrown inside a turn to its turn-error handler instead of to the caller, so the
   * error is carried out here: the outbound queue must see a 429 to retry it and a 403 or
   * 404 to mark the conversation gone.
   */
  private async inConversation<T>(
    reference: ConversationReference,
    work: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    const outcome: { value?: T; error?: unknown; ran: boolean } = { ran: false };
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      outcome.ran = true;
      try {
        outcome.value = await work(context);
      } catch (error) {
        outcome.error = error ?? new Error('send failed');
      }
    });
    if (!outcome.ran) throw new Error('the conversation turn did not run');
    if (outcome.error !== undefined) throw outcome.error as Error; // botbuilder's errors keep their own shape (statusCode), so they pass through unchanged
    return outcome.value as T;
  }

  /** The stored reference, or a new 1:1 conversation created through the connector. */
  private async referenceFor(tenantId: string, userId: string): Promise<ConversationReference | null> {
    const stored = await this.deps.userState.getConversationRef(tenantId, userId);
    if (stored && !stored.stale) return stored.reference as unknown as ConversationReference;
    const serviceUrl = await this.deps.userState.tenantServiceUrl(tenantId);
    if (!serviceUrl) return null;
    let created: ConversationReference | null = null;
    try {
      await this.deps.adapter.createConversationAsync(
        this.deps.botAppId,
        'msteams',
        serviceUrl,
        'https://api.botframework.com',
        {
          isGroup: false,
          bot: { id: this.deps.botAppId || 'digivaardig', name: 'Digivaardig' },
          members: [{ id: userId, name: '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        },
        async (context) => {
          const ref = TurnContext.getConversationReference(context.activity) as ConversationReference;
          created = { ...ref, serviceUrl, user: { id: userId, name: '', aadObjectId: userId } };
        },
      );
    } catch (err) {
      this.deps.log.warn({ err, tenantId }, 'could not create a 1:1 conversation');
      return null;
    }
    if (created) {
      await this.deps.userState.saveConversationRef({
        tenantId,
        userId,
        reference: created,
        locale: 'nl-NL',
        updatedAt: this.deps.clock.now().toISOString(),
      });
    }
    return created;
  }
}
