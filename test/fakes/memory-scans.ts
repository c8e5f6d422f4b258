import { AppError } from '../../bot/domain/errors';
import type {
  AggregateEvent,
  ModuleProgress,
  ScanAggregates,
  ScanRepository,
  ScanResult,
  ScanSession,
  Versioned,
} from '../../bot/domain/scan/scan-types';

const conflict = () => new AppError('conflict', 409, 'error.conflict');
const clone = <T>(v: T): T => structuredClone(v);
const key = (tenantId: string, userId: string) => `${tenantId}|${userId}`;

/** Scan sessions, results and module progress in memory, with Cosmos' ETag rule for sessions. */
export class MemoryScanRepository implements ScanRepository {
  private seq = 0;
  readonly sessions = new Map<string, Versioned<ScanSession>>();
  readonly resultsByUser = new Map<string, ScanResult[]>();
  private readonly progress = new Map<string, Versioned<ModuleProgress>>();
  /** How many writes the scan made: every answer should be one. */
  writes = 0;
  /** How many times results were looked up (a query in Cosmos). */
  resultQueries = 0;

  private etag() {
    return `"${++this.seq}"`;
  }

  async getSession(tenantId: string, userId: string) {
    const found = this.sessions.get(key(tenantId, userId));
    return found ? clone(found) : null;
  }
  async putSession(session: ScanSession) {
    this.writes++;
    const saved = { value: clone(session), etag: this.etag() };
    this.sessions.set(key(session.tenantId, session.userId), saved);
    return clone(saved);
  }
  async replaceSession(session: ScanSession, etag: string) {
    if (this.sessions.get(key(session.tenantId, session.userId))?.etag !== etag) throw conflict();
    return this.putSession(session);
  }
  async latestResult(tenantId: string, userId: string) {
    this.resultQueries++;
    const latest = this.resultsByUser.get(key(tenantId, userId))?.[0];
    return latest ? { value: clone(latest), etag: `"result-${latest.resultId}"` } : null;
  }
  async createResult(result: ScanResult) {
    const list = this.resultsByUser.get(key(result.tenantId, result.userId)) ?? [];
    if (list.some((r) => r.resultId === result.resultId)) return false;
    this.resultsByUser.set(key(result.tenantId, result.userId), [clone(result), ...list]);
    return true;
  }
  async replaceResult(result: ScanResult) {
    const list = this.resultsByUser.get(key(result.tenantId, result.userId)) ?? [];
    this.resultsByUser.set(
      key(result.tenantId, result.userId),
      list.map((r) => (r.resultId === result.resultId ? clone(result) : r)),
    );
  }
  async getModuleProgress(tenantId: string, userId: string) {
    const found = this.progress.get(key(tenantId, userId));
    return found ? clone(found) : null;
  }
  async saveModuleProgress(progress: ModuleProgress) {
    this.progress.set(key(progress.tenantId, progress.userId), { value: clone(progress), etag: this.etag() });
  }
  async results(tenantId: string, userId: string) {
    this.resultQueries++;
    return clone(this.resultsByUser.get(key(tenantId, userId)) ?? []);
  }
  async completedSince(since: string) {
    return [...this.sessions.values()]
      .filter(({ value: s }) => s.status === 'completed' && s.updatedAt >= since)
      .map(({ value: s }) => ({ tenantId: s.tenantId, userId: s.userId, sessionId: s.sessionId }));
  }
  async hasResult(tenantId: string, userId: string, resultId: string) {
    return (this.resultsByUser.get(key(tenantId, userId)) ?? []).some((r) => r.resultId === resultId);
  }
  async deleteAll(tenantId: string, userId: string) {
    const k = key(tenantId, userId);
    const n = (this.sessions.delete(k) ? 1 : 0) + (this.resultsByUser.get(k)?.length ?? 0);
    this.resultsByUser.delete(k);
    this.progress.delete(k);
    return n;
  }
}

export class RecordingScanAggregates implements ScanAggregates {
  readonly events: AggregateEvent['type'][] = [];
  /** The events themselves, for tests that read what was counted. */
  readonly recorded: AggregateEvent[] = [];
  async record(_tenantId: string, _scopes: unknown[], event: AggregateEvent) {
    this.events.push(event.type);
    this.recorded.push(structuredClone(event));
  }
}
