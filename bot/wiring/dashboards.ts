import type { Log } from '../domain/log';
import type { Clock, Directory } from '../domain/ports';
import type { DashboardStore } from '../domain/dashboard/dashboard-ports';
import { TenantViews } from '../domain/dashboard/tenant-views';

/** The dashboards' figures and the per-tenant view they are computed against: one cache for the tab and the campaigns. */
export interface Dashboards {
  store: DashboardStore;
  views: TenantViews;
}

export interface DashboardWiring {
  store: DashboardStore;
  directory: Directory;
  clock: Clock;
  defaultThreshold: number;
  log: Log;
}

export function buildDashboards(w: DashboardWiring): Dashboards {
  const { store } = w;
  const views = new TenantViews({
    store,
    directory: w.directory,
    clock: w.clock,
    defaultThreshold: w.defaultThreshold,
    onError: (err, tenantId) =>
      w.log.warn({ err, tenantId }, 'dashboard view refresh failed; serving the previous one'),
  });
  return { store, views };
}
