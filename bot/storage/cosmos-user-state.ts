import type { Container } from '@azure/cosmos';
import type { ConversationRef, UserStateRepository } from '../domain/ports';
import { createOnce, readOrNull } from './cosmos';
import { isConflict } from '../domain/errors';
import { userKey } from './containers';

/** Tenant-wide facts share the container under a reserved user key. */
const TENANT_KEY = '_tenant';

/** Per-user app state in the `users` container (partition /userKey). */
export class CosmosUserState implements UserStateRepository {
  constructor(private readonly container: Container) {}

  async saveConversationRef(ref: ConversationRef): Promise<void> {
    await this.container.items.upsert({ id: 'conversation', userKey: userKey(ref.tenantId, ref.userId), ...ref });
  }

  async firstWelcome(tenantId: string, userId: string, conversationId: string, at: string): Promise<boolean> {
    try {
      // A create either wins or gets 409: exactly one of two simultaneous install events welcomes.
      await createOnce(this.container, {
        id: `welcome:${conversationId}`.slice(0, 250),
        userKey: userKey(tenantId, userId),
        at,
      });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async markStale(tenantId: string, userId: string): Promise<void> {
    const key = userKey(tenantId, userId);
    await this.container
      .item('conversation', key)
      .patch([{ op: 'set', path: '/stale', value: true }])
      .catch((err) => {
        if ((err as { code?: number }).code !== 404) throw err;
      });
  }

  async tenantServiceUrl(tenantId: string): Promise<string | null> {
    return (
      (await readOrNull<{ serviceUrl: string }>(this.container, 'service-url', userKey(tenantId, TENANT_KEY)))
        ?.serviceUrl ?? null
    );
  }

  async saveTenantServiceUrl(tenantId: string, serviceUrl: string): Promise<void> {
    await this.container.items.upsert({
      id: 'service-url',
      userKey: userKey(tenantId, TENANT_KEY),
      tenantId,
      serviceUrl,
    });
  }

  async deleteUser(tenantId: string, userId: string): Promise<void> {
    const key = userKey(tenantId, userId);
    const { resources } = await this.container.items
      .query<{
        id: string;
      }>(
        { query: 'SELECT c.id FROM c WHERE c.userKey = @k', parameters: [{ name: '@k', value: key }] },
        { partitionKey: key },
      )
      .fetchAll();
    for (const { id } of resources) await this.container.item(id, key).delete();
  }

  async getConversationRef(tenantId: string, userId: string): Promise<ConversationRef | null> {
    const doc = await readOrNull<ConversationRef>(this.container, 'conversation', userKey(tenantId, userId));
    if (!doc) return null;
    return {
      tenantId: doc.tenantId,
      userId: doc.userId,
      reference: doc.reference,
      locale: doc.locale,
      updatedAt: doc.updatedAt,
      stale: doc.stale,
    };
  }
}
