import { isConflict } from '../errors';
import type { OrgUnit } from '../org';
import type { Clock, Directory } from '../ports';
import {
  type DashboardPlan,
  effectiveThreshold,
  type GroupRef,
  groupKey,
  planPublication,
  type PublicationPlan,
} from './anonymity';
import type { DashboardStore, HelpGroupAggregate, ScanGroupAggregate } from './dashboard-ports';
import { buildOrgShape, type OrgShape, type ShapeUnit, structureOf, teamMembers, unitsOf } from './org-shape';
import { coachCellOf, coachSuppression } from './coach-network';
import { sumHelp } from './rollups';
import { type CellTeam, cellsOfGroup, readCells, releasedOf, type Snapshot, takeSnapshot } from './release';

/** A group's released figures: sums of its cells in the tenant's snapshot. */
export interface ReleasedGroup {
  scan: ScanGroupAggregate;
  help: HelpGroupAggregate;
  /** When each family of figures last moved in any of the group's cells. */
  at: Record<string, string>;
}

/** What every dashboard of one tenant is computed against: sizes, the released snapshot, and the anonymity plan. */
export interface TenantView {
  tenantId: string;
  threshold: number;
  shape: OrgShape;
  plan: DashboardPlan;
  snapshot: Snapshot;
  /** Released figures per group key (tenant, departments, locations, teams). */
  released: Map<string, ReleasedGroup>;
  /** Sorted once per view: a request never walks every unit of a large organisation. */
  departments: ShapeUnit[];
  locations: ShapeUnit[];
  loadedAt: number;
  loadMs: number;
}

/** The release period a moment belongs to: snapshots are taken at most once per UTC day. */
export const releasePeriod = (at: Date): string => at.toISOString().slice(0, 10);

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
 * Keeps one view per tenant in memory, so a dashboard request reads nothing from the store.
 * The figures are the tenant's released snapshot: taken at most once per release period
 * (a UTC day, from the Clock) from the stored aggregates, through the release gate
 * (release.ts), and kept in the store so every instance serves the same one. A stale view
 * is served while a fresh one builds in the background; it holds an earlier release of the
 * same model, so nothing it shows is outside the model. A view that takes long to build is
 * rebuilt less often (at least 30 × its build time apart).
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

  /**
   * Forget a tenant's view (after an import changed its organisation or figures); the next
   * view takes a new snapshot at once. That is as safe as any snapshot: the gate compares
   * with the last release, whenever it was.
   */
  invalidate(tenantId: string): void {
    this.views.delete(tenantId);
    this.forced.add(tenantId);
  }

  private readonly forced = new Set<string>();

  private async load(tenantId: string): Promise<TenantView> {
    const started = Date.now();
    const [tenant, stored] = await Promise.all([
      this.deps.directory.getTenant(tenantId),
      this.deps.store.getOrgShape(tenantId),
    ]);
    const threshold = effectiveThreshold(tenant?.anonymityThreshold, this.deps.defaultThreshold);
    const shape = await this.freshShape(tenantId, stored);
    const snapshot = await this.snapshotFor(tenantId, shape, threshold);
    const view = viewOf(shape, snapshot, threshold);
    return { ...view, loadedAt: this.deps.clock.now().getTime(), loadMs: Date.now() - started };
  }

  /** The stored snapshot of this period, or a new one taken now through the gate (one writer wins). */
  private async snapshotFor(tenantId: string, shape: OrgShape, k: number): Promise<Snapshot> {
    const now = this.deps.clock.now();
    const period = releasePeriod(now);
    const stored = await this.deps.store.getSnapshot(tenantId);
    const forced = this.forced.delete(tenantId);
    if (stored && stored.value.period === period && stored.value.threshold === k && !forced) return stored.value;
    const teams = cellTeams(shape);
    const [tenantScan, tenantHelp, perTeam, coaches] = await Promise.all([
      this.deps.store.scanAggregate(tenantId, { kind: 'tenant', id: tenantId }),
      this.deps.store.helpAggregate(tenantId, { kind: 'tenant', id: tenantId }),
      this.deps.store.teamAggregates(tenantId),
      this.coachAggregates(tenantId, shape, k),
    ]);
    const next = takeSnapshot(
      stored?.value ?? null,
      { cells: readCells(teams, k, perTeam.scan, perTeam.help, tenantScan, tenantHelp), coaches },
      tenantId,
      k,
      period,
      now.toISOString(),
    );
    try {
      await this.deps.store.saveSnapshot(next, stored?.etag ?? null);
      return next;
    } catch (err) {
      if (!isConflict(err)) throw err;
      return (await this.deps.store.getSnapshot(tenantId))?.value ?? next;
    }
  }

  /** The coach departments' aggregates, the withheld ones summed into one cell (see coachSuppression). */
  private async coachAggregates(
    tenantId: string,
    shape: OrgShape,
    k: number,
  ): Promise<Map<string, HelpGroupAggregate>> {
    const departments = unitsOf(shape, 'department');
    const found = await Promise.all(
      departments.map((d) => this.deps.store.helpAggregate(tenantId, { kind: 'coach-department', id: d.id })),
    );
    const withheld = coachSuppression(departments, k).rows;
    const parts = new Map<string, HelpGroupAggregate[]>();
    departments.forEach((d, i) => {
      const key = coachCellOf(d.id, withheld[i]);
      parts.set(key, [...(parts.get(key) ?? []), ...(found[i] ? [found[i]] : [])]);
    });
    return new Map([...parts].map(([key, list]) => [key, sumHelp(list)]));
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

function cellTeams(shape: OrgShape): CellTeam[] {
  return Object.values(shape.units)
    .filter((u) => u.kind === 'team')
    .map((t) => ({ id: t.id, members: t.members, departmentId: t.departmentId, locationId: t.locationId }));
}

/**
 * Everything a view shows, from the org shape and the released snapshot only: the
 * participation plan on members (directory sizes, with complementary suppression), and
 * results for a group whose participation is shown and that holds released respondents
 * (by the gate, always 0 or at least the threshold per cell).
 */
export function viewOf(
  shape: OrgShape,
  snapshot: Snapshot,
  threshold: number,
): Omit<TenantView, 'loadedAt' | 'loadMs'> {
  const teams = cellTeams(shape);
  const allCells = Object.keys(snapshot.cells);
  const released = new Map<string, ReleasedGroup>();
  const groups: GroupRef[] = [
    { kind: 'tenant', id: shape.tenantId },
    ...Object.values(shape.units).map((u) => ({ kind: u.kind, id: u.id })),
  ];
  for (const g of groups)
    released.set(groupKey(g), releasedOf(snapshot.cells, cellsOfGroup(teams, threshold, g, allCells)));
  const participation = planPublication(structureOf(shape), teamMembers(shape), shape.members, threshold);
  const results: PublicationPlan = {
    threshold,
    published: new Set(
      [...participation.published].filter((key) => (released.get(key)?.scan.respondents ?? 0) >= threshold),
    ),
    suppressed: participation.suppressed,
  };
  return {
    tenantId: shape.tenantId,
    threshold,
    shape,
    plan: { threshold, participation, results },
    snapshot,
    released,
    departments: unitsOf(shape, 'department'),
    locations: unitsOf(shape, 'location'),
  };
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
