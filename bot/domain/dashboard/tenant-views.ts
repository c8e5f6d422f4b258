import type { OrgUnit } from '../org';
import type { Clock, Directory } from '../ports';
import { type DashboardPlan, effectiveThreshold, groupKey, planDashboard } from './anonymity';
import type { DashboardStore, GroupCounts } from './dashboard-ports';
import { buildOrgShape, type OrgShape, shapeGroups } from './org-shape';

/** What every dashboard of one tenant is computed against: sizes, the anonymity plan, and the groups' counts. */
export interface TenantView {
  tenantId: string;
  threshold: number;
  shape: OrgShape;
  plan: DashboardPlan;
  counts: Map<string, GroupCounts>;
  loadedAt: number;
}

export interface TenantViewsDeps {
  store: DashboardStore;
  directory: Directory;
  clock: Clock;
  defaultThreshold: number;
  /** How long a view is served before it is refreshed in the background. */
  ttlMs?: number;
  /** How old the stored org shape may be before it is rebuilt from the directory. */
  shapeMaxAgeMs?: number;
  onError?(err: unknown, tenantId: string): void;
}

/**
 * Keeps one view per tenant in memory, so a dashboard request costs a few point reads
 * whatever the organisation's size. A stale view is served while a fresh one loads:
 * that is safe, because respondent counts only grow, and a plan made on smaller counts
 * only withholds more.
 */
export class TenantViews {
  private readonly views = new Map<string, { at: number; view: Promise<TenantView>; refreshing?: Promise<void> }>();

  constructor(private readonly deps: TenantViewsDeps) {}

  async get(tenantId: string): Promise<TenantView> {
    const now = this.deps.clock.now().getTime();
    const entry = this.views.get(tenantId);
    if (!entry) {
      const view = this.load(tenantId);
      this.views.set(tenantId, { at: now, view });
      view.catch(() => this.views.delete(tenantId));
      return view;
    }
    if (now - entry.at > (this.deps.ttlMs ?? 60_000) && !entry.refreshing) {
      entry.refreshing = this.load(tenantId)
        .then((fresh) => {
          this.views.set(tenantId, { at: this.deps.clock.now().getTime(), view: Promise.resolve(fresh) });
        })
        .catch((err) => {
          entry.refreshing = undefined;
          this.deps.onError?.(err, tenantId);
        });
    }
    return entry.view;
  }

  /** Forget a tenant's view (after an import changed its organisation). */
  invalidate(tenantId: string): void {
    this.views.delete(tenantId);
  }

  private async load(tenantId: string): Promise<TenantView> {
    const [tenant, stored, counts] = await Promise.all([this.deps.directory.getTenant(tenantId), this.deps.store.getOrgShape(tenantId), this.deps.store.scanCounts(tenantId)]);
    const threshold = effectiveThreshold(tenant?.anonymityThreshold, this.deps.defaultThreshold);
    const shape = await this.freshShape(tenantId, stored);
    const { cells, members } = shapeGroups(shape);
    const byKey = new Map(counts.map((c) => [groupKey(c.group), c]));
    const respondents = new Map([...members.keys()].map((k) => [k, byKey.get(k)?.respondents ?? 0]));
    return { tenantId, threshold, shape, plan: planDashboard(cells, members, respondents, threshold), counts: byKey, loadedAt: this.deps.clock.now().getTime() };
  }

  private async freshShape(tenantId: string, stored: OrgShape | null): Promise<OrgShape> {
    const maxAge = this.deps.shapeMaxAgeMs ?? 3_600_000;
    if (stored && this.deps.clock.now().getTime() - Date.parse(stored.builtAt) < maxAge) return stored;
    try {
      const shape = await shapeFromDirectory(this.deps.directory, tenantId, this.deps.clock.now().toISOString());
      await this.deps.store.putOrgShape(shape);
      return shape;
    } catch (err) {
      if (!stored) throw err;
      this.deps.onError?.(err, tenantId);
      return stored;
    }
  }
}

/** The directory's people and units, counted once (an import or an hourly refresh, never per request). */
export async function shapeFromDirectory(directory: Directory, tenantId: string, builtAt: string): Promise<OrgShape> {
  const people = await directory.listPeople(tenantId);
  const ids = new Set<string>();
  for (const p of people) for (const id of [p.teamId, p.departmentId, p.locationId]) if (id) ids.add(id);
  const units: OrgUnit[] = [];
  const list = [...ids];
  for (let i = 0; i < list.length; i += 32) {
    const found = await Promise.all(list.slice(i, i + 32).map((id) => directory.getUnit(tenantId, id)));
    units.push(...found.filter((u): u is OrgUnit => u !== null));
  }
  // A team's department holds it even when no member has that department on their record.
  for (const u of [...units]) {
    if (u.kind === 'team' && u.departmentId && !ids.has(u.departmentId)) {
      ids.add(u.departmentId);
      const dep = await directory.getUnit(tenantId, u.departmentId);
      if (dep) units.push(dep);
    }
  }
  return buildOrgShape(tenantId, people, units, builtAt);
}
