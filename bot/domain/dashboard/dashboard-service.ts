import type { Clock, Directory } from '../ports';
import { type Caller, notFound, requireAdmin, requireDepartmentLeader, requireTeamLeader } from './access';
import { departmentsLedBy } from '../leaders';
import { departmentDashboard, type DepartmentDashboard } from './department-dashboard';
import { type GroupRef, groupKey } from './anonymity';
import { participationOf, PARTICIPATION_GOAL, type Participation, type Withheld } from './figures';
import { groupDashboard, type GroupDashboard, nothingReleased } from './group-dashboard';
import type { ShapeUnit } from './org-shape';
import type { TenantView, TenantViews } from './tenant-views';

export interface DashboardServiceDeps {
  views: TenantViews;
  directory: Directory;
  clock: Clock;
  /** The scan's domains in their display order. */
  domainOrder(): Promise<string[]>;
}

export interface UnitRow {
  kind: 'department' | 'location';
  id: string;
  name: string;
  /** The people the directory puts in no department (or location), and colleagues it does not know: "onbekende afdeling". */
  unknown?: true;
  coaches: number;
  withheld: Withheld | null;
  participation: Participation | null;
}

/**
 * The leader's and the programme team's dashboards. Access is checked first (a team's
 * leader; a tenant's programme admin), then every figure comes from the tenant's released
 * snapshot through groupDashboard.
 */
export class DashboardService {
  constructor(private readonly deps: DashboardServiceDeps) {}

