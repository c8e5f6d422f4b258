import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger';
import { CONTAINERS, type ContainerName } from '../containers';
import { Journal, readJournal, syncDirectory } from './journal';

export type Doc = Record<string, unknown> & { id: string };
const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'];
/** The journal is folded into the snapshots when it grows past this. */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;
const JOURNAL_FILE = /^journal-(\d+)\.log$/;

interface SnapshotFile {
  version: 1 | 2;
  savedAt: string;
  docs: Doc[];
  /** Version 2: the partition key of each document, in the same order. */
  pks?: string[];
}

/**
 * Persists the embedded server's documents in `<dir>`: one snapshot per container
 * (`<db>.<container>.json`) plus a journal (`journal-<n>.log`) with one line per change
 * since the snapshots. `put` and `remove` resolve once the change is in the journal on
 * disk, so a write acknowledged to a client survives SIGKILL or a power cut. When the
 * journal grows (and on shutdown), the changed containers are written as new snapshots
 * (temporary file, fsync, rename) and only then are the journals they cover deleted.
 */
export class SnapshotStore {
  private readonly containers = new Map<string, Map<string, { pk: string; doc: Doc }>>();
  /** Containers changed since the last snapshot was taken. */
  private readonly dirty = new Set<string>();
  private journal: Journal | null = null;
  private generation: number;
  private compacting: Promise<void> = Promise.resolve();
  private compactQueued = false;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    private readonly compactAfterBytes = COMPACT_AFTER_BYTES,
  ) {
    mkdirSync(dir, { recursive: true });
    this.generation = Math.max(0, ...this.journalGenerations()) + 1;
  }

  /**
   * Documents saved by earlier runs, grouped by database and container: the snapshots with
   * every journal replayed over them. Containers the journals touched are marked changed,
   * so the next compaction writes them before it deletes those journals.
   */
  load(): Array<{ db: string; container: string; docs: Doc[] }> {
    for (const file of readdirSync(this.dir).filter((f) => /^[^.]+\.[^.]+\.json$/.test(f))) {
      const name = file.slice(0, -'.json'.length);
      const parsed = JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')) as SnapshotFile;
      const bucket = this.bucketNamed(name);
      parsed.docs.forEach((doc, i) => {
        const pk = parsed.pks?.[i] ?? derivedPartitionKey(name, doc);
        bucket.set(keyOf(pk, doc.id), { pk, doc: stripSystemFields(doc) });
      });
    }
    for (const gen of this.journalGenerations().sort((a, b) => a - b)) {
      const entries = readJournal(this.journalPath(gen));
      for (const e of entries) {
        const name = `${e.db}.${e.c}`;
        if (e.op === 'put')
          this.bucketNamed(name).set(keyOf(e.pk, e.doc.id), { pk: e.pk, doc: stripSystemFields(e.doc) });
        else this.bucketNamed(name).delete(keyOf(e.pk, e.id));
        this.dirty.add(name);
      }
      if (entries.length > 0) this.log.info({ generation: gen, entries: entries.length }, 'journal replayed');
    }
    return [...this.containers.entries()]
      .map(([name, bucket]) => {
        const [db, container] = name.split('.');
        return { db, container, docs: [...bucket.values()].map((e) => e.doc) };
      })
      .filter((s) => s.db && s.container);
  }

  /** Records a document; resolves once the change is durable. */
  put(db: string, container: string, pk: string, doc: Doc): Promise<void> {
    const canonical = canonicalPartitionKey(pk);
    const stored = stripSystemFields(doc);
    this.bucket(db, container).set(keyOf(canonical, doc.id), { pk: canonical, doc: stored });
    return this.record({ op: 'put', db, c: container, pk: canonical, doc: stored }, db, container);
  }

  /** Records a deletion; resolves once the change is durable. */
  remove(db: string, container: string, pk: string, id: string): Promise<void> {
    const canonical = canonicalPartitionKey(pk);
    this.bucket(db, container).delete(keyOf(canonical, id));
    return this.record({ op: 'rm', db, c: container, pk: canonical, id }, db, container);
  }

  /** Folds the journal into the snapshots now; resolves when that is on disk (shutdown, tests). */
  async flush(): Promise<void> {
    await this.compact();
    await this.journal?.close();
    this.journal = null;
  }

  private record(entry: Parameters<Journal['append']>[0], db: string, container: string): Promise<void> {
    this.dirty.add(`${db}.${container}`);
    this.journal ??= this.openJournal();
    const durable = this.journal.append(entry);
    if (this.journal.bytes > this.compactAfterBytes && !this.compactQueued) {
      void this.compact().catch((err) => this.log.error({ err }, 'journal compaction failed'));
    }
    return durable;
  }

  private openJournal(): Journal {
    const journal = new Journal(this.journalPath(this.generation));
    syncDirectory(this.dir);
    return journal;
  }

  /**
   * Takes the changed containers as they are now (synchronously, so the copy is exactly the
   * state the journals so far describe), starts a new journal for later changes, writes the
   * copies as snapshots, and only then deletes the older journals.
   */
  private compact(): Promise<void> {
    if (this.compactQueued) return this.compacting;
    this.compactQueued = true;
    this.compacting = this.compacting.then(async () => {
      this.compactQueued = false;
      const covered = this.generation;
      const names = [...this.dirty];
      this.dirty.clear();
      const files = names.map((name) => ({ name, text: this.serialize(name) }));
      const previous = this.journal;
      this.journal = null;
      this.generation++;
      try {
        await previous?.close();
        for (const { name, text } of files) await writeDurably(path.join(this.dir, `${name}.json`), text);
        for (const gen of this.journalGenerations()) if (gen <= covered) unlinkSync(this.journalPath(gen));
        syncDirectory(this.dir);
      } catch (err) {
        for (const name of names) this.dirty.add(name);
        throw err;
      }
    });
    return this.compacting;
  }

  private serialize(name: string): string {
    const entries = [...(this.containers.get(name)?.values() ?? [])];
    const file: SnapshotFile = {
      version: 2,
      savedAt: new Date().toISOString(),
      docs: entries.map((e) => e.doc),
      pks: entries.map((e) => e.pk),
    };
    return JSON.stringify(file);
  }

  private bucket(db: string, container: string): Map<string, { pk: string; doc: Doc }> {
    return this.bucketNamed(`${db}.${container}`);
  }

  private bucketNamed(name: string): Map<string, { pk: string; doc: Doc }> {
    let bucket = this.containers.get(name);
    if (!bucket) this.containers.set(name, (bucket = new Map<string, { pk: string; doc: Doc }>()));
    return bucket;
  }

  private journalGenerations(): number[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .map((f) => JOURNAL_FILE.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]));
  }

  private journalPath(gen: number): string {
    return path.join(this.dir, `journal-${String(gen).padStart(6, '0')}.log`);
  }
}

/** Temporary file, fsync, rename: the snapshot on disk is always a whole one. */
async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

const keyOf = (pk: string, id: string) => `${pk}\u0000${id}`;

/** The SDK sends the partition key as JSON with non-ASCII escaped; one spelling for each key. */
function canonicalPartitionKey(header: string): string {
  try {
    return JSON.stringify(JSON.parse(header));
  } catch {
    return header;
  }
}

/** Snapshots written before partition keys were stored: the key follows from the container's definition. */
function derivedPartitionKey(name: string, doc: Doc): string {
  const field = (CONTAINERS as Record<string, string>)[name.split('.')[1] as ContainerName]?.slice(1);
  return field ? JSON.stringify([doc[field]]) : '[]';
}

function stripSystemFields(doc: Doc): Doc {
  const copy: Doc = { ...doc };
  for (const f of SYSTEM_FIELDS) delete copy[f];
  return copy;
}
