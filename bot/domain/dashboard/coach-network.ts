import { medianFromBuckets } from '../help/help-aggregate';
import type { Directory } from '../ports';
import { type Caller, requireAdmin } from './access';
import { enoughEvents } from './anonymity';
import type { HelpGroupAggregate } from './dashboard-ports';
import { jsonMinutes } from './figures';
import { sumHelp } from './rollups';
import type { TenantView, TenantViews } from './tenant-views';
import type { Tenant } from '../org';

/** Amersfoort's Earlybirds: about two digicoaches per department. */
export const COACHES_PER_DEPARTMENT = 2;

export interface CoachNetworkRow {
  id: string;
  name: string;
  coaches: number;
  /** Below the target of about two per department. */
  understaffed: boolean;
  /** Null: this row's figures are withheld (fewer than the threshold of coaches, or to protect such a row). */
  withheld: 'below-threshold' | 'complementary' | null;
  offers: number | null;
  accepted: number | null;
  declines: number | null;
  timeouts: number | null;
  escalations: number | null;
  /** Rates, medians and ratings only over at least the threshold of events. */
  acceptRate: number | null;
  medianAcceptMinutes: number | null;
  medianResolveMinutes: number | null;
  averageRating: number | null;
}

/**
 * The coach network's health per department: how many coaches (from the org shape) and
 * how their offers went, from the released snapshot's coach cells (each counter moves only
 * by at least the threshold of events). A department's offers and declines are about its
 * coaches as people, so a department with fewer coaches than the threshold shows only its
 * coach count, and its figures are released together with the other withheld departments'
 * in one shared cell; when the withheld departments together have fewer than the threshold
 * of coaches, the smallest shown ones join them, so the total minus the shown rows never
 * gives a small group's figures. The total is withheld when even that cannot help.
 */
export interface CoachNetworkDeps {
  views: TenantViews;
  directory: Directory;
}

export async function coachNetwork(
  deps: CoachNetworkDeps,
  caller: Caller,
): Promise<{ threshold: number; target: number; departments: CoachNetworkRow[]; total: CoachNetworkRow }> {
  const tenant = await requireAdmin(deps.directory, caller);
  return coachNetworkOf(await deps.views.get(caller.tenantId), tenant);
}

/** The rows from a tenant's released view (access is checked by the caller: the admin, or a department's contact person for its row). */
export function coachNetworkOf(
  view: TenantView,
  tenant: Pick<Tenant, 'tenantId' | 'name'>,
): { threshold: number; target: number; departments: CoachNetworkRow[]; total: CoachNetworkRow } {
  const k = view.threshold;
  const departments = view.departments;
  const withheld = coachSuppression(departments, k);
  const cells = view.snapshot.coaches;
  const rows = departments.map((d, i) =>
    rowOf(d.id, d.name, d.coaches, cells[coachCellOf(d.id, withheld.rows[i])]?.help ?? null, k, withheld.rows[i]),
  );
  const present = Object.values(cells).map((c) => c.help);
  const sum = present.length ? sumHelp(present) : null;
  const coaches = departments.reduce((s, d) => s + d.coaches, 0);
  const total = rowOf(tenant.tenantId, tenant.name, coaches, sum, k, withheld.total);
  total.understaffed = rows.some((r) => r.understaffed);
  return { threshold: k, target: COACHES_PER_DEPARTMENT, departments: rows, total };
}

type RowWithheld = CoachNetworkRow['withheld'];

/** The coach cell a department's figures are released in: its own when shown, else the shared one of the withheld departments. */
export const coachCellOf = (departmentId: string, withheld: RowWithheld): string =>
  withheld ? WITHHELD_COACH_CELL : `department:${departmentId}`;
export const WITHHELD_COACH_CELL = 'withheld';

/**
 * Which department rows (and whether the total) to withhold, from the coach counts alone
 * (so the snapshot and the view agree); see coachNetwork.
 */
export function coachSuppression(
  departments: Array<{ coaches: number }>,
  k: number,
): { rows: RowWithheld[]; total: RowWithheld } {
  const out: RowWithheld[] = departments.map((d) => (d.coaches < k ? 'below-threshold' : null));
  const hiddenCoaches = () => departments.reduce((s, d, i) => s + (out[i] ? d.coaches : 0), 0);
  while (hiddenCoaches() > 0 && hiddenCoaches() < k) {
    const shown = departments.map((d, i) => ({ d, i })).filter(({ i }) => !out[i]);
    if (!shown.length) break;
    const smallest = shown.reduce((a, b) => (b.d.coaches < a.d.coaches ? b : a));
    out[smallest.i] = 'complementary';
  }
  const total: RowWithheld = hiddenCoaches() > 0 && hiddenCoaches() < k ? 'below-threshold' : null;
  return { rows: out, total };
}

function rowOf(
  id: string,
  name: string,
  coaches: number,
  h: HelpGroupAggregate | null,
  k: number,
  withheld: RowWithheld,
): CoachNetworkRow {
  const base = { id, name, coaches, understaffed: coaches < COACHES_PER_DEPARTMENT };
  if (withheld)
    return {
      ...base,
      withheld,
      offers: null,
      accepted: null,
      declines: null,
      timeouts: null,
      escalations: null,
      acceptRate: null,
      medianAcceptMinutes: null,
      medianResolveMinutes: null,
      averageRating: null,
    };
  const offers = h?.offers ?? 0;
  const accepted = h?.accepted ?? 0;
  return {
    ...base,
    withheld: null,
    offers,
    accepted,
    declines: h?.declines ?? 0,
    timeouts: h?.timeouts ?? 0,
    escalations: h?.escalations ?? 0,
    acceptRate: enoughEvents(offers, k) && enoughEvents(accepted, k) ? Math.min(1, accepted / offers) : null,
    medianAcceptMinutes: h && enoughEvents(accepted, k) ? jsonMinutes(medianFromBuckets(h.acceptMinutes)) : null,
    medianResolveMinutes: h && enoughEvents(h.resolved, k) ? jsonMinutes(medianFromBuckets(h.resolveMinutes)) : null,
    averageRating: h && enoughEvents(h.ratingCount, k) ? Math.round((h.ratingSum / h.ratingCount) * 10) / 10 : null,
  };
}
