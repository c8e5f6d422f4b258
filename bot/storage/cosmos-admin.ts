import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { AppError } from '../domain/errors';
import type { AdminAuditEntry, AdminAuditLog } from '../domain/audit';
import { createOnce, statusOf } from './cosmos';
import { isConflict } from '../domain/errors';

/** The audit log of administrative actions: one document per action in `tenants` (partition /tenantId), ids and setting values only. */
export class CosmosAuditLog implements AdminAuditLog {
  constructor(private readonly container: Container) {}

  async record(entry: AdminAuditEntry): Promise<void> {
    await this.container.items.create({ id: `audit:${entry.at}:${randomUUID()}`, docType: 'audit', ...pick(entry) });
  }

  async recordDaily(entry: AdminAuditEntry): Promise<boolean> {
    // One id per action, actor and day: a second view that day (on any instance) gets 409 and writes nothing.
    try {
      await createOnce(this.container, {
        id: `audit-daily:${entry.action}:${entry.at.slice(0, 10)}:${entry.actorId}`.slice(0, 250),
        docType: 'audit',
        ...pick(entry),
      });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async latest(tenantId: string, limit: number): Promise<AdminAuditEntry[]> {
    const { resources } = await this.container.items
      .query<AdminAuditEntry>(
        {
          query:
            "SELECT TOP @n c.tenantId, c.actorId, c.action, c.targetUserId, c.changes, c.at FROM c WHERE c.tenantId = @t AND c.docType = 'audit' ORDER BY c.at DESC",
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@n', value: limit },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(pick);
  }
}

/** Exactly the entry's fields, so nothing else is ever stored or returned. */
function pick(e: AdminAuditEntry): AdminAuditEntry {
  return {
    tenantId: e.tenantId,
    actorId: e.actorId,
    action: e.action,
    ...(e.targetUserId ? { targetUserId: e.targetUserId } : {}),
    ...(e.changes?.length
      ? {
          changes: e.changes.map((c) => ({
            field: c.field,
            ...('from' in c ? { from: c.from ?? null } : {}),
            to: c.to,
          })),
        }
      : {}),
    at: e.at,
  };
}

/** Deletes a coach's routing record (`coach:<userId>` in `tickets`) only if it is unchanged since read. */
export function cosmosCoachRemoval(container: Container) {
  return async (tenantId: string, userId: string, etag: string): Promise<void> => {
    try {
      await container
        .item(`coach:${userId}`, tenantId)
        .delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    } catch (err) {
      const status = statusOf(err);
      if (status === 412) throw new AppError('conflict', 409, 'error.conflict');
      if (status === 404) throw new AppError('not_found', 404, 'error.notFound');
      throw err;
    }
  };
}
