import { groupKey } from '../dashboard/anonymity';
import type { TenantViews } from '../dashboard/tenant-views';
import type { TeamFigures } from './campaign-ports';

/**
 * A team's participation exactly as its leader's dashboard shows it: withheld (null) when
 * the tenant's anonymity plan does not publish the team (fewer members than the threshold,
 * or a group that would betray a smaller one), else the same respondent and member counts
 * as the tab. A campaign message or the leader's team reminder never says more than the
 * leader's dashboard.
 */
export function dashboardTeamFigures(views: TenantViews): TeamFigures {
  return {
    async participation(tenantId, teamId) {
      const view = await views.get(tenantId);
      const key = groupKey({ kind: 'team', id: teamId });
      if (!view.plan.participation.published.has(key)) return null;
      // The released snapshot, as on the dashboard: never a live count that moves by one person.
      const completed = view.released.get(key)?.scan.respondents ?? 0;
      return { completed, members: view.shape.units[key]?.members ?? 0 };
    },
  };
}
