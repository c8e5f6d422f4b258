import { randomUUID } from 'node:crypto';
import type { CatalogueEntry, CatalogueHead, CatalogueRepository } from '../../bot/domain/catalogue/catalogue-types';
import { AppError } from '../../bot/domain/errors';
import type { Versioned } from '../../bot/domain/scan/scan-types';

const conflict = () => new AppError('conflict', 409, 'error.conflict');

/** The catalogue repository in memory, with ETags that change on every write (as Cosmos does). */
export class MemoryCatalogueRepository implements CatalogueRepository {
  readonly heads = new Map<string, Versioned<CatalogueHead>>();
  readonly docs = new Map<string, Versioned<CatalogueEntry>>();
  writes = 0;

  private key = (tenantId: string, id: string) => `${tenantId}|${id}`;
  private stamp = <T>(value: T): Versioned<T> => ({ value: structuredClone(value), etag: randomUUID() });

  head(tenantId: string) {
    return Promise.resolve(this.heads.get(tenantId) ?? null);
  }

  entries(tenantId: string) {
    return Promise.resolve([...this.docs.values()].filter((d) => d.value.tenantId === tenantId));
  }

  entry(tenantId: string, moduleId: string) {
    return Promise.resolve(this.docs.get(this.key(tenantId, moduleId)) ?? null);
  }

  putEntries(entries: CatalogueEntry[]) {
    for (const e of entries) this.docs.set(this.key(e.tenantId, e.module.id), this.stamp(e));
    this.writes += entries.length;
    return Promise.resolve();
  }

  createEntry(entry: CatalogueEntry) {
    const key = this.key(entry.tenantId, entry.module.id);
    if (this.docs.has(key)) return Promise.reject(conflict());
    const saved = this.stamp(entry);
    this.docs.set(key, saved);
    this.writes++;
    return Promise.resolve(saved);
  }

  replaceEntry(entry: CatalogueEntry, etag: string) {
    const key = this.key(entry.tenantId, entry.module.id);
    if (this.docs.get(key)?.etag !== etag) return Promise.reject(conflict());
    const saved = this.stamp(entry);
    this.docs.set(key, saved);
    this.writes++;
    return Promise.resolve(saved);
  }

  putHead(head: CatalogueHead, etag: string | null) {
    const current = this.heads.get(head.tenantId);
    if (etag === null ? current : current?.etag !== etag) return Promise.reject(conflict());
    const saved = this.stamp(head);
    this.heads.set(head.tenantId, saved);
    return Promise.resolve(saved);
  }
}
