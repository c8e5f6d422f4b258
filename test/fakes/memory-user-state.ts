import type { ConversationRef, UserStateRepository } from '../../bot/domain/ports';

/** Conversation references and welcome markers in memory. */
export class MemoryUserState implements UserStateRepository {
  readonly refs = new Map<string, ConversationRef>();
  private readonly welcomed = new Set<string>();
  private readonly serviceUrls = new Map<string, string>();

  async saveConversationRef(ref: ConversationRef) {
    this.refs.set(`${ref.tenantId}|${ref.userId}`, ref);
  }
  async getConversationRef(tenantId: string, userId: string) {
    return this.refs.get(`${tenantId}|${userId}`) ?? null;
  }
  async firstWelcome(tenantId: string, userId: string, conversationId: string) {
    const key = `${tenantId}|${userId}|${conversationId}`;
    if (this.welcomed.has(key)) return false;
    this.welcomed.add(key);
    return true;
  }
  async markStale(tenantId: string, userId: string) {
    const ref = this.refs.get(`${tenantId}|${userId}`);
    if (ref) ref.stale = true;
  }
  async tenantServiceUrl(tenantId: string) {
    return this.serviceUrls.get(tenantId) ?? null;
  }
  async saveTenantServiceUrl(tenantId: string, serviceUrl: string) {
    this.serviceUrls.set(tenantId, serviceUrl);
  }
  async deleteUser(tenantId: string, userId: string) {
    this.refs.delete(`${tenantId}|${userId}`);
  }
}
