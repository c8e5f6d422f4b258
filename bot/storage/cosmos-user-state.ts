import type { Container } from '@azure/cosmos';
import type { ConversationRef, UserStateRepository } from '../domain/ports';
import { readOrNull } from './cosmos';
import { userKey } from './containers';

/** Per-user app state in the `users` container (partition /userKey). */
export class CosmosUserState implements UserStateRepository {
  constructor(private readonly container: Container) {}

  async saveConversationRef(ref: ConversationRef): Promise<void> {
    await this.container.items.upsert({ id: 'conversation', userKey: userKey(ref.tenantId, ref.userId), ...ref });
  }

  async getConversationRef(tenantId: string, userId: string): Promise<ConversationRef | null> {
    const doc = await readOrNull<ConversationRef>(this.container, 'conversation', userKey(tenantId, userId));
    if (!doc) return null;
    return { tenantId: doc.tenantId, userId: doc.userId, reference: doc.reference, locale: doc.locale, updatedAt: doc.updatedAt, stale: doc.stale };
  }
}
