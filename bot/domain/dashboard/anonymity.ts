/**
 * Anonymity for every aggregate the tab shows, in one pure module.
 *
 * Three rules, applied by every dashboard and export response:
 * 1. Threshold: no figure about a group of fewer than `k` people (participation: members;
 *    results: respondents). `k` is the tenant's setting, never below 3.
 * 2. No differencing: every group anyone in the tenant may be shown is planned together.
 *    Anything derivable from the published groups by adding and subtracting them (a
 *    department minus its teams, the tenant minus every other team, a location minus a
 *    department...) must also hold at least `k`; a group that would betray a smaller one
 *    is suppressed too (complementary suppression).
 * 3. No differencing over time: results (levels, below target, modules, intake) move in
 *    releases, each only after at least `k` new completions, so comparing today with
 *    yesterday never isolates one person's scan.
 *
 * The differencing check is exact linear algebra over "cells" (people sharing team,
 * department and location): a set of cells is derivable iff its indicator vector lies in
 * the row space of the published groups. Components too large to enumerate are
 * suppressed further rather than trusted.
 */

export type GroupKind = 'tenant' | 'department' | 'location' | 'team';
export interface GroupRef {
  kind: GroupKind;
  id: string;
}
export const groupKey = (g: GroupRef): string => `${g.kind}|${g.id}`;
export function parseGroupKey(key: string): GroupRef {
  const at = key.indexOf('|');
  return { kind: key.slice(0, at) as GroupKind, id: key.slice(at + 1) };
}

export const MIN_THRESHOLD = 3;

/** The tenant's setting if it has one, else the deployment's default; never below 3. */
export function effectiveThreshold(tenantSetting: number | undefined | null, fallback: number): number {
  const chosen = typeof tenantSetting === 'number' && Number.isFinite(tenantSetting) ? tenantSetting : fallback;
  return Math.max(MIN_THRESHOLD, Math.ceil(chosen));
}

/** The finest split of the organisation: the keys of every group a set of people belongs to. */
export interface Cell {
  groups: string[];
}

export type Suppression = 'below-threshold' | 'complementary';

export interface PublicationPlan {
  threshold: number;
  published: Set<string>;
  suppressed: Map<string, Suppression>;
}

/** Participation figures are planned on members; results on respondents, and only for groups whose participation is shown. */
export interface DashboardPlan {
  threshold: number;
  participation: PublicationPlan;
  results: PublicationPlan;
}

export function planDashboard(cells: Cell[], members: Map<string, number>, respondents: Map<string, number>, threshold: number): DashboardPlan {
  const participation = planPublication(cells, members, threshold);
  const results = planPublication(cells, respondents, threshold, participation.published);
  for (const key of members.keys()) {
    if (!results.published.has(key) && !results.suppressed.has(key)) results.suppressed.set(key, participation.suppressed.get(key) ?? 'below-threshold');
  }
  return { threshold, participation, results };
}

/**
 * Chooses which groups may be published: those of at least `threshold` (primary), minus
 * as few others as needed so that nothing smaller can be derived from what is left.
 * `values` holds every group's size (people, or respondents); `eligible` limits the start.
 */
export function planPublication(cells: Cell[], values: Map<string, number>, threshold: number, eligible?: Set<string>): PublicationPlan {
  const groups = [...values.keys()];
  const index = new Map(groups.map((g, i) => [g, i]));
  const membersOf: number[][] = groups.map(() => []);
  cells.forEach((cell, c) => {
    for (const g of cell.groups) {
      const i = index.get(g);
      if (i !== undefined) membersOf[i].push(c);
    }
  });
  const value = (i: number) => values.get(groups[i]) ?? 0;
  const suppressed = new Map<string, Suppression>();
  const published = new Set<number>();
  groups.forEach((g, i) => {
    if ((eligible && !eligible.has(g)) || !(value(i) >= threshold) || membersOf[i].length === 0) suppressed.set(g, 'below-threshold');
    else published.add(i);
  });

  for (;;) {
    const leaks = findLeaks(published, membersOf, value, threshold);
    if (leaks.length === 0) break;
    const before = published.size;
    for (const combo of leaks) {
      const pick = complementFor(combo, published, value, groups);
      if (pick === null) continue;
      published.delete(pick);
      suppressed.set(groups[pick], 'complementary');
    }
    if (published.size === before) {
      // Cannot happen for a real leak (it is derived from published groups); fail closed if it does.
      for (const i of published) suppressed.set(groups[i], 'complementary');
      published.clear();
    }
  }
  return { threshold, published: new Set([...published].map((i) => groups[i])), suppressed };
}

