import type { HelpGroupAggregate, ScanGroupAggregate } from './dashboard-ports';
import { emptyGrowth } from '../growth/growth';
import { emptyHelp, emptyScan, FINISHER_KEYS, subtractHelp, subtractScan, sumHelp, sumScan } from './rollups';

/**
 * The release model: every figure a leader or the programme team can see comes from one
 * released snapshot of the tenant (see the README's privacy section).
 *
 * The tenant is cut into disjoint cells: a team of at least `k` members is its own cell;
 * the smaller teams of a department share one pool cell; people in no team are the rest
 * cell. Every group shown is a sum of whole cells (a team: its cell; a department: its
 * teams and its pool; a location: its own-cell teams; the tenant: every cell).
 *
 * Within a cell, each family of figures (results, in progress, intake, module starters,
 * module finishers; growth travels with results, see mayReleaseResults; help requests, accepts, resolves, ratings; a coach department's
 * offers, declines, time-outs and escalations) has one counter. A family's released
 * figures move to the current ones only when that counter moved by at least `k` since the
 * family was last released, and lands on 0 or at least `k`; otherwise the cell keeps the
 * figures released before. Everything starts at zero. So every released counter of a cell
 * is 0 or at least `k`, and every change between two releases of a cell is made by at least
 * `k` people (or events): adding and subtracting releases of any groups at any moments
 * only ever gives sums of whole cells and whole changes, never fewer than `k`.
 */

export interface CellRelease {
  scan: ScanGroupAggregate;
  help: HelpGroupAggregate;
  /** When each family last moved (the snapshot's time then). */
  at: Record<string, string>;
}

export interface Snapshot {
  tenantId: string;
  /** The release period this snapshot belongs to (a UTC day) and when it was taken. */
  period: string;
  takenAt: string;
  threshold: number;
  cells: Record<string, CellRelease>;
  /** Coach-network cells per coach department. */
  coaches: Record<string, CellRelease>;
}

interface Family<A> {
  name: string;
  count(a: A): number;
  copy(from: A, to: A): void;
  /** The gate, when it is more than `mayRelease` on `count`. */
  may?(previous: A, current: A, k: number): boolean;
}

const SCAN_FAMILIES: Array<Family<ScanGroupAggregate>> = [
  {
    // Level counts, months and retakes move with the respondents: a change of >= k people.
    name: 'results',
    count: (a) => a.respondents,
    copy: (f, t) => {
      t.respondents = f.respondents;
      t.completions = f.completions;
      t.completionsByMonth = { ...f.completionsByMonth };
      t.levels = Object.fromEntries(Object.entries(f.levels).map(([d, l]) => [d, [...l]]));
      t.belowTarget = { ...f.belowTarget };
      t.measured = { ...f.measured };
      t.growth = structuredClone(f.growth ?? emptyGrowth());
    },
    may: mayReleaseResults,
  },
  counterFamily('inProgress'),
  counterFamily('intakeRequests'),
  counterFamily('moduleStarters'),
  counterFamily('moduleFinishers'),
  // The finishers' split by source: each its own counter, so each moves only by >= k people.
  ...FINISHER_KEYS.map(
    (key) => counterFamily<typeof key, Required<ScanGroupAggregate>>(key) as Family<ScanGroupAggregate>,
  ),
];

const HELP_FAMILIES: Array<Family<HelpGroupAggregate>> = [
  {
    name: 'requests',
    count: (a) => a.requests,
    copy: (f, t) => {
      t.requests = f.requests;
      t.intakes = f.intakes;
      // Resolves per month are not shown and move with their own family: only requests travel here.
      t.byMonth = Object.fromEntries(
        Object.entries(f.byMonth).map(([m, v]) => [m, { requests: v.requests, resolved: 0 }]),
      );
    },
  },
  {
    name: 'accepted',
    count: (a) => a.accepted,
    copy: (f, t) => {
      t.accepted = f.accepted;
      t.acceptMinutes = [...f.acceptMinutes];
    },
  },
  {
    name: 'resolved',
    count: (a) => a.resolved,
    copy: (f, t) => {
      t.resolved = f.resolved;
      t.resolveMinutes = [...f.resolveMinutes];
    },
  },
  {
    name: 'ratings',
    count: (a) => a.ratingCount,
    copy: (f, t) => {
      t.ratingCount = f.ratingCount;
      t.ratingSum = f.ratingSum;
    },
  },
  {
    // Questions solved by a knowledge article: their own family, released in steps of k like the requests.
    name: 'articleSolved',
    count: (a) => a.articleSolved ?? 0,
    copy: (f, t) => {
      t.articleSolved = f.articleSolved ?? 0;
    },
  },
  counterFamily('offers'),
  counterFamily('declines'),
  counterFamily('timeouts'),
  counterFamily('escalations'),
];

