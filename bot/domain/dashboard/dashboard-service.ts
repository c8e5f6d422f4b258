import type { Clock, Directory } from '../ports';
import { type Caller, notFound, requireAdmin, requireTeamLeader } from './access';
import { type GroupRef, groupKey } from './anonymity';
import { participationOf, PARTICIPATION_GOAL, type Participation, type Withheld } from './figures';
import { groupDashboard, type GroupDashboard } from './group-dashboard';
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
    return {
      threshold: view.threshold,
      goal: PARTICIPATION_GOAL,
      tenant: { id: tenant.tenantId, name: tenant.name },
      departments: view.departments.map(row),
      locations: view.locations.map(row),
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
    return { view, dashboards: groups.map((g) => groupDashboard(view, g.ref, g.name, order, now)) };
  }

  private now(): Date {
    return this.deps.clock.now();
  }
}

function unitOf(view: TenantView, scope: GroupRef): ShapeUnit {
  const unit = view.shape.units[groupKey(scope)];
  if (!unit || (scope.kind !== 'department' && scope.kind !== 'location')) throw notFound();
  return unit;
}