/** Prefer the subtracted group (the sibling that betrays the small one), the smallest first; the tenant last. */
function complementFor(combo: Map<number, number>, published: Set<number>, value: (i: number) => number, groups: string[]): number | null {
  const entries = [...combo].filter(([g, c]) => Math.abs(c) > EPS && published.has(g)).map(([g, c]) => ({ g, c, tenant: groups[g].startsWith('tenant|') }));
  const order = [entries.filter((e) => e.c < 0 && !e.tenant), entries.filter((e) => !e.tenant), entries];
  for (const candidates of order) {
    if (candidates.length) return candidates.reduce((a, b) => (value(b.g) < value(a.g) || (value(b.g) === value(a.g) && b.g < a.g) ? b : a)).g;
  }
  return null;
}

const EPS = 1e-7;
/** Above this many rows in one component the enumeration is not attempted: suppress more instead. */
const MAX_ENUMERATED_ROWS = 12;

type Vec = Map<number, number>;
interface Row {
  pivot: number;
  vec: Vec;
  combo: Vec;
}

/** Every derivable set of cells smaller than the threshold, as the combination of groups that derives it. */
function findLeaks(published: Set<number>, membersOf: number[][], value: (i: number) => number, threshold: number): Vec[] {
  // Smallest groups first: teams become unit rows and keep the reduction sparse.
  const order = [...published].sort((a, b) => membersOf[a].length - membersOf[b].length || a - b);
  const basis = new ReducedBasis();
  for (const g of order) basis.insert(g, membersOf[g]);

  const rowValue = (r: Row) => [...r.combo].reduce((s, [g, c]) => s + c * value(g), 0);
  const leaks: Vec[] = [];
  const wide: Row[] = [];
  for (const row of basis.rows()) {
    if (row.vec.size === 1) {
      if (rowValue(row) < threshold - EPS) leaks.push(row.combo);
    } else wide.push(row);
  }
  for (const component of components(wide)) {
    if (component.length > MAX_ENUMERATED_ROWS) {
      leaks.push(merged(component.map((r) => r.combo)));
      continue;
    }
    const leak = smallDerivableSet(component, component.map(rowValue), threshold);
    if (leak) leaks.push(leak);
  }
  return leaks;
}

/** Walks all subsets of the rows (Gray code); a subset whose sum is a 0/1 vector is a derivable set of cells. */
function smallDerivableSet(rows: Row[], values: number[], threshold: number): Vec | null {
  const sum: Vec = new Map();
  const chosen = new Array<boolean>(rows.length).fill(false);
  let total = 0;
  for (let step = 1; step < 1 << rows.length; step++) {
    const bit = 31 - Math.clz32(step & -step);
    chosen[bit] = !chosen[bit];
    const sign = chosen[bit] ? 1 : -1;
    addScaled(sum, rows[bit].vec, sign);
    total += sign * values[bit];
    if (total >= threshold - EPS) continue;
    let zeroOne = true;
    for (const v of sum.values()) {
      if (Math.abs(v - 1) > EPS) {
        zeroOne = false;
        break;
      }
    }
    if (zeroOne && sum.size > 0) return merged(rows.filter((_, i) => chosen[i]).map((r) => r.combo));
  }
  return null;
}

