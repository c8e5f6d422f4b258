import { isConflict } from '../errors';
import type { Directory } from '../ports';
import type { ScanAggregates, ScanRepository } from '../scan/scan-types';
import { scopesOf } from '../scan/scan-service';
import { resolveUserContext } from '../user-context';
import { applyProgress, type CompletionSource } from './completion';

export interface CompletionServiceDeps {
  scans: Pick<ScanRepository, 'latestResult' | 'getModuleProgress' | 'saveModuleProgress'>;
  aggregates: ScanAggregates;
  directory: Directory;
  onBackgroundError?: (err: unknown) => void;
}

/**
 * Completions confirmed by someone other than the employee: attendance at an event, an
 * import of a learning platform's export, a learning platform's statement. Each is stored in
 * the person's module progress with its source; recording the same one again changes
 * nothing. A module in the person's latest advice counts towards "follows the advice".
 */
export class CompletionService {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: CompletionServiceDeps) {}

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Whether the person already has this module finished from this source (the import's dry run says so). */
  async has(tenantId: string, userId: string, moduleId: string, source: CompletionSource): Promise<boolean> {
    const progress = await this.deps.scans.getModuleProgress(tenantId, userId);
    return progress?.value.modules[moduleId]?.sources?.includes(source) ?? false;
  }

  /** Returns false when it was already recorded. */
  async record(
    tenantId: string,
    userId: string,
    moduleId: string,
    source: Exclude<CompletionSource, 'self'>,
    at: Date,
  ): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const [latest, current] = await Promise.all([
        this.deps.scans.latestResult(tenantId, userId),
        this.deps.scans.getModuleProgress(tenantId, userId),
      ]);
      if (current?.value.modules[moduleId]?.sources?.includes(source)) return false;
      const advised = latest?.value.adviceModuleIds.includes(moduleId) ?? false;
      const { next, count } = applyProgress(current?.value ?? null, tenantId, userId, {
        moduleId,
        state: 'finished',
        source,
        at: at.toISOString(),
        advised,
      });
      try {
        await this.deps.scans.saveModuleProgress(next, current?.etag ?? null);
      } catch (err) {
        if (isConflict(err) && attempt < 8) continue;
        throw err;
      }
      if (count && latest) {
        const user = await resolveUserContext(this.deps.directory, { tenantId, userId });
        const run = this.deps.aggregates
          .record(tenantId, scopesOf(user, latest.value.profileId), { type: 'module-progress', ...count })
          .catch((err) => this.deps.onBackgroundError?.(err));
        this.inFlight.add(run);
        void run.finally(() => this.inFlight.delete(run));
      }
      return true;
    }
  }
}