function counterFamily<K extends string, A extends Record<K, number>>(key: K): Family<A> {
  return {
    name: key,
    count: (a) => a[key] ?? 0,
    copy: (f, t) => {
      (t as Record<K, number>)[key] = f[key] ?? 0;
    },
  };
}

/** The gate: a family moves by at least `k`, to 0 or at least `k`. */
export function mayRelease(previous: number, current: number, k: number): boolean {
  return Math.abs(current - previous) >= k && (current === 0 || current >= k);
}

const isBlock = (n: number, k: number) => n === 0 || n >= k;
const isStep = (previous: number, current: number, k: number) => isBlock(Math.abs(current - previous), k);

/**
 * Results and growth move together, because both sum people's latest levels: growth over
 * the people with two scans, results over everyone. Then respondents, people with two scans,
 * and the people with one scan (respondents minus the others) must each be 0 or at least
 * `k`, and each of the first two must have moved by 0 or at least `k`. Growth is shown as a
 * change only (see growthOf), which with these steps sums whole blocks of at least `k`; the
 * condition on the people with one scan dates from mean levels before and after and is kept
 * as a margin. A first retake waits until `k` people of the cell retook.
 */
export function mayReleaseResults(previous: ScanGroupAggregate, current: ScanGroupAggregate, k: number): boolean {
  const [r0, r1] = [previous.respondents, current.respondents];
  const [g0, g1] = [previous.growth?.people ?? 0, current.growth?.people ?? 0];
  if (r0 === r1 && g0 === g1) return false;
  return isBlock(r1, k) && isBlock(g1, k) && isBlock(Math.max(0, r1 - g1), k) && isStep(r0, r1, k) && isStep(g0, g1, k);
}

function advance<A>(families: Array<Family<A>>, previous: A, current: A, k: number): { next: A; moved: string[] } {
  const next = structuredClone(previous);
  const moved: string[] = [];
  for (const f of families) {
    const may = f.may ? f.may(previous, current, k) : mayRelease(f.count(previous), f.count(current), k);
    if (!may) continue;
    f.copy(current, next);
    moved.push(f.name);
  }
  return { next, moved };
}

export function emptyCell(): CellRelease {
  return { scan: emptyScan(), help: emptyHelp(), at: {} };
}

/** One cell's next release from its previous one and its current aggregates. */
export function advanceCell(
  previous: CellRelease | undefined,
  current: { scan: ScanGroupAggregate; help: HelpGroupAggregate },
  k: number,
  now: string,
): CellRelease {
  const prev = previous ?? emptyCell();
  const scan = advance(SCAN_FAMILIES, prev.scan, current.scan, k);
  const help = advance(HELP_FAMILIES, prev.help, current.help, k);
  const at = { ...prev.at };
  for (const name of [...scan.moved.map((n) => `scan.${n}`), ...help.moved.map((n) => `help.${n}`)]) at[name] = now;
  return { scan: scan.next, help: help.next, at };
}

/** What the snapshot reads: the current aggregates of every cell, all in one pass. */
export interface CellReading {
  cells: Map<string, { scan: ScanGroupAggregate; help: HelpGroupAggregate }>;
  coaches: Map<string, HelpGroupAggregate>;
}

/** The next snapshot: every cell advanced through the gate against the previous snapshot (zero for new cells). */
export function takeSnapshot(
  previous: Snapshot | null,
  reading: CellReading,
  tenantId: string,
  k: number,
  period: string,
  now: string,
): Snapshot {
  // A raised threshold starts from zero: figures released under a lower one are not compared with new ones.
  const prev = previous && previous.threshold === k ? previous : null;
  const cells: Record<string, CellRelease> = {};
  const keys = new Set([...Object.keys(prev?.cells ?? {}), ...reading.cells.keys()]);
  for (const key of keys)
    cells[key] = advanceCell(
      prev?.cells[key],
      reading.cells.get(key) ?? { scan: emptyScan(), help: emptyHelp() },
      k,
      now,
    );
  const coaches: Record<string, CellRelease> = {};
  const coachKeys = new Set([...Object.keys(prev?.coaches ?? {}), ...reading.coaches.keys()]);
  for (const key of coachKeys)
    coaches[key] = advanceCell(
      prev?.coaches[key],
      { scan: emptyScan(), help: reading.coaches.get(key) ?? emptyHelp() },
      k,
      now,
    );
  return { tenantId, period, takenAt: now, threshold: k, cells, coaches };
}

// ---------------------------------------------------------------------------------------
// Cells of an organisation.

