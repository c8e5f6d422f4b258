import type { Container } from '@azure/cosmos';
import { isConflict } from '../domain/errors';
import { createOnce, readOrNull, replaceIfMatch } from './cosmos';

const MAX_ATTEMPTS = 8;

/**
 * Read-modify-write of a shared counter document with its ETag: concurrent updates
 * retry with a short random pause instead of overwriting each other. `known` is a copy
 * the caller kept from its last write: the first attempt uses it instead of reading
 * (a changed document fails on its ETag and is read again). Returns the stored document.
 */
export async function updateCounterDoc<T extends { id: string; tenantId: string; updatedAt: string }>(
  container: Container,
  id: string,
  tenantId: string,
  empty: () => T,
  change: (doc: T) => void,
  now: () => Date,
  known: (T & { _etag: string }) | null = null,
): Promise<T & { _etag: string }> {
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 && known ? known : await readOrNull<T>(container, id, tenantId);
    const doc: T = current ? structuredClone(current) : empty();
    change(doc);
    doc.updatedAt = now().toISOString();
    try {
      if (current) return await replaceIfMatch(container, doc, current._etag, tenantId);
      return await createOnce(container, doc);
    } catch (err) {
      if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
      // A kept copy that was out of date is not a contender: read again at once.
      if (!(attempt === 1 && known)) await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
