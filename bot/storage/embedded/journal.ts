import { close, closeSync, existsSync, fdatasync, fsyncSync, openSync, readFileSync, write } from 'node:fs';
import { promisify } from 'node:util';

export type JournalEntry =
  | { op: 'put'; db: string; c: string; pk: string; doc: Record<string, unknown> & { id: string } }
  | { op: 'rm'; db: string; c: string; pk: string; id: string };

const writeAsync = promisify(write);
const datasyncAsync = promisify(fdatasync);
const closeAsync = promisify(close);

/**
 * An append-only file with one JSON line per change. `append` resolves once the line is
 * on disk (written and fdatasync'd). Lines appended while a sync is under way are written
 * and synced together (group commit): concurrent writes share one sync instead of queueing
 * one sync each. After a failed write the journal refuses further appends, so no line can
 * follow a torn one.
 */
export class Journal {
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  private draining: Promise<void> | null = null;
  private broken: Error | null = null;
  private fd: number | null;
  /** Bytes appended so far (compaction starts when this grows past a limit). */
  bytes = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  append(entry: JournalEntry): Promise<void> {
    if (this.broken || this.fd === null) return Promise.reject(this.broken ?? new Error('journal closed'));
    const line = `${JSON.stringify(entry)}\n`;
    this.bytes += Buffer.byteLength(line);
    return new Promise<void>((resolve, reject) => {
      this.pending.push(line);
      this.waiters.push({ resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Waits for appended lines to reach the disk, then closes the file. */
  async close(): Promise<void> {
    await this.draining;
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    await closeAsync(fd);
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const lines = this.pending.join('');
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        if (this.broken) throw this.broken;
        await writeAsync(this.fd!, lines);
        await datasyncAsync(this.fd!);
        for (const w of waiters) w.resolve();
      } catch (err) {
        this.broken ??= err instanceof Error ? err : new Error(String(err));
        for (const w of waiters) w.reject(err);
      }
    }
    this.draining = null;
  }
}

/**
 * The entries of a journal file. A last line without its newline was being written when
 * the process died and was never acknowledged: it is ignored. Any other unreadable line
 * means the file was damaged otherwise, and reading stops with an error rather than
 * silently dropping acknowledged changes.
 */
export function readJournal(file: string): JournalEntry[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a torn line
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as JournalEntry;
    } catch {
      throw new Error(`journal ${file} is damaged at line ${i + 1}`);
    }
  });
}

/** Makes a directory's entries (created, renamed, removed files) durable. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