export interface CellTeam {
  id: string;
  members: number;
  departmentId?: string;
  locationId?: string;
}

export const teamCell = (teamId: string) => `team:${teamId}`;
export const poolCell = (departmentId: string | undefined) => `pool:${departmentId ?? ''}`;
export const REST_CELL = 'rest';

/** The cell a team's people count in: its own when the team has at least `k` members, else its department's pool. */
export function cellOfTeam(team: CellTeam, k: number): string {
  return team.members >= k ? teamCell(team.id) : poolCell(team.departmentId);
}

interface TeamIndex {
  byId: Map<string, CellTeam>;
  byDepartment: Map<string, CellTeam[]>;
  byLocation: Map<string, CellTeam[]>;
}

/** Built once per list of teams, so a view of thousands of teams is not quadratic. */
const indexes = new WeakMap<CellTeam[], TeamIndex>();

function indexOf(teams: CellTeam[]): TeamIndex {
  let index = indexes.get(teams);
  if (!index) {
    index = { byId: new Map(), byDepartment: new Map(), byLocation: new Map() };
    const add = (map: Map<string, CellTeam[]>, key: string | undefined, t: CellTeam) => {
      if (!key) return;
      const list = map.get(key);
      if (list) list.push(t);
      else map.set(key, [t]);
    };
    for (const t of teams) {
      index.byId.set(t.id, t);
      add(index.byDepartment, t.departmentId, t);
      add(index.byLocation, t.locationId, t);
    }
    indexes.set(teams, index);
  }
  return index;
}

/** The cells a group is made of (empty: the group has no released figures of its own). */
export function cellsOfGroup(
  teams: CellTeam[],
  k: number,
  group: { kind: 'tenant' | 'department' | 'location' | 'team'; id: string },
  allCells: string[],
): string[] {
  const index = indexOf(teams);
  switch (group.kind) {
    case 'tenant':
      return allCells;
    case 'team': {
      const team = index.byId.get(group.id);
      return team && team.members >= k ? [teamCell(team.id)] : [];
    }
    case 'department':
      return [
        ...(index.byDepartment.get(group.id) ?? []).filter((t) => t.members >= k).map((t) => teamCell(t.id)),
        poolCell(group.id),
      ];
    case 'location':
      // Pooled teams span locations: they count in their department and the tenant only.
      return (index.byLocation.get(group.id) ?? []).filter((t) => t.members >= k).map((t) => teamCell(t.id));
  }
}

/** Current aggregates per cell, from every team's aggregates and the tenant's (the rest is the tenant minus its teams). */
export function readCells(
  teams: CellTeam[],
  k: number,
  teamScan: Map<string, ScanGroupAggregate>,
  teamHelp: Map<string, HelpGroupAggregate>,
  tenantScan: ScanGroupAggregate | null,
  tenantHelp: HelpGroupAggregate | null,
): CellReading['cells'] {
  const parts = new Map<string, { scan: ScanGroupAggregate[]; help: HelpGroupAggregate[] }>();
  for (const t of teams) {
    const key = cellOfTeam(t, k);
    const p = parts.get(key) ?? { scan: [], help: [] };
    const s = teamScan.get(t.id);
    const h = teamHelp.get(t.id);
    if (s) p.scan.push(s);
    if (h) p.help.push(h);
    parts.set(key, p);
  }
  const cells: CellReading['cells'] = new Map(
    [...parts].map(([key, p]) => [key, { scan: sumScan(p.scan), help: sumHelp(p.help) }]),
  );
  const allTeamsScan = sumScan([...teams].map((t) => teamScan.get(t.id)).filter((x): x is ScanGroupAggregate => !!x));
  const allTeamsHelp = sumHelp([...teams].map((t) => teamHelp.get(t.id)).filter((x): x is HelpGroupAggregate => !!x));
  cells.set(REST_CELL, {
    scan: subtractScan(tenantScan ?? emptyScan(), allTeamsScan),
    help: subtractHelp(tenantHelp ?? emptyHelp(), allTeamsHelp),
  });
  return cells;
}

/** A group's released figures: the sum of its cells, and when the newest of them was released. */
export function releasedOf(
  cells: Record<string, CellRelease>,
  keys: string[],
): { scan: ScanGroupAggregate; help: HelpGroupAggregate; at: Record<string, string> } {
  const parts = keys.map((k) => cells[k]).filter((c): c is CellRelease => !!c);
  const at: Record<string, string> = {};
  for (const c of parts) for (const [f, when] of Object.entries(c.at)) if (!at[f] || when > at[f]) at[f] = when;
  return { scan: sumScan(parts.map((c) => c.scan)), help: sumHelp(parts.map((c) => c.help)), at };
}
