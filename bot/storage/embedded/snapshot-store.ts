import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger';

export type Doc = Record<string, unknown> & { id: string };
const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'];
const FLUSH_DELAY_MS = 500;

/**
 * Keeps a copy of every document written to the embedded server and writes each
 * changed container to `<dataDir>/<db>.<container>.json` within about a second,
 * atomically (temporary file + rename), and once more on shutdown.
 */
export class SnapshotStore {
  private readonly containers = new Map<string, Map<string, Doc>>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Documents saved by an earlier run, grouped by database and container. */
  load(): Array<{ db: string; container: string; docs: Doc[] }> {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json') && f.includes('.'))
      .map((file) => {
        const [db, container] = file.slice(0, -'.json'.length).split('.');
        const parsed = JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')) as { docs: Doc[] };
        return { db, container, docs: parsed.docs.map(stripSystemFields) };
      })
      .filter((s) => s.db && s.container);
  }

  put(db: string, container: string, pk: string, doc: Doc): void {
    this.bucket(db, container).set(`${pk}\u0000${doc.id}`, doc);
    this.markDirty(db, container);
  }

  remove(db: string, container: string, pk: string, id: string): void {
    this.bucket(db, container).delete(`${pk}\u0000${id}`);
    this.markDirty(db, container);
  }

  /** Writes every dirty container now; resolves when the files are on disk. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.writeDirty());
    await this.flushing;
  }

  private bucket(db: string, container: string): Map<string, Doc> {
    const name = `${db}.${container}`;
    let bucket = this.containers.get(name);
    if (!bucket) this.containers.set(name, (bucket = new Map<string, Doc>()));
    return bucket;
  }

  private markDirty(db: string, container: string): void {
    this.dirty.add(`${db}.${container}`);
    if (!this.timer) {
      this.timer = setTimeout(
        () => void this.flush().catch((err) => this.log.error({ err }, 'snapshot flush failed')),
        FLUSH_DELAY_MS,
      );
      this.timer.unref();
    }
  }

  private async writeDirty(): Promise<void> {
    const names = [...this.dirty];
    this.dirty.clear();
    for (const name of names) {
      const docs = [...(this.containers.get(name)?.values() ?? [])].map(stripSystemFields);
      const file = path.join(this.dir, `${name}.json`);
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ version: 1, savedAt: new Date().toISOString(), docs }));
      await rename(tmp, file);
    }
  }
}

function stripSystemFields(doc: Doc): Doc {
  const copy: Doc = { ...doc };
  for (const f of SYSTEM_FIELDS) delete copy[f];
  return copy;
}