function components(rows: Row[]): Row[][] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<number, number>();
  rows.forEach((row, i) => {
    for (const col of row.vec.keys()) {
      const j = owner.get(col);
      if (j === undefined) owner.set(col, i);
      else parent[find(i)] = find(j);
    }
  });
  const out = new Map<number, Row[]>();
  rows.forEach((row, i) => {
    const root = find(i);
    if (!out.has(root)) out.set(root, []);
    out.get(root)!.push(row);
  });
  return [...out.values()];
}

function merged(combos: Vec[]): Vec {
  const out: Vec = new Map();
  for (const c of combos) addScaled(out, c, 1);
  return out;
}

function addScaled(target: Vec, source: Vec, factor: number, onChange?: (col: number, present: boolean) => void): void {
  for (const [k, v] of source) {
    const next = (target.get(k) ?? 0) + factor * v;
    if (Math.abs(next) < EPS) {
      if (target.delete(k)) onChange?.(k, false);
    } else {
      if (!target.has(k)) onChange?.(k, true);
      target.set(k, next);
    }
  }
}

/** Reduced row echelon form built one group at a time, sparse, remembering which groups make up each row. */
class ReducedBasis {
  private readonly byPivot = new Map<number, Row>();
  /** Which rows (by pivot) hold a non-zero in a column. */
  private readonly holders = new Map<number, Set<number>>();

  rows(): Iterable<Row> {
    return this.byPivot.values();
  }

  insert(group: number, cols: number[]): void {
    const vec: Vec = new Map(cols.map((c) => [c, 1]));
    const combo: Vec = new Map([[group, 1]]);
    for (const col of [...vec.keys()]) {
      const row = this.byPivot.get(col);
      const f = vec.get(col);
      if (row && f !== undefined) {
        addScaled(vec, row.vec, -f);
        addScaled(combo, row.combo, -f);
      }
    }
    if (vec.size === 0) return;
    const pivot = Math.min(...vec.keys());
    const scale = 1 / vec.get(pivot)!;
    for (const [k, v] of vec) vec.set(k, v * scale);
    for (const [k, v] of combo) combo.set(k, v * scale);
    for (const other of [...(this.holders.get(pivot) ?? [])]) {
      const row = this.byPivot.get(other)!;
      const f = row.vec.get(pivot)!;
      addScaled(row.vec, vec, -f, (col, present) => this.track(col, other, present));
      addScaled(row.combo, combo, -f);
    }
    const row: Row = { pivot, vec, combo };
    this.byPivot.set(pivot, row);
    for (const col of vec.keys()) this.track(col, pivot, true);
  }

  private track(col: number, rowPivot: number, present: boolean): void {
    let set = this.holders.get(col);
    if (!set) this.holders.set(col, (set = new Set()));
    if (present) set.add(rowPivot);
    else set.delete(rowPivot);
  }
}

// ---------------------------------------------------------------------------------------
// Releases: results change only in steps of at least `k` new completions (rule 3).

/** What a release freezes of a group's results. */
export interface ReleasedResults<T> {
  /** Completions counted when released; the next release needs `k` more. */
  completions: number;
  respondents: number;
  value: T;
  releasedAt: string;
}

/**
 * The release to show now: the previous one while fewer than `k` completions arrived
 * since, else a new one of the current figures. Null while there never were `k` respondents.
 */
export function releaseFor<T>(
  previous: ReleasedResults<T> | null,
  current: { completions: number; respondents: number; value: T },
  threshold: number,
  now: string,
): { release: ReleasedResults<T> | null; isNew: boolean } {
  const due = previous === null ? current.respondents >= threshold : current.completions - previous.completions >= threshold;
  if (due && current.respondents >= threshold) return { release: { completions: current.completions, respondents: current.respondents, value: current.value, releasedAt: now }, isNew: true };
  return { release: previous, isNew: false };
}

/** A median or an average is shown only when it summarises at least `k` events. */
export function enoughEvents(count: number, threshold: number): boolean {
  return count >= threshold;
}
