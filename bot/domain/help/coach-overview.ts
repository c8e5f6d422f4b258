import { type Caller, forbidden, requireAdmin } from '../dashboard/access';
import { groupKey } from '../dashboard/anonymity';
import { type CoachNetworkRow, coachNetworkOf } from '../dashboard/coach-network';
import type { TenantView, TenantViews } from '../dashboard/tenant-views';
import type { Clock, Directory } from '../ports';
import { type CoachLoadRow, type CoachRatioRow, loadOf, loadRows, ratioRows, WEEKLY_NORM } from './coach-load';
import { departmentsOfContact, employeesPerCoach } from './contacts';
import type { CoachRepository } from './help-ports';
import type { Coach } from './help-types';

/** The coordinator's load and balance view. */
export interface CoachLoadView {
  norm: { min: number; max: number };
  /** Employees per coach the tenant aims for (1 : n). */
  employeesPerCoach: number;
  coaches: Array<CoachLoadRow & { department: string | null }>;
  aboveCapacity: number;
  ratios: CoachRatioRow[];
}

/** A coach of the contact person's department: name, topics, approval and load (coaches are a public role). */
export interface DepartmentCoachRow extends CoachLoadRow {
  domains: string[];
  approval: 'pending' | 'approved' | 'rejected';
}

export interface ContactDepartmentView {
  id: string;
  name: string;
  coaches: DepartmentCoachRow[];
  ratio: CoachRatioRow;
  /** The department's row of the coach network (released figures); null when the snapshot has none. */
  network: CoachNetworkRow | null;
}

/**
 * Department sizes the dashboards publish (at least the threshold, and not withheld to
 * protect a smaller group): a ratio is shown only where the size itself may be shown.
 */
function publishedSizes(view: TenantView): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of view.departments) {
    const key = groupKey({ kind: 'department', id: d.id });
    if (view.plan.participation.published.has(key)) out.set(d.id, d.members);
  }
  return out;
}

/** The coach network's operational figures: the coordinator's load view and a contact person's department. */
export class CoachOverview {
  constructor(
    private readonly deps: { coaches: CoachRepository; directory: Directory; clock: Clock; views: TenantViews },
  ) {}

  async load(caller: Caller): Promise<CoachLoadView> {
    const tenant = await requireAdmin(this.deps.directory, caller);
    const [all, view] = await Promise.all([this.coaches(caller.tenantId), this.deps.views.get(caller.tenantId)]);
    const names = new Map(view.departments.map((d) => [d.id, d.name]));
    const rows = loadRows(all, this.deps.clock.now()).map((r) => ({
      ...r,
      department: r.departmentId ? (names.get(r.departmentId) ?? null) : null,
    }));
    const target = employeesPerCoach(tenant);
    return {
      norm: { ...WEEKLY_NORM },
      employeesPerCoach: target,
      coaches: rows,
      aboveCapacity: rows.filter((r) => r.aboveCapacity).length,
      ratios: ratioRows(view.departments, all, publishedSizes(view), target),
    };
  }

  /** The caller's own departments as their contact person; 403 for anyone else. */
  async myDepartments(
    caller: Caller,
  ): Promise<{ threshold: number; employeesPerCoach: number; departments: ContactDepartmentView[] }> {
    const tenant = await this.deps.directory.getTenant(caller.tenantId);
    const mine = departmentsOfContact(tenant, caller.userId);
    if (!tenant || !mine.length) throw forbidden();
    const [all, view] = await Promise.all([this.coaches(caller.tenantId), this.deps.views.get(caller.tenantId)]);
    const network = coachNetworkOf(view, tenant);
    const sizes = publishedSizes(view);
    const now = this.deps.clock.now();
    const units = await Promise.all(mine.map((id) => this.deps.directory.getUnit(caller.tenantId, id)));
    const departments = units
      .filter((u) => u !== null)
      .map((d) => {
        const coaches = all
          .filter((c) => c.departmentId === d.id)
          .map((c) => ({ ...loadOf(c, now), domains: c.domains, approval: c.approval?.state ?? 'approved' }))
          .sort((a, b) => a.name.localeCompare(b.name));
        return {
          id: d.id,
          name: d.name,
          coaches,
          ratio: ratioRows([d], all, sizes, employeesPerCoach(tenant))[0],
          network: network.departments.find((r) => r.id === d.id) ?? null,
        };
      });
    return { threshold: view.threshold, employeesPerCoach: employeesPerCoach(tenant), departments };
  }

  private async coaches(tenantId: string): Promise<Coach[]> {
    return (await this.deps.coaches.list(tenantId)).map((x) => x.value);
  }
}
