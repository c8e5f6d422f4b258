import type { Directory } from './ports';
import type { Clock } from './ports';

/**
 * Directory lookups are reference data read on every turn; a short in-process cache
 * keeps a turn to its own few point operations. Entries live `ttlMs`.
 */
export class CachedDirectory implements Directory {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly inner: Directory,
    private readonly clock: Clock,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 20_000,
  ) {}

  getTenant = (t: string) => this.memo(`t|${t}`, () => this.inner.getTenant(t));
  getPerson = (t: string, u: string) => this.memo(`p|${t}|${u}`, () => this.inner.getPerson(t, u));
  getUnit = (t: string, id: string) => this.memo(`u|${t}|${id}`, () => this.inner.getUnit(t, id));
  directReports = (t: string, m: string) => this.memo(`r|${t}|${m}`, () => this.inner.directReports(t, m));
  teamMembers = (t: string, id: string) => this.memo(`m|${t}|${id}`, () => this.inner.teamMembers(t, id));
  teamsLedBy = (t: string, l: string) => this.memo(`l|${t}|${l}`, () => this.inner.teamsLedBy(t, l));
  listPeople = (t: string) => this.inner.listPeople(t);
  listUnits = (t: string, kind: 'department' | 'location' | 'team') =>
    this.memo(`k|${t}|${kind}`, () => this.inner.listUnits(t, kind));

  /** Forget everything (after an admin change to the organisation). */
  clear(): void {
    this.cache.clear();
  }

  /** Forget one tenant's record (its settings changed); people and units stay cached. */
  forgetTenant(tenantId: string): void {
    this.cache.delete(`t|${tenantId}`);
  }

  private memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    const value = load();
    this.cache.set(key, { at: now, value });
    value.catch(() => this.cache.delete(key));
    return value;
  }
}
