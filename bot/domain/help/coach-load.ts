import type { Coach } from './help-types';
import { isApproved } from './help-types';
import { isoWeek } from './working-hours';

/** Ghent: a coach gets 1–3 questions a week. */
export const WEEKLY_NORM = { min: 1, max: 3 } as const;
/** Weeks kept on a coach's record and averaged in the load view. */
export const HISTORY_WEEKS = 8;
export const AVERAGE_WEEKS = 4;

/**
 * Books one accepted question in this ISO week; a new week moves the finished one into
 * the history (the last 8 weeks), so the load view can average without reading tickets.
 */
export function countAccepted(c: Coach, now: Date): void {
  const week = isoWeek(now);
  if (c.weekKey !== week) {
    if (c.weekCount > 0) c.weekHistory = trimHistory({ ...c.weekHistory, [c.weekKey]: c.weekCount });
    c.weekKey = week;
    c.weekCount = 0;
  }
  c.weekCount += 1;
}

function trimHistory(h: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(h)
      .sort(([a], [b]) => b.localeCompare(a))
      .slice(0, HISTORY_WEEKS),
  );
}

/** The ISO weeks before `now`'s, newest first. */
export function previousWeeks(now: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(isoWeek(new Date(now.getTime() - i * 7 * 86_400_000)));
  return out;
}

export type NormState = 'below' | 'within' | 'above';

/** One coach's load: about a coach in their public role, shown to the coordinator and their department's contact person. */
export interface CoachLoadRow {
  userId: string;
  name: string;
  departmentId: string | null;
  weeklyCapacity: number;
  thisWeek: number;
  /** Average accepted questions per week over the 4 weeks before this one. */
  averagePerWeek: number;
  /** The average against Ghent's 1–3 a week. */
  norm: NormState;
  /** This week's questions reached the coach's own weekly capacity. */
  atCapacity: boolean;
  aboveCapacity: boolean;
  available: boolean;
}

export function loadOf(c: Coach, now: Date): CoachLoadRow {
  const week = isoWeek(now);
  const thisWeek = c.weekKey === week ? c.weekCount : 0;
  // A count still on the record from an earlier week belongs in the history.
  const history = { ...c.weekHistory, ...(c.weekKey !== week && c.weekCount ? { [c.weekKey]: c.weekCount } : {}) };
  const total = previousWeeks(now, AVERAGE_WEEKS).reduce((s, w) => s + (history[w] ?? 0), 0);
  const averagePerWeek = Math.round((total / AVERAGE_WEEKS) * 10) / 10;
  return {
    userId: c.userId,
    name: c.name,
    departmentId: c.departmentId ?? null,
    weeklyCapacity: c.weeklyCapacity,
    thisWeek,
    averagePerWeek,
    norm: averagePerWeek < WEEKLY_NORM.min ? 'below' : averagePerWeek > WEEKLY_NORM.max ? 'above' : 'within',
    atCapacity: thisWeek >= c.weeklyCapacity,
    aboveCapacity: thisWeek > c.weeklyCapacity,
    available: c.available,
  };
}

/** Approved coaches' load, busiest first (this week, then the average), then by name. */
export function loadRows(coaches: Coach[], now: Date): CoachLoadRow[] {
  return coaches
    .filter(isApproved)
    .map((c) => loadOf(c, now))
    .sort((a, b) => b.thisWeek - a.thisWeek || b.averagePerWeek - a.averagePerWeek || a.name.localeCompare(b.name));
}

/** A department's approved coaches against the tenant's target of employees per coach. */
export interface CoachRatioRow {
  departmentId: string;
  name: string;
  coaches: number;
  /**
   * Employees per coach, and the coaches the target asks for: null when the department's
   * size is not shown (below the anonymity threshold or withheld to protect another group).
   */
  employeesPerCoach: number | null;
  coachesNeeded: number | null;
  /** Fewer coaches than the target asks; null when the size is not shown. */
  belowTarget: boolean | null;
}

/**
 * The ratio per department. `members` holds only the sizes the dashboards' anonymity plan
 * publishes; a department missing there shows its coach count only.
 */
export function ratioRows(
  departments: Array<{ id: string; name: string }>,
  coaches: Coach[],
  members: Map<string, number>,
  target: number,
): CoachRatioRow[] {
  const count = new Map<string, number>();
  for (const c of coaches.filter(isApproved))
    if (c.departmentId) count.set(c.departmentId, (count.get(c.departmentId) ?? 0) + 1);
  return departments.map((d) => {
    const n = count.get(d.id) ?? 0;
    const size = members.get(d.id);
    if (size === undefined)
      return {
        departmentId: d.id,
        name: d.name,
        coaches: n,
        employeesPerCoach: null,
        coachesNeeded: null,
        belowTarget: null,
      };
    const needed = Math.ceil(size / target);
    return {
      departmentId: d.id,
      name: d.name,
      coaches: n,
      employeesPerCoach: n ? Math.round((size / n) * 10) / 10 : null,
      coachesNeeded: needed,
      belowTarget: n < needed,
    };
  });
}
