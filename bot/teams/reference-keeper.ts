import type { ConversationReference } from 'botbuilder';
import type { Clock, UserStateRepository } from '../domain/ports';

/**
 * Keeps each user's latest 1:1 conversation reference (and the tenant's service URL)
 * for proactive messages. Writes only when something changed, so an ordinary turn
 * costs no extra database operation.
 */
export class ReferenceKeeper {
  private readonly lastSaved = new Map<string, string>();

  constructor(
    private readonly userState: UserStateRepository,
    private readonly clock: Clock,
    private readonly maxEntries = 50_000,
  ) {}

  /** Makes the next turn save the reference again (after it was erased). */
  forget(tenantId: string, userId: string): void {
    this.lastSaved.delete(`${tenantId}|${userId}`);
  }

  async keep(
    tenantId: string,
    userId: string,
    reference: Partial<ConversationReference>,
    locale: string,
  ): Promise<void> {
    // The activity id changes every turn and is not needed to reach the user later.
    const { activityId: _ignored, ...stable } = reference;
    const json = JSON.stringify(stable);
    const key = `${tenantId}|${userId}`;
    if (this.lastSaved.get(key) === json) return;
    await this.userState.saveConversationRef({
      tenantId,
      userId,
      reference: stable,
      locale,
      updatedAt: this.clock.now().toISOString(),
    });
    if (stable.serviceUrl && this.lastSaved.get(`url|${tenantId}`) !== stable.serviceUrl) {
      await this.userState.saveTenantServiceUrl(tenantId, stable.serviceUrl);
      this.lastSaved.set(`url|${tenantId}`, stable.serviceUrl);
    }
    if (this.lastSaved.size >= this.maxEntries) this.lastSaved.clear();
    this.lastSaved.set(key, json);
  }
}