  /** The teams this leader leads, with their sizes: the tab's team picker. */
  async myTeams(caller: Caller): Promise<Array<{ id: string; name: string }>> {
    const teams = await this.deps.directory.teamsLedBy(caller.tenantId, caller.userId);
    return teams.map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  async team(caller: Caller, teamId: string): Promise<GroupDashboard> {
    const team = await requireTeamLeader(this.deps.directory, caller, teamId);
    const view = await this.deps.views.get(caller.tenantId);
    return groupDashboard(view, { kind: 'team', id: team.id }, team.name, await this.deps.domainOrder(), this.now());
  }

  /** The departments this person heads: the tab's department picker. */
  async myDepartments(caller: Caller): Promise<Array<{ id: string; name: string }>> {
    const departments = await departmentsLedBy(this.deps.directory, caller.tenantId, caller.userId);
    return departments.map((d) => ({ id: d.id, name: d.name }));
  }

  /** A department head's view of their department (programme admins may open any department's). */
  async department(caller: Caller, departmentId: string): Promise<DepartmentDashboard> {
    const department = await requireDepartmentLeader(this.deps.directory, caller, departmentId);
    const [view, tenant] = await Promise.all([
      this.deps.views.get(caller.tenantId),
      this.deps.directory.getTenant(caller.tenantId),
    ]);
    const owner = { tenantId: caller.tenantId, name: tenant?.name ?? '' };
    return departmentDashboard(view, department, owner, await this.deps.domainOrder(), this.now());
  }

  /** The programme view of the tenant, a department or a location (the filter lists come with `units`). */
  async programme(caller: Caller, scope: GroupRef): Promise<GroupDashboard> {
    const tenant = await requireAdmin(this.deps.directory, caller);
    if (scope.kind === 'tenant' && scope.id !== caller.tenantId) throw notFound();
    const view = await this.deps.views.get(caller.tenantId);
    const name = scope.kind === 'tenant' ? tenant.name : unitOf(view, scope).name;
    return groupDashboard(view, scope, name, await this.deps.domainOrder(), this.now());
  }

  /** Participation per department and per location, side by side (from the released snapshot); also the programme view's filters. */
  async units(caller: Caller): Promise<{
    threshold: number;
    goal: number;
    tenant: { id: string; name: string };
    departments: UnitRow[];
    locations: UnitRow[];
  }> {
    const tenant = await requireAdmin(this.deps.directory, caller);
    const view = await this.deps.views.get(caller.tenantId);
    return {
      threshold: view.threshold,
      goal: PARTICIPATION_GOAL,
      tenant: { id: tenant.tenantId, name: tenant.name },
      ...unitRows(view),
    };
  }

  /** For the export: the admin's tenant view and every group they may see, through the same figures. */
  async everyProgrammeGroup(caller: Caller): Promise<{ view: TenantView; dashboards: GroupDashboard[] }> {
    const tenant = await requireAdmin(this.deps.directory, caller);
    const view = await this.deps.views.get(caller.tenantId);
    const order = await this.deps.domainOrder();
    const groups: Array<{ ref: GroupRef; name: string }> = [
      { ref: { kind: 'tenant', id: tenant.tenantId }, name: tenant.name },
      ...[...view.departments, ...view.locations].map((u) => ({ ref: { kind: u.kind, id: u.id }, name: u.name })),
    ];
    const now = this.now();
    const dashboards = groups.map((g) => groupDashboard(view, g.ref, g.name, order, now));
    // The "onbekende afdeling/locatie" rows, released as in the views: each follows its breakdown.
    const { departments, locations } = unitRows(view);
    const unknown = (rows: UnitRow[]) => rows.filter((r) => r.unknown).map((r) => unknownDashboard(r, view.threshold));
    const afterDepartments = 1 + view.departments.length;
    return {
      view,
      dashboards: [
        ...dashboards.slice(0, afterDepartments),
        ...unknown(departments),
        ...dashboards.slice(afterDepartments),
        ...unknown(locations),
      ],
    };
  }

  private now(): Date {
    return this.deps.clock.now();
  }
}

/** Participation per department and per location, each breakdown closed by its "onbekende" row. */
function unitRows(view: TenantView): { departments: UnitRow[]; locations: UnitRow[] } {
  const row = (u: ShapeUnit): UnitRow => {
    const key = groupKey(u);
    const shown = view.plan.participation.published.has(key);
    const scan = view.released.get(key)?.scan ?? null;
    return {
      kind: u.kind as UnitRow['kind'],
      id: u.id,
      name: u.name,
      coaches: u.coaches,
      withheld: shown ? null : (view.plan.participation.suppressed.get(key) ?? 'below-threshold'),
      participation: shown ? participationOf(u.members, scan) : null,
    };
  };
  const departments = view.departments.map(row);
  const locations = view.locations.map(row);
  return {
    departments: [...departments, ...restRow(view, 'department', departments)],
    locations: [...locations, ...restRow(view, 'location', locations)],
  };
}

/**
 * The "onbekende" row as a group dashboard for the export: its participation only, exactly
 * as the views show it. Its results, follow-up and growth are never released (a difference
 * of released groups could narrow down to people), so they are withheld as complementary.
 */
function unknownDashboard(row: UnitRow, threshold: number): GroupDashboard {
  const why = row.withheld ?? 'complementary';
  return {
    group: { kind: row.kind, id: UNKNOWN_UNIT, name: row.name },
    threshold,
    withheld: row.withheld,
    participation: row.participation,
    ...nothingReleased(why),
  };
}

/** The id of the "onbekende afdeling" row; never a real unit's id (those come from the directory and have no `*`). */
export const UNKNOWN_UNIT = '*';

/**
 * Everyone the breakdown leaves out: the tenant's released figures minus those of its
 * departments (or locations). So the rows add up to the organisation total, and a colleague
 * the directory does not know shows as "onbekende afdeling" instead of vanishing. Shown only
 * when the tenant and every unit of the breakdown are shown: then the row is their
 * difference, which anyone could compute already, and the plan has made sure it is not a
 * group below the threshold. Otherwise it is withheld like the unit that hides it.
 */
function restRow(view: TenantView, kind: UnitRow['kind'], units: UnitRow[]): UnitRow[] {
  const tenantKey = groupKey({ kind: 'tenant', id: view.tenantId });
  const total = participationOf(view.shape.members, view.released.get(tenantKey)?.scan ?? null);
  const inUnits = (pick: (p: Participation) => number) =>
    units.reduce((n, u) => {
      const key = groupKey(u);
      return n + pick(participationOf(view.shape.units[key]?.members ?? 0, view.released.get(key)?.scan ?? null));
    }, 0);
  const members = total.members - inUnits((p) => p.members);
  const completed = total.completed - inUnits((p) => p.completed);
  const inProgress = total.inProgress - inUnits((p) => p.inProgress);
  if (members <= 0 && completed <= 0 && inProgress <= 0) return [];
  const base = { kind, id: UNKNOWN_UNIT, name: '', coaches: 0, unknown: true as const };
  const tenantShown = view.plan.participation.published.has(tenantKey);
  if (!tenantShown || units.some((u) => !u.participation))
    return [
      {
        ...base,
        withheld: tenantShown
          ? 'complementary'
          : (view.plan.participation.suppressed.get(tenantKey) ?? 'below-threshold'),
        participation: null,
      },
    ];
  const rest = participationOf(Math.max(0, members), null);
  return [
    {
      ...base,
      withheld: null,
      participation: {
        ...rest,
        completed: Math.max(0, completed),
        inProgress: Math.max(0, inProgress),
        notStarted: Math.max(0, members - completed - inProgress),
        rate: members > 0 ? Math.min(1, Math.max(0, completed) / members) : completed > 0 ? 1 : 0,
      },
    },
  ];
}

function unitOf(view: TenantView, scope: GroupRef): ShapeUnit {
  const unit = view.shape.units[groupKey(scope)];
  if (!unit || (scope.kind !== 'department' && scope.kind !== 'location')) throw notFound();
  return unit;
}
