import type { Container } from '@azure/cosmos';
import type { ConversationRef, UserStateRepository } from '../domain/ports';
import { createOnce, readOrNull } from './cosmos';
import { isConflict } from '../domain/errors';
import { userKey } from './containers';

/** Per-user app state in the `users` container (partition /userKey). */
export class CosmosUserState implements UserStateRepository {
  constructor(private readonly container: Container) {}

  async saveConversationRef(ref: ConversationRef): Promise<void> {
    await this.container.items.upsert({ id: 'conversation', userKey: userKey(ref.tenantId, ref.userId), ...ref });
  }

  async firstWelcome(tenantId: string, userId: string, conversationId: string, at: string): Promise<boolean> {
    try {
      // A create either wins or gets 409: exactly one of two simultaneous install events welcomes.
      await createOnce(this.container, { id: `welcome:${conversationId}`.slice(0, 250), userKey: userKey(tenantId, userId), at });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async getConversationRef(tenantId: string, userId: string): Promise<ConversationRef | null> {
    const doc = await readOrNull<ConversationRef>(this.container, 'conversation', userKey(tenantId, userId));
    if (!doc) return null;
    return { tenantId: doc.tenantId, userId: doc.userId, reference: doc.reference, locale: doc.locale, updatedAt: doc.updatedAt, stale: doc.stale };
  }
}
