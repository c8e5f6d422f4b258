import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { AppError } from '../domain/errors';
import type { AdminAuditEntry, AdminAuditLog } from '../domain/help/coach-service';
import { statusOf } from './cosmos';

/** The audit log of administrative actions: one document per action in `tenants` (partition /tenantId), ids only. */
export class CosmosAuditLog implements AdminAuditLog {
  constructor(private readonly container: Container) {}

  async record(entry: AdminAuditEntry): Promise<void> {
    const { tenantId, actorId, action, targetUserId, at } = entry;
    await this.container.items.create({ id: `audit:${at}:${randomUUID()}`, docType: 'audit', tenantId, actorId, action, targetUserId, at });
  }

  async latest(tenantId: string, limit: number): Promise<AdminAuditEntry[]> {
    const { resources } = await this.container.items
      .query<AdminAuditEntry>(
        {
          query: "SELECT TOP @n c.tenantId, c.actorId, c.action, c.targetUserId, c.at FROM c WHERE c.tenantId = @t AND c.docType = 'audit' ORDER BY c.at DESC",
          parameters: [{ name: '@t', value: tenantId }, { name: '@n', value: limit }],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(({ tenantId: t, actorId, action, targetUserId, at }) => ({ tenantId: t, actorId, action, targetUserId, at }));
  }
}

/** Deletes a coach's routing record (`coach:<userId>` in `tickets`) only if it is unchanged since read. */
export function cosmosCoachRemoval(container: Container) {
  return async (tenantId: string, userId: string, etag: string): Promise<void> => {
    try {
      await container.item(`coach:${userId}`, tenantId).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    } catch (err) {
      const status = statusOf(err);
      if (status === 412) throw new AppError('conflict', 409, 'error.conflict');
      if (status === 404) throw new AppError('not_found', 404, 'error.notFound');
      throw err;
    }
  };
}
