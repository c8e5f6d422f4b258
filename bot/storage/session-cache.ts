import { isConflict } from '../domain/errors';
import type { Clock } from '../domain/ports';
import type { ModuleProgress, ScanRepository, ScanResult, ScanSession, Versioned } from '../domain/scan/scan-types';

/**
 * Keeps each user's current scan session and its ETag in memory, so an answer is one
 * conditional write instead of a read and a write. It stays correct with several
 * server instances: a write based on a stale copy is refused by its ETag (412), the
 * copy is dropped, and the caller reads again. Copies also expire after `ttlMs`.
 */
export class SessionCachingScanRepository implements ScanRepository {
  private readonly sessions = new Map<string, { at: number; session: Versioned<ScanSession> }>();

  constructor(
    private readonly inner: ScanRepository,
    private readonly clock: Clock,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 20_000,
  ) {}

  async getSession(tenantId: string, userId: string): Promise<Versioned<ScanSession> | null> {
    const key = `${tenantId}|${userId}`;
    const hit = this.sessions.get(key);
    if (hit && this.clock.now().getTime() - hit.at < this.ttlMs) return hit.session;
    const session = await this.inner.getSession(tenantId, userId);
    if (session) this.remember(key, session);
    else this.sessions.delete(key);
    return session;
  }

  async putSession(session: ScanSession): Promise<Versioned<ScanSession>> {
    return this.remember(`${session.tenantId}|${session.userId}`, await this.inner.putSession(session));
  }

  async replaceSession(session: ScanSession, etag: string): Promise<Versioned<ScanSession>> {
    const key = `${session.tenantId}|${session.userId}`;
    try {
      return this.remember(key, await this.inner.replaceSession(session, etag));
    } catch (err) {
      if (isConflict(err)) this.sessions.delete(key);
      throw err;
    }
  }

  async deleteAll(tenantId: string, userId: string): Promise<number> {
    this.sessions.delete(`${tenantId}|${userId}`);
    return this.inner.deleteAll(tenantId, userId);
  }

  latestResult = (tenantId: string, userId: string) => this.inner.latestResult(tenantId, userId);
  createResult = (result: ScanResult) => this.inner.createResult(result);
  replaceResult = (result: ScanResult, etag: string) => this.inner.replaceResult(result, etag);
  results = (tenantId: string, userId: string) => this.inner.results(tenantId, userId);
  completedSince = (since: string) => this.inner.completedSince(since);
  hasResult = (tenantId: string, userId: string, resultId: string) => this.inner.hasResult(tenantId, userId, resultId);
  getModuleProgress = (tenantId: string, userId: string) => this.inner.getModuleProgress(tenantId, userId);
  saveModuleProgress = (progress: ModuleProgress, etag: string | null) => this.inner.saveModuleProgress(progress, etag);

  private remember(key: string, session: Versioned<ScanSession>): Versioned<ScanSession> {
    if (this.sessions.size >= this.maxEntries) this.sessions.clear();
    this.sessions.set(key, { at: this.clock.now().getTime(), session });
    return session;
  }
}
