import type { ModuleProgress, ModuleState } from '../scan/scan-types';

/**
 * Where a finished module comes from. Only `self` is the employee's own word; the others are
 * confirmed by someone else: an organiser marking attendance at an event, an import of a
 * learning platform's export, or a learning platform's xAPI statement.
 */
export const COMPLETION_SOURCES = ['self', 'event', 'import', 'xapi'] as const;
export type CompletionSource = (typeof COMPLETION_SOURCES)[number];
export const isConfirmed = (source: CompletionSource): boolean => source !== 'self';

/** What one person counted for in the dashboards' counters, each at most once (a counter counts people). */
type Mark = 'started' | 'finished' | 'confirmed' | CompletionSource;

/** The counters a change of one person's progress moves, each by one person at most. */
export interface ProgressCount {
  firstStarted: boolean;
  firstFinished: boolean;
  firstConfirmed: boolean;
  /** Sources this person now counts for for the first time. */
  firstSources: CompletionSource[];
}

export interface ProgressChange {
  moduleId: string;
  state: ModuleState;
  source: CompletionSource;
  at: string;
  /** Whether the module is in the person's latest advice: only those count as following the advice. */
  advised: boolean;
}

/** Progress stored before sources were kept: a finished module was the employee's own tick. */
function marksOf(progress: ModuleProgress | null): Set<Mark> {
  if (!progress) return new Set();
  if (progress.counted) return new Set(progress.counted);
  const entries = Object.values(progress.modules);
  const marks = new Set<Mark>();
  if (entries.length) marks.add('started');
  if (entries.some((m) => m.state === 'finished')) marks.add('finished').add('self');
  return marks;
}

/**
 * One change to a person's module progress, and which counters it moves. A module once
 * finished stays finished; a new source of the same module is added beside the earlier ones
 * (an employee who ticked a module and then attended its workshop shows both). Counters move
 * only for advised modules, once per person and counter.
 */
export function applyProgress(
  progress: ModuleProgress | null,
  tenantId: string,
  userId: string,
  change: ProgressChange,
): { next: ModuleProgress; count: ProgressCount | null } {
  const marks = marksOf(progress);
  const modules = { ...(progress?.modules ?? {}) };
  const current = modules[change.moduleId];
  if (change.state === 'started') {
    if (!current) modules[change.moduleId] = { state: 'started', at: change.at };
  } else {
    const sources = new Set(current?.sources ?? (current?.state === 'finished' ? ['self' as const] : []));
    sources.add(change.source);
    modules[change.moduleId] = {
      state: 'finished',
      at: current?.state === 'finished' ? current.at : change.at,
      sources: [...sources],
    };
  }
  const before = new Set(marks);
  if (change.advised) {
    marks.add('started');
    if (change.state === 'finished') {
      marks.add('finished').add(change.source);
      if (isConfirmed(change.source)) marks.add('confirmed');
    }
  }
  const fresh = (m: Mark) => marks.has(m) && !before.has(m);
  const count: ProgressCount = {
    firstStarted: fresh('started'),
    firstFinished: fresh('finished'),
    firstConfirmed: fresh('confirmed'),
    firstSources: COMPLETION_SOURCES.filter((s) => fresh(s)),
  };
  const moved = count.firstStarted || count.firstFinished || count.firstConfirmed || count.firstSources.length > 0;
  return { next: { tenantId, userId, modules, counted: [...marks] }, count: moved ? count : null };
}
