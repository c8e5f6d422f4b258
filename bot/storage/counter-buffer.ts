import type { Container } from '@azure/cosmos';
import { updateCounterDoc } from './counter-doc';

type CounterDoc = { id: string; tenantId: string; updatedAt: string };

/** Counters kept as last written (a few KB each); beyond this the copies start over. */
const MAX_KEPT = 5_000;

interface Pending {
  tenantId: string;
  empty: () => CounterDoc;
  changes: Array<(doc: CounterDoc) => void>;
  done: Array<() => void>;
}

/**
 * Group commit for counter documents: changes wait while a write is in flight and the
 * next write applies all of them in one conditional update. A burst of 500 help
 * requests then costs a handful of writes to the tenant's counter instead of 500
 * writers fighting over one ETag. A write that keeps conflicting (several server
 * instances) keeps its changes for the next round; nothing is dropped. The buffer keeps
 * each counter as it last wrote it, so the next update is one conditional write instead of
 * a read and a write; a copy another instance made stale fails on its ETag and is read again.
 */
export class CounterBuffer {
  private readonly pending = new Map<string, Pending>();
  private readonly written = new Map<string, CounterDoc & { _etag: string }>();
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(
    private readonly container: Container,
    private readonly now: () => Date,
    private readonly onError: (err: unknown, id: string) => void = () => undefined,
  ) {}

  /** Queues a change; resolves once it is stored. */
  add<T extends CounterDoc>(id: string, tenantId: string, empty: () => T, change: (doc: T) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const key = `${tenantId}\u0000${id}`;
      const entry = this.pending.get(key) ?? { tenantId, empty, changes: [], done: [] };
      entry.changes.push(change as (doc: CounterDoc) => void);
      entry.done.push(resolve);
      this.pending.set(key, entry);
      this.schedule();
    });
  }

  /** Resolves when everything queued so far is stored. */
  async flush(): Promise<void> {
    while (this.pending.size > 0 || this.scheduled) {
      this.schedule();
      await this.running;
    }
    await this.running;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.running = this.running.then(() => {
      this.scheduled = false;
      return this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    const batch = [...this.pending.entries()];
    this.pending.clear();
    await Promise.all(
      batch.map(async ([key, entry]) => {
        const id = key.slice(key.indexOf('\u0000') + 1);
        try {
          const stored = await updateCounterDoc(
            this.container,
            id,
            entry.tenantId,
            entry.empty,
            (doc) => entry.changes.forEach((change) => change(doc)),
            this.now,
            this.written.get(key) ?? null,
          );
          if (this.written.size >= MAX_KEPT) this.written.clear();
          this.written.set(key, stored);
          entry.done.forEach((resolve) => resolve());
        } catch (err) {
          this.written.delete(key);
          this.onError(err, id);
          const later = this.pending.get(key);
          this.pending.set(key, {
            ...entry,
            changes: [...entry.changes, ...(later?.changes ?? [])],
            done: [...entry.done, ...(later?.done ?? [])],
          });
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
          this.schedule();
        }
      }),
    );
  }
}
