import type { Tenant } from '../org';
import { groupKey } from './anonymity';
import { type CoachNetworkRow, coachNetworkOf } from './coach-network';
import { participationOf, type Participation, type Withheld } from './figures';
import { groupDashboard, type GroupDashboard } from './group-dashboard';
import { teamsIn } from './org-shape';
import type { TenantView } from './tenant-views';

/** One team of a department as its head sees it: the team's released participation, or why it is withheld. */
export interface DepartmentTeamRow {
  id: string;
  name: string;
  withheld: Withheld | null;
  participation: Participation | null;
}

/** "Mijn afdeling": the department's own dashboard, a row per team, and its row of the coach network. */
export interface DepartmentDashboard extends GroupDashboard {
  teams: DepartmentTeamRow[];
  /** The department's coach-network row (withheld below the threshold of coaches); null when it has no coaches. */
  coaches: CoachNetworkRow | null;
}

/**
 * A department head's view, from the tenant's released view only: the department's figures
 * through groupDashboard (exactly what the programme view shows for it), and per team what
 * the team's own leader sees of participation (a team the plan withholds stays withheld,
 * with its reason). So nothing here is outside what the release model already shows to the
 * programme team and the leaders together.
 */
export function departmentDashboard(
  view: TenantView,
  department: { id: string; name: string },
  tenant: Pick<Tenant, 'tenantId' | 'name'>,
  domainOrder: string[],
  now: Date,
): DepartmentDashboard {
  const figures = groupDashboard(view, { kind: 'department', id: department.id }, department.name, domainOrder, now);
  const teams = teamsIn(view.shape, 'department', department.id)
    .map((id) => view.shape.units[groupKey({ kind: 'team', id })])
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map((team): DepartmentTeamRow => {
      const key = groupKey(team);
      const shown = !figures.withheld && view.plan.participation.published.has(key);
      return {
        id: team.id,
        name: team.name,
        withheld: shown ? null : (figures.withheld ?? view.plan.participation.suppressed.get(key) ?? 'below-threshold'),
        participation: shown ? participationOf(team.members, view.released.get(key)?.scan ?? null) : null,
      };
    });
  const network = coachNetworkOf(view, tenant).departments.find((r) => r.id === department.id) ?? null;
  return { ...figures, teams, coaches: network && network.coaches > 0 ? network : null };
}
