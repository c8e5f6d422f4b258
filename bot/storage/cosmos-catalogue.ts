import type { Container } from '@azure/cosmos';
import type { CatalogueEntry, CatalogueHead, CatalogueRepository } from '../domain/catalogue/catalogue-types';
import type { Versioned } from '../domain/scan/scan-types';
import { createOnce, readOrNull, replaceIfMatch, versioned } from './cosmos';

const HEAD = 'catalogue-head';
const ENTRY_TYPE = 'catalogue-module';
const entryId = (moduleId: string) => `${ENTRY_TYPE}:${moduleId}`;
/** Writes in flight during an import. */
const IN_FLIGHT = 128;

/**
 * A tenant's learning catalogue in the `content` container, in the tenant's own partition:
 * one document per module (`docType: catalogue-module`) and a head document whose revision
 * moves on with every change. Reading the whole catalogue is one single-partition query.
 */
export class CosmosCatalogueRepository implements CatalogueRepository {
  constructor(private readonly container: Container) {}

  async head(tenantId: string): Promise<Versioned<CatalogueHead> | null> {
    return versioned<CatalogueHead>(await readOrNull<CatalogueHead>(this.container, HEAD, tenantId));
  }

  async entries(tenantId: string): Promise<Array<Versioned<CatalogueEntry>>> {
    // The tenant in the query too, not only as partition key: the embedded store ignores the latter for queries.
    const { resources } = await this.container.items
      .query<CatalogueEntry & { _etag: string }>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenant AND c.docType = @type',
          parameters: [
            { name: '@tenant', value: tenantId },
            { name: '@type', value: ENTRY_TYPE },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map((doc) => versioned<CatalogueEntry>(doc));
  }

  async entry(tenantId: string, moduleId: string): Promise<Versioned<CatalogueEntry> | null> {
    return versioned<CatalogueEntry>(await readOrNull<CatalogueEntry>(this.container, entryId(moduleId), tenantId));
  }

  /**
   * An import's writes, several in flight at once (the embedded store answers bulk requests
   * with 500, so each module is its own upsert; the journal shares one sync among the writes
   * that arrive together).
   */
  async putEntries(entries: CatalogueEntry[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < entries.length) await this.container.items.upsert(this.doc(entries[next++]));
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, entries.length) }, worker));
  }

  async createEntry(entry: CatalogueEntry): Promise<Versioned<CatalogueEntry>> {
    return versioned<CatalogueEntry>(await createOnce(this.container, this.doc(entry)));
  }

  async replaceEntry(entry: CatalogueEntry, etag: string): Promise<Versioned<CatalogueEntry>> {
    return versioned<CatalogueEntry>(await replaceIfMatch(this.container, this.doc(entry), etag, entry.tenantId));
  }

  async putHead(head: CatalogueHead, etag: string | null): Promise<Versioned<CatalogueHead>> {
    const doc = { ...head, id: HEAD };
    const saved = etag
      ? await replaceIfMatch(this.container, doc, etag, head.tenantId)
      : await createOnce(this.container, doc);
    return versioned<CatalogueHead>(saved);
  }

  private doc(entry: CatalogueEntry) {
    return { ...entry, id: entryId(entry.module.id), docType: ENTRY_TYPE };
  }
}
