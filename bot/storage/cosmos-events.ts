import type { Container } from '@azure/cosmos';
import type { EventRepository, LearningEvent } from '../domain/events/event-types';
import type { LearningRecordStore, XapiCredential } from '../domain/learning/learning-admin';
import type { Versioned } from '../domain/scan/scan-types';
import { isConflict } from '../domain/errors';
import { createOnce, ownFields, readOrNull, replaceIfMatch } from './cosmos';

type StoredEvent = LearningEvent & { id: string; docType: 'event'; _etag: string };

const eventId = (id: string) => `event:${id}`;
const asVersioned = (doc: StoredEvent): Versioned<LearningEvent> => ({
  value: ownFields<LearningEvent>(doc),
  etag: doc._etag,
});

/**
 * Events live in `schedule` (partition /tenantId), one document per event with its sign-ups,
 * so a sign-up, a cancellation and the promotion it causes are one conditional write. The
 * reminder sweep finds due events by the indexed `dueAt`, cleared once the reminders are done.
 */
export class CosmosEventRepository implements EventRepository {
  constructor(private readonly container: Container) {}

  async list(tenantId: string, from: Date): Promise<Array<Versioned<LearningEvent>>> {
    const { resources } = await this.container.items
      .query<StoredEvent>({
        query: "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'event' AND c.endsAt >= @from",
        parameters: [
          { name: '@t', value: tenantId },
          { name: '@from', value: from.toISOString() },
        ],
      })
      .fetchAll();
    return resources.map(asVersioned);
  }

  async get(tenantId: string, id: string): Promise<Versioned<LearningEvent> | null> {
    const doc = await readOrNull<StoredEvent>(this.container, eventId(id), tenantId);
    return doc && doc.docType === 'event' ? asVersioned(doc) : null;
  }

  async create(event: LearningEvent): Promise<void> {
    await createOnce(this.container, { ...event, id: eventId(event.eventId), docType: 'event' as const });
  }

  async replace(event: LearningEvent, etag: string): Promise<Versioned<LearningEvent>> {
    const doc = await replaceIfMatch(
      this.container,
      { ...event, id: eventId(event.eventId), docType: 'event' as const },
      etag,
      event.tenantId,
    );
    return asVersioned(doc);
  }

  async dueReminders(now: Date, limit: number): Promise<Array<Versioned<LearningEvent>>> {
    const { resources } = await this.container.items
      .query<StoredEvent>({
        query: "SELECT TOP @n * FROM c WHERE c.docType = 'event' AND c.dueAt <= @now ORDER BY c.dueAt",
        parameters: [
          { name: '@n', value: limit },
          { name: '@now', value: now.toISOString() },
        ],
      })
      .fetchAll();
    // A cleared reminder is null, which Cosmos orders before strings: keep only real times.
    return resources.filter((d) => typeof d.dueAt === 'string').map(asVersioned);
  }

  async organisers(tenantId: string): Promise<string[]> {
    const doc = await readOrNull<{ userIds: string[] }>(this.container, 'event-organisers', tenantId);
    return doc?.userIds ?? [];
  }

  async saveOrganisers(tenantId: string, userIds: string[]): Promise<void> {
    await this.container.items.upsert({ id: 'event-organisers', tenantId, docType: 'event-organisers', userIds });
  }
}

/** The learning platform's credential (hash only) and handled statement ids, in `schedule` per tenant. */
export class CosmosLearningRecords implements LearningRecordStore {
  constructor(private readonly container: Container) {}

  async getCredential(tenantId: string): Promise<XapiCredential | null> {
    const doc = await readOrNull<XapiCredential & { id: string }>(this.container, 'xapi-credential', tenantId);
    return doc ? { tenantId: doc.tenantId, hash: doc.hash, createdAt: doc.createdAt } : null;
  }

  async putCredential(credential: XapiCredential): Promise<void> {
    await this.container.items.upsert({ ...credential, id: 'xapi-credential', docType: 'xapi-credential' });
  }

  async hasStatement(tenantId: string, statementId: string): Promise<boolean> {
    return (await readOrNull(this.container, `xapi:${statementId}`, tenantId)) !== null;
  }

  async markStatement(tenantId: string, statementId: string, at: string): Promise<void> {
    try {
      await createOnce(this.container, { id: `xapi:${statementId}`, tenantId, docType: 'xapi-statement', at });
    } catch (err) {
      // Stored already (a retry or a second instance): handled once is enough.
      if (!isConflict(err)) throw err;
    }
  }
}
