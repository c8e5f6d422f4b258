import type { Container } from '@azure/cosmos';
import type { ModuleProgress, ScanRepository, ScanResult, ScanSession, Versioned } from '../domain/scan/scan-types';
import { createOnce, readOrNull, replaceIfMatch, versioned as storedVersion } from './cosmos';
import { userKey } from './containers';
import { isConflict } from '../domain/errors';

type Doc<T> = T & { id: string; userKey: string; docType: string };

/**
 * Scans in the `scans` container, partitioned by user: the session, the results and
 * the module progress of one person sit together, so an answer is a point read and a
 * conditional replace.
 */
export class CosmosScanRepository implements ScanRepository {
  constructor(private readonly container: Container) {}

  async getSession(tenantId: string, userId: string): Promise<Versioned<ScanSession> | null> {
    return versioned(await readOrNull<Doc<ScanSession>>(this.container, 'session', userKey(tenantId, userId)));
  }

  async putSession(session: ScanSession): Promise<Versioned<ScanSession>> {
    const { resource } = await this.container.items.upsert(this.sessionDoc(session));
    return versioned(resource as unknown as Doc<ScanSession> & { _etag: string })!;
  }

  async replaceSession(session: ScanSession, etag: string): Promise<Versioned<ScanSession>> {
    const doc = this.sessionDoc(session);
    return versioned(await replaceIfMatch(this.container, doc, etag, doc.userKey))!;
  }

  async latestResult(tenantId: string, userId: string): Promise<Versioned<ScanResult> | null> {
    const key = userKey(tenantId, userId);
    const { resources } = await this.container.items
      .query<
        Doc<ScanResult> & { _etag: string }
      >({ query: "SELECT TOP 1 * FROM c WHERE c.userKey = @k AND c.docType = 'result' ORDER BY c.completedAt DESC", parameters: [{ name: '@k', value: key }] }, { partitionKey: key })
      .fetchAll();
    return versioned(resources[0] ?? null);
  }

  async createResult(result: ScanResult): Promise<boolean> {
    try {
      await createOnce(this.container, this.resultDoc(result));
      return true;
    } catch (err) {
      if (!isConflict(err)) throw err;
      return false; // written by an earlier or a concurrent attempt: the same result
    }
  }

  async replaceResult(result: ScanResult, etag: string): Promise<void> {
    const doc = this.resultDoc(result);
    await replaceIfMatch(this.container, doc, etag, doc.userKey);
  }

  async getModuleProgress(tenantId: string, userId: string): Promise<Versioned<ModuleProgress> | null> {
    return versioned(await readOrNull<Doc<ModuleProgress>>(this.container, 'modules', userKey(tenantId, userId)));
  }

  async saveModuleProgress(progress: ModuleProgress, etag: string | null): Promise<void> {
    const doc = {
      ...progress,
      id: 'modules',
      userKey: userKey(progress.tenantId, progress.userId),
      docType: 'modules',
    };
    if (etag) await replaceIfMatch(this.container, doc, etag, doc.userKey);
    else await createOnce(this.container, doc);
  }

  async results(tenantId: string, userId: string): Promise<ScanResult[]> {
    const key = userKey(tenantId, userId);
    const { resources } = await this.container.items
      .query<
        Doc<ScanResult> & { _etag: string }
      >({ query: "SELECT * FROM c WHERE c.userKey = @k AND c.docType = 'result' ORDER BY c.completedAt DESC", parameters: [{ name: '@k', value: key }] }, { partitionKey: key })
      .fetchAll();
    return resources.map((r) => versioned<ScanResult>(r)!.value);
  }

  async completedSince(since: string): Promise<Array<{ tenantId: string; userId: string; sessionId: string }>> {
    const { resources } = await this.container.items
      .query<{ tenantId: string; userId: string; sessionId: string }>({
        query:
          "SELECT c.tenantId, c.userId, c.sessionId FROM c WHERE c.docType = 'session' AND c.status = 'completed' AND c.updatedAt >= @since",
        parameters: [{ name: '@since', value: since }],
      })
      .fetchAll();
    return resources;
  }

  async hasResult(tenantId: string, userId: string, resultId: string): Promise<boolean> {
    return (await readOrNull(this.container, `result:${resultId}`, userKey(tenantId, userId))) !== null;
  }

  async deleteAll(tenantId: string, userId: string): Promise<number> {
    const key = userKey(tenantId, userId);
    const { resources } = await this.container.items
      .query<{
        id: string;
      }>(
        { query: 'SELECT c.id FROM c WHERE c.userKey = @k', parameters: [{ name: '@k', value: key }] },
        { partitionKey: key },
      )
      .fetchAll();
    for (const { id } of resources) await this.container.item(id, key).delete();
    return resources.length;
  }

  private sessionDoc(session: ScanSession): Doc<ScanSession> {
    return { ...session, id: 'session', userKey: userKey(session.tenantId, session.userId), docType: 'session' };
  }

  private resultDoc(result: ScanResult): Doc<ScanResult> {
    return {
      ...result,
      id: `result:${result.resultId}`,
      userKey: userKey(result.tenantId, result.userId),
      docType: 'result',
    };
  }
}

const versioned = <T>(doc: (Doc<T> & { _etag: string }) | null): Versioned<T> | null =>
  storedVersion<T>(doc, ['id', 'userKey', 'docType']);
