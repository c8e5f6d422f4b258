import type { Container, SqlParameter } from '@azure/cosmos';
import type { RetentionDocs, RetentionKind, RetentionLeases, RetentionStore } from '../domain/privacy/retention';
import type { Versioned } from '../domain/scan/scan-types';
import { isConflict } from '../domain/errors';
import { AppError } from '../domain/errors';
import { CLOSED_STATES } from '../domain/help/help-types';
import { BLANK } from '../domain/privacy/erasure';
import type { Containers } from './cosmos';
import { createOnce, ownFields, readOrNull, replaceIfMatch, statusOf } from './cosmos';
import { userKey } from './containers';
import { pages } from './cosmos-pages';

/**
 * Where each kind lives, how its old records with details are found, and its id and
 * partition key. Scans are partitioned per user, so their queries fan out over the
 * container (once a day, filtered by tenant); tickets are one tenant's partition.
 */
const KINDS: Record<
  RetentionKind,
  {
    container: 'scans' | 'tickets';
    where: string;
    id(doc: Record<string, unknown>): string;
    pk(doc: Record<string, unknown>): string;
    perTenantPartition: boolean;
  }
> = {
  result: {
    container: 'scans',
    where: "c.docType = 'result' AND c.completedAt < @cut AND ARRAY_LENGTH(c.answers) > 0",
    id: (d) => `result:${String(d.resultId)}`,
    pk: (d) => userKey(String(d.tenantId), String(d.userId)),
    perTenantPartition: false,
  },
  session: {
    container: 'scans',
    where: "c.docType = 'session' AND c.updatedAt < @cut AND (c.status = 'in-progress' OR ARRAY_LENGTH(c.answers) > 0)",
    id: () => 'session',
    pk: (d) => userKey(String(d.tenantId), String(d.userId)),
    perTenantPartition: false,
  },
  leadership: {
    container: 'scans',
    where: "c.docType = 'leadership' AND c.updatedAt < @cut AND NOT IS_DEFINED(c.scores)",
    id: () => 'leadership',
    pk: (d) => userKey(String(d.tenantId), String(d.userId)),
    perTenantPartition: false,
  },
  ticket: {
    container: 'tickets',
    where:
      'c.docType = \'ticket\' AND ARRAY_CONTAINS(@closed, c.state) AND c.updatedAt < @cut AND (c.question != @blank OR c["where"] != @blank OR IS_DEFINED(c.comment))',
    id: (d) => `ticket:${String(d.ticketId)}`,
    pk: (d) => String(d.tenantId),
    perTenantPartition: true,
  },
};

/** The retention job's reads and conditional writes on the real containers. */
export class CosmosRetentionStore implements RetentionStore {
  constructor(private readonly containers: Pick<Containers, 'tenants' | 'scans' | 'tickets'>) {}

  async *tenants(): AsyncIterable<Array<{ tenantId: string; retentionMonths: number }>> {
    const query = {
      query:
        "SELECT c.tenantId, c.settings.retentionMonths AS retentionMonths FROM c WHERE c.docType = 'tenant' AND IS_NUMBER(c.settings.retentionMonths)",
    };
    for await (const page of pages<{ tenantId: string; retentionMonths: number }>(this.containers.tenants, query, {
      pageSize: 100,
    })) {
      yield page.filter((t) => Number.isInteger(t.retentionMonths) && t.retentionMonths >= 1);
    }
  }

  async firstPage<K extends RetentionKind>(
    kind: K,
    tenantId: string,
    cutoff: string,
    pageSize: number,
  ): Promise<Array<Versioned<RetentionDocs[K]>>> {
    const k = KINDS[kind];
    const parameters: SqlParameter[] = [
      { name: '@t', value: tenantId },
      { name: '@cut', value: cutoff },
    ];
    if (kind === 'ticket')
      parameters.push({ name: '@closed', value: [...CLOSED_STATES] }, { name: '@blank', value: BLANK });
    const query = { query: `SELECT * FROM c WHERE c.tenantId = @t AND ${k.where}`, parameters };
    for await (const page of pages<Record<string, unknown> & { _etag: string }>(this.containers[k.container], query, {
      pageSize,
      ...(k.perTenantPartition ? { partitionKey: tenantId } : {}),
    })) {
      return page
        .slice(0, pageSize)
        .map((doc) => ({ value: clean(doc) as unknown as RetentionDocs[K], etag: doc._etag }));
    }
    return [];
  }

  async replace<K extends RetentionKind>(kind: K, doc: RetentionDocs[K], etag: string): Promise<void> {
    const k = KINDS[kind];
    const raw = doc as unknown as Record<string, unknown>;
    const id = k.id(raw);
    const pk = k.pk(raw);
    const stored = {
      ...raw,
      id,
      docType: kind === 'ticket' ? 'ticket' : kind,
      ...(k.perTenantPartition ? {} : { userKey: pk }),
    };
    await replaceIfMatch(this.containers[k.container], stored, etag, pk);
  }

  async remove<K extends RetentionKind>(kind: K, doc: RetentionDocs[K], etag: string): Promise<void> {
    const k = KINDS[kind];
    const raw = doc as unknown as Record<string, unknown>;
    try {
      await this.containers[k.container]
        .item(k.id(raw), k.pk(raw))
        .delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    } catch (err) {
      const status = statusOf(err);
      if (status === 404) return; // gone already (erased by its owner meanwhile)
      if (status === 412) throw new AppError('conflict', 409, 'error.conflict');
      throw err;
    }
  }

  async hasResult(tenantId: string, userId: string, sessionId: string): Promise<boolean> {
    return Boolean(await readOrNull(this.containers.scans, `result:${sessionId}`, userKey(tenantId, userId)));
  }
}

/** The document's own fields, without Cosmos' system properties (id, docType and userKey are set again on write). */
function clean(doc: Record<string, unknown>): Record<string, unknown> {
  return ownFields(doc, ['id', 'docType', 'userKey']);
}

/** One lease document per tenant in `schedule` (partition /tenantId): the day last done and who runs it now. */
export class CosmosRetentionLeases implements RetentionLeases {
  constructor(private readonly container: Container) {}

  async claim(tenantId: string, day: string, owner: string, until: Date, now: Date): Promise<boolean> {
    const id = 'retention-run';
    const current = await readOrNull<{ lastRunDay?: string; lease?: { owner: string; until: string } | null }>(
      this.container,
      id,
      tenantId,
    );
    if (current?.lastRunDay === day) return false;
    if (current?.lease && Date.parse(current.lease.until) > now.getTime() && current.lease.owner !== owner)
      return false;
    const doc = {
      id,
      tenantId,
      docType: 'retention-run',
      lastRunDay: current?.lastRunDay ?? null,
      lease: { owner, until: until.toISOString() },
    };
    try {
      if (current) await replaceIfMatch(this.container, doc, current._etag, tenantId);
      else await createOnce(this.container, doc);
      return true;
    } catch (err) {
      if (isConflict(err)) return false; // another instance claimed it first
      throw err;
    }
  }

  async done(tenantId: string, day: string, owner: string): Promise<void> {
    const id = 'retention-run';
    const current = await readOrNull<{ lease?: { owner: string } | null }>(this.container, id, tenantId);
    if (current?.lease && current.lease.owner !== owner) return; // our lease ran out and another instance took over
    await this.container.items.upsert({ id, tenantId, docType: 'retention-run', lastRunDay: day, lease: null });
  }
}
