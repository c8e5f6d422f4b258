import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { mayRelease } from '../dashboard/release';
import type { Clock } from '../ports';

/**
 * The programme's feedback pulse: after a finished module or a rated help request, at most
 * two optional questions. The answer is stored only as counts per topic, never with who
 * gave it; a separate one-way marker (a hash of a per-tenant secret, the person and the
 * topic) stops a second answer without saying whose answer is in the counts.
 */
export type PulseAbout = 'module' | 'help';

export interface PulseAnswer {
  about: PulseAbout;
  /** The module id, or the help request's ticket id (used for the marker only). */
  ref: string;
  useful: number;
  recommend: 'yes' | 'no' | null;
}

export interface PulseCounts {
  answers: number;
  usefulSum: number;
  recommendYes: number;
  recommendNo: number;
}

export interface PulseRelease {
  tenantId: string;
  period: string;
  threshold: number;
  topics: Record<string, PulseCounts>;
}

export interface PulseStore {
  /** The tenant's secret for markers, made on first use. */
  secret(tenantId: string): Promise<string>;
  hasMarker(tenantId: string, marker: string): Promise<boolean>;
  /** Creates the marker; false when it was there already (answered before). */
  mark(tenantId: string, marker: string): Promise<boolean>;
  add(tenantId: string, topic: string, answer: PulseAnswer): Promise<void>;
  counts(tenantId: string): Promise<Map<string, PulseCounts>>;
  getRelease(tenantId: string): Promise<{ value: PulseRelease; etag: string } | null>;
  saveRelease(release: PulseRelease, etag: string | null): Promise<void>;
}

export interface PulseFigure {
  about: PulseAbout;
  /** The module id for a module; absent for help (one topic for every help request). */
  moduleId?: string;
  answers: number;
  meanUseful: number;
  /** Share of those who answered the second question that would recommend it; null under the threshold. */
  recommendRate: number | null;
}

export interface PulseDeps {
  store: PulseStore;
  clock: Clock;
  /** May this person give feedback on this? (They finished the module; their own help request is rated.) */
  eligible(user: { tenantId: string; userId: string }, about: PulseAbout, ref: string): Promise<boolean>;
}

export const topicOf = (about: PulseAbout, ref: string): string => (about === 'module' ? `module:${ref}` : 'help');

const bad = () => new AppError('bad_input', 400, 'error.badInput');
const zero = (): PulseCounts => ({ answers: 0, usefulSum: 0, recommendYes: 0, recommendNo: 0 });

export class PulseService {
  constructor(private readonly deps: PulseDeps) {}

  /** Whether to offer the pulse: not when this person already answered about this. */
  async shouldOffer(user: { tenantId: string; userId: string }, about: PulseAbout, ref: string): Promise<boolean> {
    return !(await this.deps.store.hasMarker(user.tenantId, await this.marker(user, about, ref)));
  }

  async answer(user: { tenantId: string; userId: string }, a: PulseAnswer): Promise<'thanks' | 'already'> {
    if (!Number.isInteger(a.useful) || a.useful < 1 || a.useful > 5) throw bad();
    if (!(await this.deps.eligible(user, a.about, a.ref))) throw bad();
    if (!(await this.deps.store.mark(user.tenantId, await this.marker(user, a.about, a.ref)))) return 'already';
    await this.deps.store.add(user.tenantId, topicOf(a.about, a.ref), a);
    return 'thanks';
  }

  /**
   * The released figures for the programme view: taken at most once a day, each topic moving
   * only when its answers moved by at least `k` (the release model's gate), and shown from
   * `k` answers. A new answer is never visible on its own.
   */
  async figures(tenantId: string, k: number): Promise<PulseFigure[]> {
    const period = this.deps.clock.now().toISOString().slice(0, 10);
    const stored = await this.deps.store.getRelease(tenantId);
    let release = stored?.value ?? null;
    if (!release || release.period !== period || release.threshold !== k) {
      const previous = release && release.threshold === k ? release.topics : {};
      const current = await this.deps.store.counts(tenantId);
      const topics: Record<string, PulseCounts> = {};
      for (const key of new Set([...Object.keys(previous), ...current.keys()])) {
        const before = previous[key] ?? zero();
        const now = current.get(key) ?? zero();
        topics[key] = mayRelease(before.answers, now.answers, k) ? { ...now } : before;
      }
      release = { tenantId, period, threshold: k, topics };
      try {
        await this.deps.store.saveRelease(release, stored?.etag ?? null);
      } catch {
        // Another instance released this period first: show theirs.
        release = (await this.deps.store.getRelease(tenantId))?.value ?? release;
      }
    }
    return Object.entries(release.topics)
      .filter(([, c]) => c.answers >= k)
      .map(([key, c]) => {
        const said = c.recommendYes + c.recommendNo;
        return {
          about: key === 'help' ? ('help' as const) : ('module' as const),
          ...(key.startsWith('module:') ? { moduleId: key.slice('module:'.length) } : {}),
          answers: c.answers,
          meanUseful: Math.round((c.usefulSum / c.answers) * 10) / 10,
          recommendRate: said >= k ? c.recommendYes / said : null,
        };
      })
      .sort((a, b) => b.answers - a.answers);
  }

  private async marker(user: { tenantId: string; userId: string }, about: PulseAbout, ref: string): Promise<string> {
    const secret = await this.deps.store.secret(user.tenantId);
    return createHash('sha256').update(`${secret}\u0000${user.userId}\u0000${about}\u0000${ref}`).digest('hex');
  }
}
