import { medianFromBuckets } from '../help/help-aggregate';
import type { Directory } from '../ports';
import { type Caller, requireAdmin } from './access';
import { enoughEvents } from './anonymity';
import type { DashboardStore, HelpGroupAggregate } from './dashboard-ports';
import { jsonMinutes } from './figures';
import { sumHelp } from './rollups';
import type { TenantViews } from './tenant-views';

/** Amersfoort's Earlybirds: about two digicoaches per department. */
export const COACHES_PER_DEPARTMENT = 2;

export interface CoachNetworkRow {
  id: string;
  name: string;
  coaches: number;
  /** Below the target of about two per department. */
  understaffed: boolean;
  offers: number;
  accepted: number;
  declines: number;
  timeouts: number;
  escalations: number;
  /** Rates, medians and ratings only over at least the threshold of events. */
  acceptRate: number | null;
  medianAcceptMinutes: number | null;
  medianResolveMinutes: number | null;
  averageRating: number | null;
}

/**
 * The coach network's health per department: how many coaches (from the org shape) and
 * how their offers went (from the `coach-department` help aggregates), plus the total.
 */
export interface CoachNetworkDeps {
  store: DashboardStore;
  views: TenantViews;
  directory: Directory;
}

export async function coachNetwork(
  deps: CoachNetworkDeps,
  caller: Caller,
): Promise<{ threshold: number; target: number; departments: CoachNetworkRow[]; total: CoachNetworkRow }> {
  const tenant = await requireAdmin(deps.directory, caller);
  const view = await deps.views.get(caller.tenantId);
  const departments = view.departments;
  const helps = await Promise.all(
    departments.map((d) => deps.store.helpAggregate(caller.tenantId, { kind: 'coach-department', id: d.id })),
  );
  const rows = departments.map((d, i) => rowOf(d.id, d.name, d.coaches, helps[i], view.threshold));
  const present = helps.filter((h): h is HelpGroupAggregate => h !== null);
  const sum = present.length ? sumHelp(present) : null;
  const coaches = departments.reduce((s, d) => s + d.coaches, 0);
  const total = rowOf(tenant.tenantId, tenant.name, coaches, sum, view.threshold);
  total.understaffed = rows.some((r) => r.understaffed);
  return { threshold: view.threshold, target: COACHES_PER_DEPARTMENT, departments: rows, total };
}

function rowOf(id: string, name: string, coaches: number, h: HelpGroupAggregate | null, k: number): CoachNetworkRow {
  const offers = h?.offers ?? 0;
  const accepted = h?.accepted ?? 0;
  return {
    id,
    name,
    coaches,
    understaffed: coaches < COACHES_PER_DEPARTMENT,
    offers,
    accepted,
    declines: h?.declines ?? 0,
    timeouts: h?.timeouts ?? 0,
    escalations: h?.escalations ?? 0,
    acceptRate: enoughEvents(offers, k) ? Math.min(1, accepted / offers) : null,
    medianAcceptMinutes: h && enoughEvents(accepted, k) ? jsonMinutes(medianFromBuckets(h.acceptMinutes)) : null,
    medianResolveMinutes: h && enoughEvents(h.resolved, k) ? jsonMinutes(medianFromBuckets(h.resolveMinutes)) : null,
    averageRating: h && enoughEvents(h.ratingCount, k) ? Math.round((h.ratingSum / h.ratingCount) * 10) / 10 : null,
  };
}
