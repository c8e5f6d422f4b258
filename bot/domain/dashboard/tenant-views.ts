import type { OrgUnit } from '../org';
import type { Clock, Directory } from '../ports';
import { type DashboardPlan, effectiveThreshold, groupKey, planDashboard } from './anonymity';
import type { DashboardStore, HelpGroupAggregate, ScanGroupAggregate } from './dashboard-ports';
import { buildOrgShape, type OrgShape, type ShapeUnit, structureOf, teamMembers, unitsOf } from './org-shape';
import { sumHelp, sumScan } from './rollups';

/** What every dashboard of one tenant is computed against: sizes, the anonymity plan, and department and location roll-ups. */
export interface TenantView {
  tenantId: string;
  threshold: number;
  shape: OrgShape;
  plan: DashboardPlan;
  /** Sums of the teams' aggregates per department and location key. */
  rollups: Map<string, { scan: ScanGroupAggregate; help: HelpGroupAggregate }>;
  /** Sorted once per view: a request never walks every unit of a large organisation. */
  departments: ShapeUnit[];
  locations: ShapeUnit[];
  loadedAt: number;
  loadMs: number;
}

export interface TenantViewsDeps {
  store: DashboardStore;
  directory: Directory;
  clock: Clock;
  defaultThreshold: number;
  /** The shortest time a view is served before it is rebuilt in the background. */
  ttlMs?: number;
  /** How old the stored org shape may be before it is rebuilt from the directory. */
  shapeMaxAgeMs?: number;
  onError?(err: unknown, tenantId: string): void;
}

/**
 * Keeps one view per tenant in memory, so a dashboard request costs a few point reads
 * whatever the organisation's size. A stale view is served while a fresh one builds in
 * the background; that is safe, because respondent counts only grow and a plan made on
 * smaller counts only withholds more. A view that takes long to build is rebuilt less
 * often (at least 30 × its build time apart), so big tenants do not keep the store busy.
 */
export class TenantViews {
  private readonly views = new Map<string, { at: number; view: Promise<TenantView>; refreshing?: boolean }>();

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
    const current = await entry.view;
    if (!entry.refreshing && now - entry.at > Math.max(this.deps.ttlMs ?? 60_000, 30 * current.loadMs)) {
      entry.refreshing = true;
      this.load(tenantId)
        .then((fresh) =>
          this.views.set(tenantId, { at: this.deps.clock.now().getTime(), view: Promise.resolve(fresh) }),
        )
        .catch((err) => {
          entry.refreshing = false;
          entry.at = this.deps.clock.now().getTime();
          this.deps.onError?.(err, tenantId);
        });
    }
    return current;
  }

  /** Forget a tenant's view (after an import changed its organisation or figures). */
  invalidate(tenantId: string): void {
    this.views.delete(tenantId);
  }

  private async load(tenantId: string): Promise<TenantView> {
    const started = Date.now();
    const [tenant, stored, tenantScan, teams] = await Promise.all([
      this.deps.directory.getTenant(tenantId),
      this.deps.store.getOrgShape(tenantId),
      this.deps.store.scanAggregate(tenantId, { kind: 'tenant', id: tenantId }),
      this.deps.store.teamAggregates(tenantId),
    ]);
    const threshold = effectiveThreshold(tenant?.anonymityThreshold, this.deps.defaultThreshold);
    const shape = await this.freshShape(tenantId, stored);
    const respondents = new Map([...teams.scan].map(([id, a]) => [id, a.respondents ?? 0]));
    const teamSum = [...respondents.values()].reduce((s, n) => s + n, 0);
    const plan = planDashboard(
      structureOf(shape),
      { teams: teamMembers(shape), tenant: shape.members },
      { teams: respondents, tenant: Math.max(tenantScan?.respondents ?? 0, teamSum) },
      threshold,
    );
    return {
      tenantId,
      threshold,
      shape,
      plan,
      rollups: rollupsOf(shape, teams.scan, teams.help),
      departments: unitsOf(shape, 'department'),
      locations: unitsOf(shape, 'location'),
      loadedAt: this.deps.clock.now().getTime(),
      loadMs: Date.now() - started,
    };
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

function rollupsOf(
  shape: OrgShape,
  scan: Map<string, ScanGroupAggregate>,
  help: Map<string, HelpGroupAggregate>,
): TenantView['rollups'] {
  const parts = new Map<string, { scan: ScanGroupAggregate[]; help: HelpGroupAggregate[] }>();
  for (const unit of Object.values(shape.units)) {
    if (unit.kind !== 'team') continue;
    for (const [kind, id] of [
      ['department', unit.departmentId],
      ['location', unit.locationId],
    ] as const) {
      if (!id) continue;
      const key = groupKey({ kind, id });
      const part = parts.get(key) ?? { scan: [], help: [] };
      const s = scan.get(unit.id);
      const h = help.get(unit.id);
      if (s) part.scan.push(s);
      if (h) part.help.push(h);
      parts.set(key, part);
    }
  }
  return new Map([...parts].map(([key, p]) => [key, { scan: sumScan(p.scan), help: sumHelp(p.help) }]));
}

/** The directory's people and units, counted once (an import or an hourly refresh, never per request). */
export async function shapeFromDirectory(directory: Directory, tenantId: string, builtAt: string): Promise<OrgShape> {
  const people = await directory.listPeople(tenantId);
  const ids = new Set<string>();
  for (const p of people) for (const id of [p.teamId, p.departmentId, p.locationId]) if (id) ids.add(id);
  const units: OrgUnit[] = [];
  const fetchUnits = async (list: string[]) => {
    for (let i = 0; i < list.length; i += 32) {
      const found = await Promise.all(list.slice(i, i + 32).map((id) => directory.getUnit(tenantId, id)));
      units.push(...found.filter((u): u is OrgUnit => u !== null));
    }
  };
  await fetchUnits([...ids]);
  // A team's own department and location exist even when no member has them on their record.
  const more = new Set<string>();
  for (const u of units) for (const id of [u.departmentId, u.locationId]) if (id && !ids.has(id)) more.add(id);
  await fetchUnits([...more]);
  return buildOrgShape(tenantId, people, units, builtAt);
}
