import type { Container } from '@azure/cosmos';
import { isConflict } from '../domain/errors';
import { createOnce, readOrNull, replaceIfMatch } from './cosmos';

const MAX_ATTEMPTS = 8;

/**
 * Read-modify-write of a shared counter document with its ETag: concurrent updates
 * retry with a short random pause instead of overwriting each other.
 */
export async function updateCounterDoc<T extends { id: string; tenantId: string; updatedAt: string }>(
  container: Container,
  id: string,
  tenantId: string,
  empty: () => T,
  change: (doc: T) => void,
  now: () => Date,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await readOrNull<T>(container, id, tenantId);
    const doc: T = current ? structuredClone(current) : empty();
    change(doc);
    doc.updatedAt = now().toISOString();
    try {
      if (current) await replaceIfMatch(container, doc, current._etag, tenantId);
      else await createOnce(container, doc);
      return;
    } catch (err) {
      if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
